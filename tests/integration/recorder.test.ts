// The recorder for real: Xvfb screen, pulseaudio null-sink mic fed with flite speech, synthetic camera, real ffmpeg.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import { readManifest } from '../../electron/core/capture/manifest';
import { createRecorder } from '../../electron/core/capture/recorder';
import { colorDistance, flashOnsets, frameAt, meanVolumeDb, patchMean, probe, soundOnsets, topLevelBoxes } from '../support/media-check';
import { playSpeech, pulseAvailable, startPulse, type PulseHandle } from '../support/pulse';

const repo = path.resolve(__dirname, '..', '..');
const display = process.env.DISPLAY;
const ffmpegMissing = spawnSync('ffmpeg', ['-version']).status !== 0;
const skipReason = !display ? 'DISPLAY is not set (run under Xvfb)' : ffmpegMissing ? 'ffmpeg is not installed' : !pulseAvailable() ? 'pulseaudio is not installed' : null;
if (skipReason) console.warn(`recorder integration tests skipped: ${skipReason}`);

let pulse: PulseHandle;
let tmp: string;

function core(dataDir: string): Core {
  return composeCore({
    dataDir,
    resourcesDir: path.join(repo, 'resources'),
    version: 'test',
    env: { ...(pulse?.env ?? process.env), DISPLAY: display },
    platform: process.platform,
    logger: createMemoryLogger('recorder-test'),
    clock: () => new Date(),
  });
}

function waitForEvent(c: Core, name: EventName, test: (payload: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const off = c.events.onAny((event, payload) => {
      if (event === name && test(payload as Record<string, unknown>)) {
        off();
        resolve(payload as Record<string, unknown>);
      }
    });
  });
}

/** `promise`, or a failure naming what did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function cli(args: string[], dataDir: string) {
  return spawn(process.execPath, [path.join(repo, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], {
    env: { ...pulse.env, DISPLAY: display },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ReturnType<typeof cli>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function segmentsWritten(dataDir: string): number {
  const root = path.join(dataDir, 'recordings');
  if (!existsSync(root)) return 0;
  let count = 0;
  for (const rec of readdirSync(root)) {
    for (const part of readdirSync(path.join(root, rec)).filter((n) => n.startsWith('part-') && !n.endsWith('.mp4'))) {
      count += readdirSync(path.join(root, rec, part)).filter((n) => n.endsWith('.m4s')).length;
    }
  }
  return count;
}

describe.skipIf(skipReason !== null)('recorder (Xvfb + pulseaudio + ffmpeg)', () => {
  beforeAll(async () => {
    pulse = await startPulse();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-rec-'));
  });
  afterAll(async () => {
    await pulse?.stop();
    if (tmp && !process.env.HANDOFF_KEEP_TEST_FILES) rmSync(tmp, { recursive: true, force: true });
  });

  it('records 5 s of the display with a camera bubble and a spoken mic into a faststart H.264+AAC MP4', async () => {
    const dataDir = path.join(tmp, 'main');
    const child = cli(['record', '--seconds', '5', '--camera', 'synthetic', '--mic', 'vmic', '--title', 'Standup', '--json', '--progress'], dataDir);
    const done = collect(child);
    // Speak once the recording is under way (its manifest exists).
    while (!existsSync(path.join(dataDir, 'recordings')) || readdirSync(path.join(dataDir, 'recordings')).length === 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await playSpeech(pulse.env, 'Hello team, here is my update for today. The build is green.', tmp);
    const { code, stdout, stderr } = await done;
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { id: string; status: string; durationMs: number; videoPath: string; width: number; height: number };
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['id', 'status', 'durationMs', 'videoPath', 'width', 'height']));
    expect(result.status).toBe('ready');
    // --progress: every recorder event as a JSON line on stderr, while it records.
    const events = stderr.trim().split('\n').map((line) => JSON.parse(line) as { event: string; elapsedMs?: number; micLevelDb?: number | null; state?: string });
    const progress = events.filter((e) => e.event === 'recorder:progress');
    expect(progress.length).toBeGreaterThan(5);
    const elapsed = progress.map((e) => e.elapsedMs!);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(elapsed.at(-1)).toBeGreaterThanOrEqual(4500);
    expect(progress.some((e) => typeof e.micLevelDb === 'number')).toBe(true);
    expect(events.filter((e) => e.event === 'recorder:state').map((e) => e.state)).toEqual(expect.arrayContaining(['recording', 'finalizing']));
    const media = probe(result.videoPath);
    expect(media.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort()).toEqual(['audio:aac', 'video:h264']);
    expect(Math.abs(media.durationMs - 5000)).toBeLessThanOrEqual(500);
    // Joined while recording and compacted at stop (live-join.ts): no head space left over. ffmpeg's join, the
    // fallback, would leave a `free` box from -moov_size.
    expect(topLevelBoxes(result.videoPath)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(meanVolumeDb(result.videoPath)).toBeGreaterThan(-45);

    // The bubble: bottom-right, diameter 25% of the height, margin 3%. Its centre shows the camera's test pattern; the
    // corner of its bounding square (outside the circle) still shows the screen, like the screen beside the bubble.
    const frame = frameAt(result.videoPath, 2.5);
    const d = Math.round((result.height * 0.25) / 2) * 2;
    const m = Math.round((result.height * 0.03) / 2) * 2;
    const left = result.width - m - d;
    const top = result.height - m - d;
    const centre = patchMean(frame, left + d / 2, top + d / 2 + d / 4);
    const cornerInside = patchMean(frame, left + 4, top + 4, 2);
    const screenBeside = patchMean(frame, left - 12, top + 4, 2);
    expect(colorDistance(cornerInside, screenBeside)).toBeLessThan(40);
    expect(colorDistance(centre, cornerInside)).toBeGreaterThan(60);
  });

  it('pause and resume: the file holds the recorded time, not the wall time', async () => {
    const c = core(path.join(tmp, 'pause'));
    try {
      const states: string[] = [];
      c.events.onAny((event, payload) => event === 'recorder:state' && states.push((payload as { state: string }).state));
      const reachedOne = waitForEvent(c, 'recorder:progress', (p) => (p.elapsedMs as number) >= 1500);
      const { id } = await c.recorder.start(parse({ camera: 'synthetic', mic: 'synthetic', maxSeconds: 4 }));
      const ended = c.recorder.whenEnded();
      await reachedOne;
      await c.recorder.pause();
      await new Promise((r) => setTimeout(r, 2000));
      await c.recorder.resume();
      const result = await ended;
      expect(result.id).toBe(id);
      expect(states).toEqual(expect.arrayContaining(['recording', 'paused', 'finalizing', 'idle']));
      const media = probe(result.videoPath!);
      expect(Math.abs(media.durationMs - 4000)).toBeLessThanOrEqual(500);
      // Both parts were joined while recording (live-join.ts), so stop only wrote moov: an exact head, where the
      // joins from the segments at stop leave reserved space (`free`).
      expect(topLevelBoxes(result.videoPath!)).toEqual(['ftyp', 'moov', 'mdat']);
    } finally {
      c.close();
    }
  });

  it('kill -9 of ffmpeg after 6 s: the clip keeps all but at most the last 1.5 s, with a clear warning', async () => {
    const c = core(path.join(tmp, 'killff'));
    try {
      const warned = waitForEvent(c, 'recorder:warning', (p) => p.kind === 'ffmpeg-died');
      const six = waitForEvent(c, 'recorder:progress', (p) => (p.elapsedMs as number) >= 6000);
      const { id } = await c.recorder.start(parse({ camera: 'synthetic', mic: 'synthetic' }));
      const ended = c.recorder.whenEnded();
      const at = (await six).elapsedMs as number;
      const manifest = await readManifest(path.join(c.paths.dataDir, 'recordings', id));
      process.kill(manifest.ffmpegPid!, 'SIGKILL');
      const result = await ended;
      expect((await warned).message).toMatch(/kept/);
      expect(result.error).toMatch(/SIGKILL|unexpectedly/);
      expect(probe(result.videoPath!).durationMs).toBeGreaterThanOrEqual(at - 1500);
    } finally {
      c.close();
    }
  });

  it('kill -9 of the recording process after 6 s: `handoff recover` makes a playable clip missing at most 1.5 s', async () => {
    const dataDir = path.join(tmp, 'killrec');
    const child = cli(['record', '--synthetic', '--mic', 'none', '--json'], dataDir);
    const done = collect(child);
    while (segmentsWritten(dataDir) < 6) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await done;
    const recovered = collect(cli(['recover', '--json'], dataDir));
    const { code, stdout, stderr } = await recovered;
    expect(code, stderr).toBe(0);
    const list = (JSON.parse(stdout) as { recovered: { videoPath: string; status: string }[] }).recovered;
    expect(list).toHaveLength(1);
    expect(list[0].status).toBe('ready');
    expect(probe(list[0].videoPath).durationMs).toBeGreaterThanOrEqual(6000 - 1500);
    expect(existsSync(path.join(dataDir, 'recordings', path.basename(path.dirname(list[0].videoPath))))).toBe(false);
  });

  it('keeps audio and video in sync: flash and beep land within 45 ms of each other', async () => {
    const c = core(path.join(tmp, 'sync'));
    try {
      await c.recorder.start(parse({ synthetic: 'sync', mic: 'synthetic', maxSeconds: 4, maxHeight: 360 }));
      const result = await c.recorder.whenEnded();
      const flashes = flashOnsets(result.videoPath!);
      const beeps = soundOnsets(result.videoPath!);
      expect(flashes.length).toBeGreaterThanOrEqual(3);
      expect(beeps.length).toBeGreaterThanOrEqual(3);
      // The first flash starts with the file (no silence before its beep to detect); compare the ones after it.
      for (const flash of flashes.filter((t) => t > 0.5)) {
        const nearest = Math.min(...beeps.map((b) => Math.abs(b - flash)));
        expect(nearest * 1000).toBeLessThanOrEqual(45);
      }
    } finally {
      c.close();
    }
  });

  it('with a real PulseAudio mic and a real X display: audio and video in sync, and no stalled screen', async () => {
    // ffplay shows a white flash and plays a beep at the same instant every second, on the test display and into vsink;
    // the recorder grabs that window and hears vmic. This is the path a person records on (a synthetic mic hid a
    // 2 s-late mic clock that stalled the screen and shifted audio by 110-210 ms).
    const clip = path.join(tmp, 'flash-beep.mkv');
    const made = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', "color=c=black:s=320x240:r=30,drawbox=c=white:t=fill:enable='lt(mod(t\\,1)\\,0.1)'",
      '-f', 'lavfi', '-i', "sine=f=1000:r=48000,volume=volume=0:enable='gte(mod(t\\,1)\\,0.1)'", '-t', '30', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'pcm_s16le', '-y', clip]);
    expect(made.status, String(made.stderr)).toBe(0);
    const player = spawn('ffplay', ['-v', 'error', '-noborder', '-left', '0', '-top', '0', '-x', '320', '-y', '240', clip], {
      env: { ...pulse.env, DISPLAY: display, SDL_AUDIODRIVER: 'pulse' },
      stdio: 'ignore',
    });
    const c = core(path.join(tmp, 'real-sync'));
    try {
      await new Promise((r) => setTimeout(r, 1500));
      let last = { dupFrames: 0, frames: 0 };
      c.events.onAny((event, payload) => {
        if (event === 'recorder:progress') last = payload as { dupFrames: number; frames: number };
      });
      await c.recorder.start(parse({ camera: null, mic: 'vmic', region: { x: 0, y: 0, width: 320, height: 240 }, maxSeconds: 8 }));
      const result = await c.recorder.whenEnded();
      // From 2 s in: while the recorder starts up on a loaded machine, ffplay falls behind and drops frames to catch
      // up (a flash 250-310 ms after its beep, the next one missing, in 3 of 8 runs next to two busy loops).
      const flashes = flashOnsets(result.videoPath!).filter((t) => t > 2);
      const beeps = soundOnsets(result.videoPath!);
      expect(flashes.length).toBeGreaterThanOrEqual(4);
      // ffplay's own A/V sync and the null sink's chunking move the pair by a constant -15..+83 ms from run to run
      // (measured over 30 runs, with and without load); the late mic clock put them 110-210 ms apart and, the surer
      // sign, stalled the screen (checked below).
      // A late mic clock shifts every pair; ffplay catching up after the recorder's start-up moves one flash (a CI run
      // had 236 ms on the first pair after 2 s, then 55-74 ms on every other). So: the median pair within 120 ms, and
      // at most one pair beyond it.
      const gapsMs = flashes.map((flash) => Math.round(Math.min(...beeps.map((b) => Math.abs(b - flash))) * 1000));
      const sorted = [...gapsMs].sort((a, b) => a - b);
      const seen = JSON.stringify({ flashes, beeps, gapsMs });
      expect(sorted[Math.floor(sorted.length / 2)], seen).toBeLessThanOrEqual(120);
      expect(gapsMs.filter((gap) => gap > 120).length, seen).toBeLessThanOrEqual(1);
      // Loose on purpose (a busy machine duplicates some frames); the stall duplicated three frames in four.
      expect(last.frames).toBeGreaterThan(180);
      expect(last.dupFrames / last.frames).toBeLessThan(0.2);
    } finally {
      player.kill('SIGTERM');
      c.close();
    }
  });

  it('warns when the mic stays silent, and refuses a display that does not exist without leaving a clip', async () => {
    const c = core(path.join(tmp, 'silent'));
    try {
      const warning = waitForEvent(c, 'recorder:warning', (p) => p.kind === 'mic-silent');
      const levels: (number | null)[] = [];
      c.events.onAny((event, payload) => event === 'recorder:progress' && levels.push((payload as { micLevelDb: number | null }).micLevelDb));
      await c.recorder.start(parse({ mic: 'vmic', maxSeconds: 6, maxHeight: 360 }));
      // Bounded, so a failure says which step never came (it once timed out in a busy run without saying).
      const result = await within(c.recorder.whenEnded(), 60_000, 'the 6 s recording did not end');
      const warned = await within(warning, 5_000, `no mic-silent warning; mic levels seen: ${levels.join(', ')}`);
      expect(warned.message).toMatch(/silent/);
      expect(result.status).toBe('ready');

      const bad = await c.dispatch('recorder:start', { display: ':87', mic: null });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toMatch(/display/i);
      const noCamera = await c.dispatch('recorder:start', { camera: '/dev/video9', mic: null });
      expect(noCamera.ok).toBe(false);
      if (!noCamera.ok) expect(noCamera.error.message).toMatch(/camera/i);
      const devices = await c.dispatch('devices:list', {});
      expect(devices.ok).toBe(true);
      if (devices.ok) {
        const value = devices.value as { screens: { id: string }[]; mics: { id: string; isDefault: boolean }[] };
        expect(value.screens.map((d) => d.id)).toContain(display);
        expect(value.mics.map((d) => d.id)).toContain('vmic');
      }
      const clips = await c.dispatch('clips:list', {});
      expect(clips.ok && (clips.value as { total: number }).total).toBe(1);
      expect(readdirSync(path.join(c.paths.dataDir, 'recordings'))).toEqual([]);
    } finally {
      c.close();
    }
  });
});

describe.skipIf(skipReason !== null || process.getuid?.() !== 0)('recorder on a full disk (needs root for a tiny tmpfs)', () => {
  it('stops with a clear error and keeps what was recorded as a playable clip', async (context) => {
    // Synthetic camera and mic: no sound server needed here.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-full-'));
    const recordings = path.join(dataDir, 'recordings');
    mkdirSync(recordings);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', recordings]);
    if (mounted.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      context.skip(`cannot mount a tmpfs here: ${String(mounted.stderr).trim()}`);
      return;
    }
    const c = core(dataDir);
    // The same recorder compose builds, with a free-space floor that fits a 1 MB disk.
    const recorder = createRecorder({
      clipsDir: c.paths.clipsDir, recordingsDir: recordings, cacheDir: path.join(dataDir, 'cache'), clock: () => new Date(),
      logger: createMemoryLogger('full'), env: { ...process.env, DISPLAY: display }, platform: process.platform,
      locateFfmpeg: async () => 'ffmpeg', clipFacts: (id) => c.library.clipFacts(id), addRecording: (recording) => c.library.addRecording(recording),
      emit: (event, payload) => c.events.emit(event, payload), minFreeBytes: 700 * 1024,
    });
    try {
      const warned = waitForEvent(c, 'recorder:warning', (p) => p.kind === 'disk-full');
      await recorder.start(parse({ camera: 'synthetic', mic: 'synthetic', maxHeight: 720 }));
      const result = await recorder.whenEnded();
      expect((await warned).message).toMatch(/disk is full/i);
      expect(result.error).toMatch(/disk is full/i);
      expect(probe(result.videoPath!).durationMs).toBeGreaterThan(1000);
    } finally {
      c.close();
      spawnSync('umount', [recordings]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { recordOptions, type RecordOptionsInput } from '../../shared/contract/recorder';
function parse(input: RecordOptionsInput) {
  return recordOptions.parse(input);
}
