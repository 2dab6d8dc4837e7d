// The join built while recording: an ffmpeg writing a part in real time (as the recorder's does), poked like the
// recorder pokes it, must end in the same packets as ffmpeg's join of the finished part, even after outgrowing its
// head space; and a final list it did not build refuses, so finalize joins from the segments instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLiveJoin } from '../../electron/core/capture/live-join';
import { createMp4Joiner } from '../../electron/core/capture/mp4-join';
import { createMemoryLogger } from '../../electron/core/logger';
import { topLevelBoxes } from '../support/media-check';

const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-live-join-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function packetsByStream(file: string): string[][] {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,dts_time,size,flags', '-of', 'csv=p=0', file], { maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, String(r.stderr)).toBe(0);
  const lines = String(r.stdout).trim().split('\n');
  return [0, 1].map((stream) => lines.filter((line) => line.startsWith(`${stream},`)));
}

/** Writes `seconds` of a part in real time, like the recorder's ffmpeg, and resolves when it exits. */
function writePartLive(dir: string, seconds: number): Promise<number | null> {
  mkdirSync(dir, { recursive: true });
  const child = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `testsrc2=s=320x180:r=30:d=${seconds}`, '-re', '-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*1)', '-c:a', 'aac', '-b:a', '64k', '-ac', '1',
    '-f', 'hls', '-hls_time', '1', '-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments+temp_file', '-hls_list_size', '0',
    '-hls_playlist_type', 'event', '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', path.join(dir, 'seg-%05d.m4s'), path.join(dir, 'index.m3u8'),
  ], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('close', resolve));
}

const segmentsOf = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.m4s')).sort().map((n) => path.join(dir, n));

describe.skipIf(!haveFfmpeg)('live join', () => {
  it('built while the part is written, outgrowing its head space twice: the same packets as ffmpeg, moov first', async () => {
    const dir = path.join(root, 'part');
    const out = path.join(root, 'live.partial.mp4');
    const logger = createMemoryLogger();
    const live = startLiveJoin({ outPath: out, fps: 30, logger, firstReserveSeconds: 1 });
    live.addPart(dir);
    const writing = writePartLive(dir, 6);
    let appendedWhileRecording = false;
    const poker = setInterval(() => {
      live.poke();
      if (existsSync(out)) appendedWhileRecording = true;
    }, 200);
    expect(await writing).toBe(0);
    clearInterval(poker);
    expect(appendedWhileRecording).toBe(true);
    expect(await live.finish([segmentsOf(dir)])).toBe(out);
    expect(logger.lines.filter((line) => /WARN|ERROR/.test(line))).toEqual([]);

    const theirs = path.join(root, 'theirs.mp4');
    expect(spawnSync('ffmpeg', ['-v', 'error', '-i', path.join(dir, 'index.m3u8'), '-map', '0', '-c', 'copy', '-y', theirs]).status).toBe(0);
    expect(packetsByStream(out)).toEqual(packetsByStream(theirs));
    // Head space was reserved for 16 s by now (1 → 4 → 16): the little left over stays as a `free` box.
    expect(topLevelBoxes(out)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
  }, 60_000);

  it('a short recording under the default head space (5 minutes) is rewritten with an exact head', async () => {
    const dir = path.join(root, 'part-short');
    const out = path.join(root, 'short.partial.mp4');
    const live = startLiveJoin({ outPath: out, fps: 30, logger: createMemoryLogger() });
    live.addPart(dir);
    const writing = writePartLive(dir, 3);
    const poker = setInterval(() => live.poke(), 200);
    await writing;
    clearInterval(poker);
    await live.finish([segmentsOf(dir)]);
    expect(topLevelBoxes(out)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(spawnSync('ffmpeg', ['-v', 'error', '-i', out, '-f', 'null', '-']).stderr.toString()).toBe('');
  }, 60_000);

  it('refuses a final list that differs from what it built (finalize then joins from the segments)', async () => {
    const dir = path.join(root, 'part-skip');
    const live = startLiveJoin({ outPath: path.join(root, 'skip.partial.mp4'), fps: 30, logger: createMemoryLogger() });
    live.addPart(dir);
    const writing = writePartLive(dir, 3);
    const poker = setInterval(() => live.poke(), 200);
    await writing;
    clearInterval(poker);
    const segments = segmentsOf(dir);
    await expect(live.finish([[...segments.slice(0, 1), ...segments.slice(2)]])).rejects.toThrow(/does not match/);
    await live.abandon();
    expect(existsSync(path.join(root, 'skip.partial.mp4'))).toBe(false);
  }, 60_000);

  it('follows a paused recording across its parts: the same packets as joining both parts afterwards', async () => {
    const dirs = [path.join(root, 'paused-1'), path.join(root, 'paused-2')];
    const out = path.join(root, 'paused.partial.mp4');
    const logger = createMemoryLogger();
    const live = startLiveJoin({ outPath: out, fps: 30, logger });
    const poker = setInterval(() => live.poke(), 200);
    live.addPart(dirs[0]);
    expect(await writePartLive(dirs[0], 3)).toBe(0);
    live.addPart(dirs[1]);
    expect(await writePartLive(dirs[1], 3)).toBe(0);
    clearInterval(poker);
    await live.finish(dirs.map(segmentsOf));
    expect(logger.lines.filter((line) => /WARN|ERROR/.test(line))).toEqual([]);

    const afterwards = path.join(root, 'paused-afterwards.mp4');
    const joiner = await createMp4Joiner(path.join(dirs[0], 'init.mp4'), afterwards, 128 * 1024);
    for (const [i, dir] of dirs.entries()) {
      if (i > 0) await joiner.nextPart(path.join(dir, 'init.mp4'));
      for (const segment of segmentsOf(dir)) await joiner.append(segment);
    }
    await joiner.finish();
    expect(packetsByStream(out)).toEqual(packetsByStream(afterwards));
    expect(topLevelBoxes(out)).toEqual(['ftyp', 'moov', 'mdat']);
  }, 60_000);
});
