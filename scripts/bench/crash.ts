// npm run bench:crash [-- --trials N] — kill -9 stress for crash safety (DESIGN.md "Recording"). N trials, each a real
// `handoff record --progress` in its own process (synthetic screen, camera and mic; nothing on the shared display),
// killed at a random moment: the recording process, its ffmpeg, or both. `handoff recover` runs at once after the
// kill. Reported: clips lost, recordings left unrecovered (folders still in recordings/ once everything has exited),
// and the seconds lost against the last progress report before the kill. Target at N = 100: 0, 0, ≤ 1 s.
//
// The recording process runs under a parent that never reaps it (`--parent zombie`, the default: sh exec'd into
// sleep), so after a kill -9 it stays a zombie while recover runs, the case that left recordings behind; `--parent
// reaping` makes it a direct child of this script, reaped as soon as it dies.
//
// Baseline in the same run: at the instant recover starts, what the old owner check (`kill(pid, 0)` alone) answers
// for the killed recording process, against the start-time check recovery uses now (owner.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ownerAlive, readProcStat } from '../../electron/core/capture/owner';

const { values: cli } = parseArgs({
  options: {
    trials: { type: 'string', default: '100' },
    seed: { type: 'string' },
    'max-kill-s': { type: 'string', default: '6' },
    parent: { type: 'string', default: 'zombie' },
    // Another checkout's bin/handoff.mjs (e.g. main before a change), to measure the old code the same way.
    handoff: { type: 'string' },
  },
});
const TRIALS = Math.max(1, Number(cli.trials));
const ZOMBIE_PARENT = cli.parent !== 'reaping';
const MAX_KILL_MS = Number(cli['max-kill-s']) * 1000;
const repo = path.resolve(import.meta.dirname, '..', '..');
const HANDOFF = path.resolve(cli.handoff ?? path.join(repo, 'bin', 'handoff.mjs'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-crash-'));

// A small deterministic generator (mulberry32), so a run can be repeated with --seed.
let seed = Number(cli.seed ?? Date.now() % 2 ** 31) >>> 0;
const firstSeed = seed;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

type Victim = 'recorder' | 'ffmpeg' | 'both';

interface Trial {
  victim: Victim;
  killAtMs: number;
  lastProgressMs: number | null;
  clipMs: number | null;
  left: number;
  oldRuleSkips: boolean;
  newRuleSkips: boolean;
  orphanFfmpeg: boolean;
  note: string;
}

function handoff(dataDir: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [HANDOFF, '--data-dir', dataDir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: process.env.DISPLAY ?? ':99' },
  });
}

function collect(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += String(c)));
  child.stderr?.on('data', (c: Buffer) => (stderr += String(c)));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function signalAnswers(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function recordingManifest(dataDir: string): { dir: string; ownerPid: number; ownerStart?: string | null; ffmpegPid: number | null } | null {
  const root = path.join(dataDir, 'recordings');
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    try {
      return { dir: path.join(root, name), ...JSON.parse(readFileSync(path.join(root, name, 'manifest.json'), 'utf8')) };
    } catch {
      continue; // not written yet (the recorder is starting): nothing of it to kill
    }
  }
  return null;
}

function kill(pid: number | null | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The pid of the recording process: the child of `parent` (the non-reaping wrapper), or `parent` itself. */
function childOf(parent: number): number | null {
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) return Number(entry);
    } catch {
      continue; // the process ended between listing and reading
    }
  }
  return null;
}

const dead = (pid: number) => {
  const state = readProcStat(pid)?.state;
  return state === undefined || state === 'Z' || state === 'X';
};

/** Waits for a process to end; false when it is still running after `ms` (a hang, reported). */
async function waitUntilDead(pid: number, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (!dead(pid)) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function trial(index: number): Promise<Trial> {
  const dataDir = path.join(tmp, `t${String(index).padStart(3, '0')}`);
  let victim: Victim = (['recorder', 'ffmpeg', 'both'] as const)[Math.floor(random() * 3)];
  // One kill in ten lands while the recorder starts up; the others at a random recorded time up to --max-kill-s, plus a
  // random part of a progress interval, so kills do not line up with progress reports or segment ends.
  const duringStartup = random() < 0.1;
  const startupKillMs = 200 + random() * 2800;
  const killAtRecordedMs = random() * MAX_KILL_MS;
  const afterReportMs = random() * 500;
  const recordArgs = ['--data-dir', dataDir, 'record', '--synthetic', '--mic', 'synthetic', '--max-height', '360', '--seconds', '60', '--progress', '--json'];
  const env = { ...process.env, DISPLAY: process.env.DISPLAY ?? ':99' };
  const launcher = ZOMBIE_PARENT
    ? spawn('sh', ['-c', '"$@" & exec sleep 3600', 'sh', process.execPath, HANDOFF, ...recordArgs], { stdio: ['ignore', 'ignore', 'pipe'], env })
    : spawn(process.execPath, [HANDOFF, ...recordArgs], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let recorderPid: number | null = ZOMBIE_PARENT ? null : launcher.pid!;
  while (recorderPid === null) {
    recorderPid = childOf(launcher.pid!);
    if (recorderPid === null) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  let lastProgressMs: number | null = null;
  let reached: () => void = () => undefined;
  const reachedTarget = new Promise<void>((resolve) => (reached = resolve));
  createInterface({ input: launcher.stderr! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const message = JSON.parse(line) as { event: string; elapsedMs?: number };
    if (message.event === 'recorder:progress') lastProgressMs = message.elapsedMs ?? lastProgressMs;
    if (lastProgressMs !== null && lastProgressMs >= killAtRecordedMs) reached();
  }).on('close', () => reached()); // the recorder ended by itself (it failed to start): the trial goes on and says so
  const started = performance.now();
  if (duringStartup) await new Promise((resolve) => setTimeout(resolve, startupKillMs));
  else {
    await reachedTarget;
    await new Promise((resolve) => setTimeout(resolve, afterReportMs));
  }

  // The kill, the owner checks and the recover start happen in one synchronous run: nothing is reaped in between.
  const manifest = recordingManifest(dataDir);
  const progressAtKill = lastProgressMs as number | null;
  const ownerPid = manifest?.ownerPid ?? recorderPid;
  // Early in start-up there is no recording ffmpeg yet: the recording process is what there is to kill.
  if (!manifest?.ffmpegPid && victim === 'ffmpeg') victim = 'recorder';
  if (victim !== 'ffmpeg') kill(ownerPid);
  if (victim !== 'recorder') kill(manifest?.ffmpegPid);
  // A SIGKILL takes effect when the process is next scheduled: wait (spinning, no event loop turn) until it has.
  if (victim !== 'ffmpeg') while (!dead(ownerPid));
  const oldRuleSkips = victim !== 'ffmpeg' && signalAnswers(ownerPid);
  const newRuleSkips = victim !== 'ffmpeg' && ownerAlive(ownerPid, manifest?.ownerStart ?? null);
  const recover = collect(handoff(dataDir, ['recover', '--json']));
  const actualKillMs = performance.now() - started;

  const recovered = await recover;
  // When only ffmpeg died the recorder makes the clip itself; everything must have exited before counting.
  const ended = await waitUntilDead(recorderPid, 90_000);
  if (!ended) kill(recorderPid);
  launcher.kill('SIGKILL');
  const list = collect(handoff(dataDir, ['list', '--json']));
  const listed = await list;
  // A library the crash left unreadable is a finding of the trial, not the end of the run.
  let clips: { durationMs: number | null }[] = [];
  let listProblem = '';
  try {
    clips = (JSON.parse(listed.stdout) as { clips: { durationMs: number | null }[] }).clips;
  } catch {
    listProblem = `list failed (exit ${listed.code}): ${listed.stderr.trim().split('\n').at(-1) ?? ''}`;
  }
  const left = existsSync(path.join(dataDir, 'recordings')) ? readdirSync(path.join(dataDir, 'recordings')).length : 0;
  // An ffmpeg that outlived everything (recover should have stopped it) is found by its recording folder.
  let orphanFfmpeg = false;
  if (manifest?.ffmpegPid && readProcStat(manifest.ffmpegPid)?.state !== 'Z') {
    const cmdline = (() => {
      try {
        return readFileSync(`/proc/${manifest.ffmpegPid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    })();
    if (cmdline.includes(dataDir)) {
      orphanFfmpeg = true;
      kill(manifest.ffmpegPid);
    }
  }
  const note = [
    recovered.code !== 0 ? `recover exit ${recovered.code}: ${recovered.stderr.trim().split('\n').at(-1)}` : '',
    ended ? '' : 'the recorder did not end within 90 s after its ffmpeg was killed',
    listProblem,
  ].filter(Boolean).join('; ');
  rmSync(dataDir, { recursive: true, force: true });
  return {
    victim,
    killAtMs: actualKillMs,
    lastProgressMs: progressAtKill,
    clipMs: clips[0]?.durationMs ?? null,
    left,
    oldRuleSkips,
    newRuleSkips,
    orphanFfmpeg,
    note,
  };
}

/**
 * Seconds lost against the last progress report before the kill: what was reported minus what the clip holds; a
 * missing clip lost everything reported. null when nothing was reported yet (killed during start-up).
 */
function lossOf(t: Trial): number | null {
  if (t.lastProgressMs === null) return null;
  return Math.max(0, t.lastProgressMs - (t.clipMs ?? 0)) / 1000;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] : NaN);

async function main() {
  console.log(
    `bench:crash — ${TRIALS} trials, kills at 0–${MAX_KILL_MS / 1000} s of recorded time (1 in 10 during start-up), ` +
      `${ZOMBIE_PARENT ? 'recorder under a non-reaping parent' : 'recorder a direct child'}, seed ${firstSeed}, ${HANDOFF}`,
  );
  const results: Trial[] = [];
  const wallStart = performance.now();
  for (let i = 0; i < TRIALS; i++) {
    const t = await trial(i);
    results.push(t);
    const loss = lossOf(t);
    console.log(
      `#${String(i + 1).padStart(3)} kill ${t.victim.padEnd(8)} ${(t.killAtMs / 1000).toFixed(2)} s after start  progress ${t.lastProgressMs === null ? '   –  ' : `${(t.lastProgressMs / 1000).toFixed(2)} s`}` +
        `  clip ${t.clipMs === null ? '  none' : `${(t.clipMs / 1000).toFixed(2)} s`}  lost ${loss === null ? '–' : `${loss.toFixed(2)} s`}` +
        `${t.left ? `  LEFT ${t.left}` : ''}${t.orphanFfmpeg ? '  ORPHAN-FFMPEG' : ''}${t.oldRuleSkips ? '  (kill(pid,0) answered)' : ''}${t.note ? `  ${t.note}` : ''}`,
    );
  }
  // A clip is lost when more than a second of recording had been reported and no clip came of it. Until the first
  // segment is complete (about 1 s of recording) there is nothing to keep: such a trial has no clip, and its loss (all
  // it reported, at most about 1 s) is in the loss figures.
  const lost = results.filter((t) => t.clipMs === null && (t.lastProgressMs ?? 0) > 1000);
  const early = results.filter((t) => t.clipMs === null && t.lastProgressMs !== null && t.lastProgressMs <= 1000);
  const left = results.reduce((sum, t) => sum + t.left, 0);
  const losses = results.map(lossOf).filter((x): x is number => x !== null);
  const victims = (v: Victim) => results.filter((t) => t.victim === v).length;
  const oldSkips = results.filter((t) => t.oldRuleSkips).length;
  const newSkips = results.filter((t) => t.newRuleSkips).length;
  console.log('');
  console.log(`trials: ${TRIALS} (recorder ${victims('recorder')}, ffmpeg ${victims('ffmpeg')}, both ${victims('both')}) in ${((performance.now() - wallStart) / 1000).toFixed(0)} s`);
  console.log(
    `clips lost: ${lost.length}   (no clip after at most 1 s of progress, nothing complete to keep: ${early.length}; ` +
      `killed before the first progress report: ${results.filter((t) => t.lastProgressMs === null).length})`,
  );
  console.log(`recordings left unrecovered: ${left}`);
  console.log(`orphaned ffmpeg left running: ${results.filter((t) => t.orphanFfmpeg).length}`);
  console.log(
    `seconds lost against the last progress report: max ${Math.max(0, ...losses).toFixed(2)} s, p95 ${pct(losses, 95).toFixed(2)} s, ` +
      `median ${pct(losses, 50).toFixed(2)} s, mean ${(losses.reduce((a, b) => a + b, 0) / Math.max(1, losses.length)).toFixed(2)} s over ${losses.length} trials with progress`,
  );
  console.log(
    `baseline (owner check at the kill instant): kill(pid, 0) answered for the killed recorder in ${oldSkips} of ${victims('recorder') + victims('both')} ` +
      `trials (the old rule would have skipped them); the start-time check in ${newSkips} — ratio ${oldSkips}:${newSkips}`,
  );
  console.log(`target at N = 100: 0 lost, 0 left, ≤ 1 s — ${lost.length === 0 && left === 0 && Math.max(0, ...losses) <= 1 ? 'met' : 'NOT met'}`);
  rmSync(tmp, { recursive: true, force: true });
}

await main();
