// npm run bench:record — the recorder against plain `ffmpeg -f x11grab … -c:v libx264 -preset ultrafast` on the same
// content in the same run: real-time factor and duplicated frames at 1080p30 and 720p30, for an ordinary desktop and
// for full-screen scrolling text; stop → ready for 10 s (recorded live), 60 s and 600 s (parts made faster than real
// time, because a 600 s live capture is too long here); peak RSS of recorder + ffmpeg; MB per minute.
//
// Content is drawn on a private Xvfb (:97) by ffplay showing a lavfi source, so nothing else on the machine's shared
// display disturbs the numbers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { recordOptions } from '../../shared/contract/recorder';
import { currentCliBundle } from '../../bin/cli-bundle.mjs';
import { createLogger } from '../../electron/core/logger';
import { buildVideo } from '../../electron/core/capture/finalize';
import { startLiveJoin } from '../../electron/core/capture/live-join';
import { readManifest, writeManifest } from '../../electron/core/capture/manifest';
import { rssOf, treeRss, type ProcessKind } from './lib/process-tree';
import { liveComparison, type LiveSetup } from './record-live';

const DISPLAY = ':97';
// Runs last 60 s (`-- --seconds N`); `-- --only 720p-scrolling` runs one scenario, `-- --finalize-only` only finalize.
// The real-time factor is read over the steady part, after the first third: while the input queues and x264's
// pipeline fill, output time trails wall time a little (18 s runs read 0.986–0.988×, 60 s runs 0.997×), and 0.5 s
// progress reports need a long window to resolve 1%.
// `-- --live-transcription`: the scenarios with transcription while recording off and on (record-live.ts).
const { values: cli } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, 'finalize-only': { type: 'boolean', default: false }, only: { type: 'string' }, 'live-transcription': { type: 'boolean', default: false } } });
const SECONDS = Math.max(4, Number(cli.seconds));
const STEADY_FROM_MS = Math.max(2000, (SECONDS * 1000) / 3);
const repo = path.resolve(import.meta.dirname, '..', '..');
const font = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-rec-'));
const children: ChildProcess[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / (1024 * 1024);

async function startDisplay(): Promise<void> {
  if (spawnSync('ffmpeg', ['-v', 'error', '-f', 'x11grab', '-video_size', '16x16', '-i', DISPLAY, '-frames:v', '1', '-f', 'null', '-']).status === 0) return;
  children.push(spawn('Xvfb', [DISPLAY, '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    if (spawnSync('ffmpeg', ['-v', 'error', '-f', 'x11grab', '-video_size', '16x16', '-i', DISPLAY, '-frames:v', '1', '-f', 'null', '-']).status === 0) return;
  }
  throw new Error(`Xvfb ${DISPLAY} did not start`);
}

function startContent(kind: 'ordinary' | 'scrolling'): ChildProcess {
  const words = 'the quick brown fox jumps over lazy dog deploy build merge review ticket sprint release async handoff video'.split(' ');
  const textFile = path.join(tmp, 'scroll.txt');
  writeFileSync(textFile, Array.from({ length: 160 }, (_, i) => Array.from({ length: 22 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ')).join('\n'));
  const source =
    kind === 'scrolling'
      ? `color=c=white:s=1920x1080:r=30,drawtext=fontfile=${font}:textfile=${textFile}:fontsize=22:fontcolor=black:x=20:y=h-mod(t*240\\,4400)`
      : `color=c=0x3b6ea5:s=1920x1080:r=2,drawbox=x=200:y=150:w=1100:h=700:c=white:t=fill,` +
        `drawtext=fontfile=${font}:text='Quarterly plan':fontsize=40:x=240:y=190,drawtext=fontfile=${font}:text='%{localtime}':fontsize=28:x=1600:y=1040:fontcolor=white`;
  const child = spawn('ffplay', ['-hide_banner', '-loglevel', 'error', '-an', '-noborder', '-left', '0', '-top', '0', '-x', '1920', '-y', '1080', '-f', 'lavfi', source], {
    env: { ...process.env, DISPLAY, SDL_AUDIODRIVER: 'dummy' },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

interface RunFigures {
  rtf: number;
  dupPct: number;
  dropPct: number;
  peakRssMb: number;
  mbPerMin: number | null;
  parts: number;
}

export interface RecorderFigures extends RunFigures {
  /** The recorder process alone, and what it started (ffmpeg; esbuild under tsx), each at its own peak. */
  peakRecorderMb: number;
  peakChildrenMb: number;
  /** The same tree's peak proportional set size (shared libraries counted once; lib/process-tree.ts). */
  peakPssMb: number;
  /** What it started, by kind, each at its own peak. */
  peakByKindMb: Record<ProcessKind, number>;
  /** Names of the other processes it started (neither ffmpeg nor a recognizer). */
  otherNames: string[];
  stopToReadyMs: number | null;
  /** With live transcription: its last `transcripts:live` state and windows, and the transcript's state at exit. */
  live: { state: string; windows: number; audioMs: number; reason: string | null } | null;
  transcript: string | null;
}

interface RecorderRunRequest {
  height: number;
  seconds: number;
  stopByCall: boolean;
  live?: LiveSetup;
}

/** Real-time factor over the steady part of a run: output time gained per wall time, after the first 2 s. */
function steadyRtf(samples: { wall: number; out: number }[]): number {
  const steady = samples.filter((s) => s.out >= STEADY_FROM_MS);
  if (steady.length < 2) return NaN;
  const first = steady[0];
  const last = steady[steady.length - 1];
  return (last.out - first.out) / (last.wall - first.wall);
}

async function baseline(height: number): Promise<RunFigures> {
  const out = path.join(tmp, `baseline-${height}.mp4`);
  const scale = height < 1080 ? ['-vf', `scale=-2:${height}`] : [];
  const child = spawn(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-progress', 'pipe:1', '-stats_period', '0.5', '-f', 'x11grab', '-framerate', '30', '-i', DISPLAY, ...scale, '-c:v', 'libx264', '-preset', 'ultrafast', '-t', String(SECONDS), '-y', out],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const samples: { wall: number; out: number }[] = [];
  let dup = 0;
  let drop = 0;
  let frames = 0;
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 100);
  const block: Record<string, string> = {};
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [key, value] = line.split('=');
    block[key] = value;
    if (key === 'progress') {
      samples.push({ wall: performance.now(), out: Number(block.out_time_us) / 1000 });
      dup = Number(block.dup_frames);
      drop = Number(block.drop_frames);
      frames = Number(block.frame);
    }
  });
  await new Promise((resolve) => child.once('close', resolve));
  clearInterval(timer);
  return { rtf: steadyRtf(samples), dupPct: (100 * dup) / frames, dropPct: (100 * drop) / frames, peakRssMb: mb(peak), mbPerMin: mb(statSync(out).size) / (SECONDS / 60), parts: 1 };
}

/**
 * One recording made by the real `handoff record` in its own process, as a user would run it (the bundle when it is
 * built, see bin/handoff.mjs): the memory figure is that process and the ffmpeg it starts, nothing of the bench's.
 * Progress comes from its `--progress` JSON lines; stop → ready is Enter on its stdin until its JSON result.
 */
export async function recordWithCli({ height, seconds, stopByCall, live }: RecorderRunRequest): Promise<RecorderFigures> {
  const dataDir = path.join(tmp, `rec-${height}-${Date.now()}`);
  const handoff = (args: string[]) => {
    const run = spawnSync(process.execPath, [path.join(repo, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, ...live?.env } });
    if (run.status !== 0) throw new Error(`handoff ${args.join(' ')} failed: ${run.stderr}`);
  };
  for (const args of live?.setup ?? []) handoff(args);
  const args = ['--data-dir', dataDir, 'record', '--json', '--progress', '--camera', 'synthetic', '--mic', live?.mic ?? MIC, '--max-height', String(height)];
  if (!stopByCall) args.push('--seconds', String(seconds));
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'handoff.mjs'), ...args], {
    env: { ...process.env, ...live?.env, DISPLAY, HANDOFF_CLI_FROM_SOURCE: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stopSpeaking = live?.whileRecording?.() ?? null;
  const samples: { wall: number; out: number }[] = [];
  let last = { dupFrames: 0, dropFrames: 0, frames: 1 };
  let parts = 1;
  let stopSentAt: number | null = null;
  let stopToReadyMs: number | null = null;
  const errors: string[] = [];
  let liveState: RecorderFigures['live'] = null;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!line.startsWith('{')) return void errors.push(line);
    const message = JSON.parse(line) as { event: string; kind?: string; elapsedMs: number; dupFrames: number; dropFrames: number; frames: number; state: string; windows: number; audioMs: number; reason: string | null };
    if (message.event === 'transcripts:live') liveState = { state: message.state, windows: message.windows, audioMs: message.audioMs, reason: message.reason };
    if (message.event === 'recorder:progress') {
      samples.push({ wall: performance.now(), out: message.elapsedMs });
      last = message;
      if (stopByCall && stopSentAt === null && message.elapsedMs >= seconds * 1000) {
        stopSentAt = performance.now();
        child.stdin!.write('\n');
      }
    }
    if (message.event === 'recorder:warning' && message.kind === 'falling-behind') parts += 1;
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    if (stopSentAt !== null && stopToReadyMs === null) stopToReadyMs = performance.now() - stopSentAt;
    stdout += String(chunk);
  });
  const otherNames = new Set<string>();
  const peak = { total: 0, pss: 0, recorder: 0, children: 0, byKind: { ffmpeg: 0, recognizer: 0, other: 0 } as Record<ProcessKind, number> };
  const timer = setInterval(() => {
    const now = treeRss(child.pid!);
    peak.total = Math.max(peak.total, now.recorder + now.children);
    peak.pss = Math.max(peak.pss, now.pss);
    peak.recorder = Math.max(peak.recorder, now.recorder);
    peak.children = Math.max(peak.children, now.children);
    for (const kind of ['ffmpeg', 'recognizer', 'other'] as const) peak.byKind[kind] = Math.max(peak.byKind[kind], now.byKind[kind]);
    for (const name of now.otherNames) otherNames.add(name);
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearInterval(timer);
  stopSpeaking?.();
  if (code !== 0) throw new Error(`handoff record exited with ${code}: ${errors.join('\n')}`);
  const result = JSON.parse(stdout) as { durationMs: number | null; videoPath: string; transcript: string | null };
  return {
    rtf: steadyRtf(samples),
    dupPct: (100 * last.dupFrames) / Math.max(1, last.frames),
    dropPct: (100 * last.dropFrames) / Math.max(1, last.frames),
    peakRssMb: mb(peak.total),
    peakPssMb: mb(peak.pss),
    peakRecorderMb: mb(peak.recorder),
    peakChildrenMb: mb(peak.children),
    peakByKindMb: { ffmpeg: mb(peak.byKind.ffmpeg), recognizer: mb(peak.byKind.recognizer), other: mb(peak.byKind.other) },
    otherNames: [...otherNames],
    live: liveState,
    transcript: result.transcript,
    mbPerMin: mb(statSync(result.videoPath).size) / ((result.durationMs ?? 1) / 60_000),
    parts,
    stopToReadyMs,
  };
}

/**
 * A recording folder of `seconds` in `parts` (a paused recording has several), made faster than real time (320×180 at
 * a forced 2 Mbit/s ≈ 15 MB/min, + AAC).
 */
function syntheticRecording(dataDir: string, id: string, seconds: number, parts: number): void {
  const dir = path.join(dataDir, 'recordings', id);
  const now = new Date().toISOString();
  const each = seconds / parts;
  for (let index = 0; index < parts; index++) {
    const part = path.join(dir, `part-${String(index).padStart(3, '0')}`);
    mkdirSync(part, { recursive: true });
    const r = spawnSync('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=s=320x180:r=30:d=${each}`, '-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${each}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '2000k', '-minrate', '2000k', '-maxrate', '2000k', '-bufsize', '1000k', '-x264-params', 'nal-hrd=cbr',
      '-force_key_frames', 'expr:gte(t,n_forced*1)', '-c:a', 'aac', '-b:a', '96k',
      '-f', 'hls', '-hls_time', '1', '-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments', '-hls_list_size', '0', '-hls_playlist_type', 'event',
      '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', path.join(part, 'seg-%05d.m4s'), path.join(part, 'index.m3u8'),
    ]);
    if (r.status !== 0) throw new Error(`making synthetic parts failed: ${String(r.stderr)}`);
  }
  writeManifest(dir, {
    version: 1, id, state: 'stopping', options: recordOptions.parse({}), createdAt: now, updatedAt: now, ownerPid: process.pid, ffmpegPid: null,
    output: { width: 320, height: 180 },
    parts: Array.from({ length: parts }, (_, index) => ({
      index, dir: `part-${String(index).padStart(3, '0')}`, startedAt: now, endedAt: now, durationMs: each * 1000, encoder: 'libx264' as const, preset: 'ultrafast' as const, fps: 30,
    })),
    error: null,
  });
}

/**
 * Finalize alone on a synthetic recording of `seconds`, both ways: from the segments (what recovery does, and what stop
 * did before the live join), and with the join the recorder builds while recording (poked here until it has caught up,
 * as the recorder's progress reports would have done during those seconds), so only stop's own work is timed.
 */
async function finalizeTime(seconds: number, parts = 1): Promise<{ fromSegmentsMs: number; liveMs: number; mb: number }> {
  const dataDir = path.join(tmp, `fin-${seconds}-${parts}`);
  const id = `bench${seconds}sec${parts}parts`;
  syntheticRecording(dataDir, id, seconds, parts);
  const recordingDir = path.join(dataDir, 'recordings', id);
  const manifest = await readManifest(recordingDir);
  const logger = createLogger('bench', { level: 'error' });
  const live = startLiveJoin({ outPath: path.join(recordingDir, 'live.partial.mp4'), fps: 30, logger });
  for (const part of manifest.parts) {
    live.addPart(path.join(recordingDir, part.dir));
    live.poke();
    await live.settled();
  }
  const t0 = performance.now();
  const withLive = await buildVideo({ ffmpegPath: 'ffmpeg', recordingDir, manifest, clipDir: path.join(dataDir, 'clip-live'), logger, liveJoin: live });
  const liveMs = performance.now() - t0;
  const t1 = performance.now();
  await buildVideo({ ffmpegPath: 'ffmpeg', recordingDir, manifest, clipDir: path.join(dataDir, 'clip-segments'), logger });
  const fromSegmentsMs = performance.now() - t1;
  return { fromSegmentsMs, liveMs, mb: mb(statSync(withLive.videoPath).size) };
}

/**
 * The real PulseAudio source when a server answers (CI and dev machines start one), else the synthetic tone: a real
 * mic's clock is what once stalled the screen (77% duplicated frames) while the synthetic one hid it.
 */
const MIC = spawnSync('ffmpeg', ['-v', 'error', '-f', 'pulse', '-i', 'default', '-t', '0.05', '-f', 'null', '-']).status === 0 ? 'default' : 'synthetic';

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main() {
  if (!existsSync(font)) throw new Error(`${font} missing: apt-get install fonts-dejavu-core`);
  if (cli['finalize-only']) return finalizeFigures();
  await startDisplay();
  if (!currentCliBundle()) {
    // What a user runs after the README's setup; through tsx the CLI would carry ~45 MB more (bin/handoff.mjs).
    console.log('building the CLI bundle (out/main/cli.js is missing or older than the sources)…');
    if (spawnSync('npx', ['electron-vite', 'build'], { cwd: repo, stdio: 'ignore' }).status !== 0 || !currentCliBundle()) throw new Error('npx electron-vite build failed');
  }
  if (cli['live-transcription']) return liveComparison({ seconds: SECONDS, only: cli.only, tmp, startContent, recordWithCli, display: DISPLAY });
  console.log(
    `bench:record — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${SECONDS} s per run on Xvfb ${DISPLAY}, ` +
      `\`handoff record\` (out/main/cli.js), synthetic camera, ${MIC === 'default' ? 'real PulseAudio mic (default source)' : 'synthetic mic (no PulseAudio server answered)'}`,
  );
  console.log('scenario                 | baseline x264 ultrafast (rtf, dup%)   | recorder (rtf, dup%, parts, MB/min, peak RSS) | rtf ratio');
  let peakAll = 0;
  let ordinary1080MbMin = NaN;
  for (const kind of ['ordinary', 'scrolling'] as const) {
    const content = startContent(kind);
    await sleep(1500);
    for (const height of [1080, 720]) {
      if (cli.only && cli.only !== `${height}p-${kind}`) continue;
      const base = await baseline(height);
      const ours = await recordWithCli({ height, seconds: SECONDS, stopByCall: false });
      peakAll = Math.max(peakAll, ours.peakRssMb);
      if (kind === 'ordinary' && height === 1080) ordinary1080MbMin = ours.mbPerMin ?? NaN;
      console.log(
        `${`${height}p30 ${kind}`.padEnd(24)} | rtf ${fmt(base.rtf, 3)}× dup ${fmt(base.dupPct, 1)}% ${fmt(base.peakRssMb, 0)} MB`.padEnd(66) +
          ` | rtf ${fmt(ours.rtf, 3)}× dup ${fmt(ours.dupPct, 1)}% drop ${fmt(ours.dropPct, 1)}% parts ${ours.parts} ${fmt(ours.mbPerMin ?? NaN, 1)} MB/min ${fmt(ours.peakRssMb, 0)} MB (process ${fmt(ours.peakRecorderMb, 0)} + ffmpeg ${fmt(ours.peakChildrenMb, 0)})` +
          ` | ${fmt(ours.rtf / base.rtf, 3)}`,
      );
    }
    content.kill('SIGTERM');
    await sleep(300);
  }
  if (!cli.only) {
    const content = startContent('ordinary');
    await sleep(1000);
    const live: number[] = [];
    for (const seconds of [10, 60]) {
      const run = await recordWithCli({ height: 1080, seconds, stopByCall: true });
      live.push(run.stopToReadyMs ?? NaN);
      console.log(`stop → ready, ${seconds} s live 1080p recording: ${fmt(run.stopToReadyMs ?? NaN, 0)} ms (Enter → q → last segment → moov → probe + thumbnail → JSON printed)`);
    }
    content.kill('SIGTERM');
    console.log(`stop → ready 60 s / 10 s live: ${fmt(live[1] / live[0], 2)}`);
    await finalizeFigures();
  }
  console.log(`peak RSS recorder + ffmpeg: ${fmt(peakAll, 0)} MB (target ≤ 300); MB/min at 1080p30 ordinary: ${fmt(ordinary1080MbMin, 1)} (target ≤ 15)`);
}

async function finalizeFigures() {
  const fin = [];
  for (const [seconds, parts] of [[10, 1], [60, 1], [600, 1], [600, 3]]) {
    const f = await finalizeTime(seconds, parts);
    fin.push(f);
    console.log(
      `finalize only (join + probe + thumbnail), ${String(seconds).padStart(3)} s synthetic recording in ${parts} part${parts > 1 ? 's' : ' '} (${fmt(f.mb, 1)} MB): ` +
        `joined while recording ${fmt(f.liveMs, 0)} ms, from the segments at stop ${fmt(f.fromSegmentsMs, 0)} ms`,
    );
  }
  console.log(`finalize 600 s / 10 s ratio (1.00 = flat): joined while recording ${fmt(fin[2].liveMs / fin[0].liveMs, 2)} (3 parts: ${fmt(fin[3].liveMs / fin[0].liveMs, 2)}), from the segments ${fmt(fin[2].fromSegmentsMs / fin[0].fromSegmentsMs, 2)}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });
