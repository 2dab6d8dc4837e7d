// Import accepts only real container files, opened with the file protocol alone; a cut-off file is imported as what
// really decodes (with its real duration) or refused, and anything under half a second is refused. Real ffmpeg files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/library/database';
import { createClipsStore } from '../../electron/core/library/clips-store';
import { createLibrary, type Library } from '../../electron/core/library/library';
import { createMemoryLogger } from '../../electron/core/logger';
import { planTranscode } from '../../electron/core/media/transcode';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;
if (!hasFfmpeg) console.warn('import-hardening tests skipped: ffmpeg/ffprobe not on PATH');

let work: string;
let clipsDir: string;
let db: Db;
let library: Library;

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
const clipCount = () => (db.prepare('SELECT count(*) AS n FROM clips').get() as { n: number }).n;

function fourSeconds(name: string, extra: string[] = []): string {
  const file = path.join(work, name);
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=4', '-f', 'lavfi', '-i', 'sine=d=4', '-c:v', 'libx264', '-preset', 'ultrafast',
    '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', ...extra, file);
  return file;
}

function cut(file: string, fraction: number, name: string): string {
  const out = path.join(work, name);
  const bytes = readFileSync(file);
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return out;
}

async function refused(file: string, error: RegExp) {
  const before = { rows: clipCount(), entries: readdirSync(clipsDir).sort() };
  await expect(library.import({ file, author: 'Ana', timezone: 'UTC' })).rejects.toThrow(error);
  expect(clipCount()).toBe(before.rows);
  expect(readdirSync(clipsDir).sort()).toEqual(before.entries);
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'handoff-import-hard-'));
  clipsDir = path.join(work, 'data', 'clips');
  mkdirSync(clipsDir, { recursive: true });
  db = openDatabase(':memory:', createMemoryLogger());
  library = createLibrary({
    db,
    clips: createClipsStore({ db, clock: () => new Date(), onChanged: () => undefined }),
    paths: { clipsDir },
    ffmpegPath: 'ffmpeg',
    ffprobePath: 'ffprobe',
    clock: () => new Date('2026-03-02T10:00:00Z'),
    logger: createMemoryLogger(),
  });
});
afterAll(() => {
  db?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('every ffmpeg run on a local file', () => {
  it('allows only the file protocol and container demuxers, before the input', () => {
    const info = { formatName: 'mov,mp4', durationMs: 1000, sizeBytes: 1, video: { codec: 'h264', width: 2, height: 2, fps: 25 }, audio: null };
    const { args } = planTranscode(info, '/in.mp4', '/out.mp4');
    const input = args.indexOf('-i');
    expect(args.slice(0, input)).toEqual(expect.arrayContaining(['-protocol_whitelist', 'file', '-format_whitelist']));
    expect(args[args.indexOf('-protocol_whitelist') + 1]).toBe('file');
    expect(args[args.indexOf('-format_whitelist') + 1].split(',')).not.toContain('hls');
  });
});

describe.skipIf(!hasFfmpeg)('import refuses what is not a container file', () => {
  it('refuses an HLS playlist renamed .mp4, by name, leaving nothing behind', async () => {
    const dir = path.join(work, 'hls');
    mkdirSync(dir);
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=15:d=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'hls', '-hls_time', '1',
      '-hls_playlist_type', 'vod', path.join(dir, 'list.m3u8'));
    const renamed = path.join(dir, 'holiday.mp4');
    writeFileSync(renamed, readFileSync(path.join(dir, 'list.m3u8')));
    await refused(renamed, /holiday\.mp4 is an HLS playlist \(a list of other files\), not a video or audio file/);
  });

  it('refuses an ffconcat list renamed .mov', async () => {
    const inner = fourSeconds('inner.mp4');
    const list = path.join(work, 'list.mov');
    writeFileSync(list, `ffconcat version 1.0\nfile '${inner}'\n`);
    await refused(list, /list\.mov is a concat list/);
  });

  it('refuses a raw H.264 stream: not a container', async () => {
    const raw = path.join(work, 'raw.mp4');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=15:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'h264', raw);
    await refused(raw, /raw\.mp4 is in the h264 format, not a video or audio file/);
  });
});

describe.skipIf(!hasFfmpeg)('cut-off and tiny files', () => {
  it('imports a faststart MP4 cut to 95% as what really decodes, with its real duration, and says so', async () => {
    const whole = fourSeconds('whole.mp4', ['-movflags', '+faststart']);
    const file = cut(whole, 0.95, 'cut95.mp4');
    const result = await library.import({ file, author: 'Ana', timezone: 'UTC' });
    expect(result.notes.join('\n')).toMatch(/cut95\.mp4 is truncated: it declares 4\.00 s but only \d\.\d\d s decodes; imported the \d\.\d\d s that decode/);
    const video = path.join(clipsDir, result.clip.id, 'video.mp4');
    // Every frame and audio packet kept decodes: no broken tail copied over from the cut.
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', video, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decode.status).toBe(0);
    expect(decode.stderr).toBe('');
    const probed = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', video], { encoding: 'utf8' })) as {
      format: { duration: string };
    };
    expect(result.clip.duration_ms).toBe(Math.round(Number(probed.format.duration) * 1000));
    expect(result.clip.duration_ms).toBeLessThan(4000);
    expect(result.clip.duration_ms).toBeGreaterThan(3000);
    expect(result.clip.size_bytes).toBe(statSync(video).size);
  });

  it('refuses a file cut to 30%, saying it was refused', async () => {
    const whole = fourSeconds('whole2.mp4', ['-movflags', '+faststart']);
    await refused(cut(whole, 0.3, 'cut30.mp4'), /cut30\.mp4 is truncated: it declares 4\.00 s but only \d\.\d\d s decodes, less than half of it; refused/);
  });

  it('refuses a one-frame 40 ms video as under half a second', async () => {
    const file = path.join(work, 'one-frame.mp4');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25', '-frames:v', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file);
    await refused(file, /one-frame\.mp4 is only 0\.04 s long; a clip must be at least 0\.50 s; refused/);
  });

  it('still imports a whole file with no note', async () => {
    const result = await library.import({ file: fourSeconds('fine.mp4'), author: 'Ana', timezone: 'UTC' });
    expect(result.notes).toEqual([]);
    expect([result.videoCopied, result.audioCopied]).toEqual([true, true]);
    expect(Math.abs((result.clip.duration_ms ?? 0) - 4000)).toBeLessThan(100);
  });
});
