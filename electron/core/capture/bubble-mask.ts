// The round camera bubble's alpha mask, made once per diameter and cached in the data folder. At run time the filter
// graph only does alphamerge + overlay; computing a circle per pixel per frame (geq) costs a core at 30 fps.
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { runCommand, tail } from '../system/run';

export async function ensureBubbleMask(ffmpegPath: string, cacheDir: string, diameter: number): Promise<string> {
  const file = path.join(cacheDir, `bubble-mask-${diameter}.png`);
  const existing = await stat(file).catch(() => null);
  if (existing && existing.size > 0) return file;
  await mkdir(cacheDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp.png`;
  const r = diameter / 2;
  // A 1-pixel soft edge (clip of distance) keeps the circle from looking jagged.
  const lum = `255*clip(${r}-hypot(X+0.5-${r}\\,Y+0.5-${r})\\,0\\,1)`;
  const result = await runCommand(
    ffmpegPath,
    ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=black:s=${diameter}x${diameter},format=gray,geq=lum='${lum}'`, '-frames:v', '1', temp],
    { timeoutMs: 30_000 },
  );
  if (result.code !== 0) throw new HandoffError('internal', `ffmpeg could not make the bubble mask (exit ${result.code}): ${tail(result.stderr, 400)}`);
  await rename(temp, file);
  return file;
}
