// Recovery recognises the owner of a recording for real: a zombie owner (killed, not yet reaped) is dead, and a pid
// now held by another process (started at another time) is not the owner. Real processes, real ffmpeg segments.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordOptions } from '../../shared/contract/recorder';
import { openDatabase, type Db } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { writeManifest } from '../../electron/core/capture/manifest';
import { ownerAlive, parseProcStat, processStartToken, readProcStat } from '../../electron/core/capture/owner';
import { recoverAll, type ClipDeps } from '../../electron/core/capture/recovery';
import { createClipsStore } from '../../electron/core/library/clips-store';
import { createLibrary } from '../../electron/core/library/library';
import { createSettingsStore } from '../../electron/core/library/settings-store';

const linux = process.platform === 'linux' && readProcStat(process.pid) !== null;
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!linux || !hasFfmpeg) console.warn('recovery-owner tests skipped: they need Linux /proc and ffmpeg');

let tmp: string;
let db: Db;
let deps: ClipDeps;
const children: ChildProcess[] = [];

/** A crashed recording folder: 2 s of real fMP4 HLS segments and a manifest naming `ownerPid` as its owner. */
function crashedRecording(id: string, ownerPid: number, ownerStart: string | null | undefined) {
  const dir = path.join(deps.recordingsDir, id);
  const part = path.join(dir, 'part-000');
  mkdirSync(part, { recursive: true });
  const made = spawnSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=15:d=2', '-f', 'lavfi', '-i', 'sine=r=48000:d=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-force_key_frames', 'expr:gte(t,n_forced*1)', '-c:a', 'aac',
    '-f', 'hls', '-hls_time', '1', '-hls_segment_type', 'fmp4', '-hls_list_size', '0', '-hls_playlist_type', 'event',
    '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', path.join(part, 'seg-%05d.m4s'), path.join(part, 'index.m3u8'),
  ]);
  expect(made.status, String(made.stderr)).toBe(0);
  // The playlist of a crash has no end marker.
  const playlist = path.join(part, 'index.m3u8');
  spawnSync('sed', ['-i', '/#EXT-X-ENDLIST/d', playlist]);
  const now = new Date().toISOString();
  writeManifest(dir, {
    version: 1, id, state: 'recording', options: recordOptions.parse({}), createdAt: now, updatedAt: now, ownerPid,
    ...(ownerStart === undefined ? {} : { ownerStart }), ffmpegPid: null, output: { width: 160, height: 90 },
    parts: [{ index: 0, dir: 'part-000', startedAt: now, endedAt: null, durationMs: null, encoder: 'libx264', preset: 'ultrafast', fps: 15 }],
    error: null,
  });
}

function sleeper(): ChildProcess {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/**
 * A zombie: a child of `sleep` (which never reaps) that has exited. The child outlives the shell's exec into sleep,
 * so the shell cannot reap it first.
 */
async function zombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(parent);
  const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
  for (;;) {
    const state = readProcStat(pid)?.state;
    if (state === 'Z') return pid;
    if (state === undefined) throw new Error(`process ${pid} was reaped before it could be seen as a zombie`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-owner-'));
  db = openDatabase(':memory:', createMemoryLogger());
  const clips = createClipsStore({ db, clock: () => new Date(), onChanged: () => undefined });
  const library = createLibrary({ db, clips, paths: { clipsDir: path.join(tmp, 'clips') }, ffmpegPath: 'ffmpeg', clock: () => new Date(), logger: createMemoryLogger() });
  createSettingsStore(db).set({ 'profile.name': 'Ana', 'profile.timezone': 'UTC' });
  deps = {
    ffmpegPath: 'ffmpeg',
    clipsDir: path.join(tmp, 'clips'),
    recordingsDir: path.join(tmp, 'recordings'),
    clock: () => new Date(),
    logger: createMemoryLogger(),
    clipFacts: (id) => library.clipFacts(id),
    addRecording: (recording) => library.addRecording(recording),
  };
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(deps.recordingsDir, { recursive: true, force: true });
});
afterAll(() => {
  db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('parseProcStat', () => {
  it('counts fields after the last parenthesis, whatever the command name holds', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'Z';
    expect(parseProcStat(`1234 (we) (ird name) ${fields.join(' ')}`)).toEqual({ state: 'Z', startTime: '22' });
    expect(parseProcStat(readFileSync('/proc/self/stat', 'utf8'))?.state).toMatch(/^[RS]$/);
  });
});

describe.skipIf(!linux || !hasFfmpeg)('recovery and the owner of a recording', () => {
  it('recovers a recording whose owner is a zombie (killed, not yet reaped)', async () => {
    const pid = await zombie();
    crashedRecording('zombieowner1', pid, processStartToken(pid));
    expect(ownerAlive(pid, processStartToken(pid))).toBe(false);
    const recovered = await recoverAll(deps);
    expect(recovered.map((r) => [r.id, r.status])).toEqual([['zombieowner1', 'ready']]);
  });

  it('recovers a recording whose owner pid now belongs to another process', async () => {
    const other = sleeper();
    crashedRecording('reusedpid001', other.pid!, 'linux:1');
    const recovered = await recoverAll(deps);
    expect(recovered.map((r) => r.id)).toEqual(['reusedpid001']);
  });

  it('leaves alone a recording whose owner is running, with or without a recorded start time', async () => {
    const owner = sleeper();
    crashedRecording('liveowner001', owner.pid!, processStartToken(owner.pid!));
    crashedRecording('oldmanifest1', owner.pid!, undefined);
    expect(await recoverAll(deps)).toEqual([]);
  });
});
