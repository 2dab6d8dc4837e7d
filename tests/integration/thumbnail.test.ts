// The poster frame comes from past a dark opening: a real clip that is black for its first 2 s, then bright, made and
// read by real ffmpeg.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeThumbnail, parseLuma, thumbnailCandidates } from '../../electron/core/media/thumbnail';
import { tempDir } from '../support/temp-core';

const ffmpeg = process.env.HANDOFF_FFMPEG ?? 'ffmpeg';
const folder = tempDir('handoff-thumb-');
afterAll(() => folder.remove());

function lumaOf(jpeg: string): number {
  const run = spawnSync(ffmpeg, ['-hide_banner', '-i', jpeg, '-vf', 'signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG', '-f', 'null', '-'], { encoding: 'utf8' });
  return parseLuma(run.stderr) ?? -1;
}

describe('thumbnail', () => {
  it('looks about 1 s in, a third and half way, never past the end', () => {
    expect(thumbnailCandidates(null)).toEqual([0]);
    expect(thumbnailCandidates(1200)).toEqual([0]);
    expect(thumbnailCandidates(9000)).toEqual([1000, 3000, 4500]);
    expect(Math.max(...thumbnailCandidates(600_000))).toBeLessThanOrEqual(60_000);
  });

  it('skips a black opening and a dark frame for a bright one', async () => {
    const video = path.join(folder.dir, 'dark-then-bright.mp4');
    // 0–3.6 s black (a long title card), then white: the 1 s and 3 s candidates are black, half way (4.5 s) is bright.
    const made = spawnSync(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'color=c=black:s=320x240:r=10:d=3.6',
      '-f', 'lavfi', '-i', 'color=c=white:s=320x240:r=10:d=5.4',
      '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-g', '10', '-pix_fmt', 'yuv420p', video,
    ]);
    expect(made.status, String(made.stderr)).toBe(0);
    const out = path.join(folder.dir, 'thumb.jpg');
    await makeThumbnail(ffmpeg, video, out, 9000);
    expect(readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(lumaOf(out)).toBeGreaterThan(200);
  });
});
