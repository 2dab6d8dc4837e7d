import { rename, rm } from 'node:fs/promises';
import { HandoffError } from '../../../shared/result';
import { runCommand, tail } from '../system/run';
import { localInputArgs } from './probe';

/**
 * Where to look for a poster frame: about 1 s in (past a black first frame or a countdown), a third of the way and
 * half way (past a title card), never past the end. A clip under 1.5 s has one candidate, its start.
 */
export function thumbnailCandidates(durationMs: number | null): number[] {
  if (!durationMs || durationMs <= 1500) return [0];
  const times = [1000, durationMs / 3, durationMs / 2].map((ms) => Math.min(ms, durationMs - 200, 60_000));
  return [...new Set(times.map((ms) => Math.round(ms)))].sort((a, b) => a - b);
}

/** The mean luma ffmpeg's signalstats printed for the one frame it wrote (0–255); null when absent. */
export function parseLuma(stderr: string): number | null {
  const match = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(stderr);
  return match ? Number(match[1]) : null;
}

async function frameAt(ffmpegPath: string, video: string, out: string, ms: number): Promise<number | null> {
  const result = await runCommand(
    ffmpegPath,
    [
      '-hide_banner', '-loglevel', 'info', '-nostats', '-y', '-ss', (ms / 1000).toFixed(3), ...localInputArgs(), '-i', video, '-frames:v', '1',
      '-vf', 'scale=640:-2,signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG', '-q:v', '4', out,
    ],
    { timeoutMs: 60_000 },
  );
  if (result.code !== 0) throw new HandoffError('internal', `ffmpeg could not make a thumbnail (exit ${result.code}): ${tail(result.stderr, 500)}`);
  return parseLuma(result.stderr);
}

/** A 640-px-wide JPEG: the brightest of a few candidate frames (a dark or black frame makes a poor poster). */
export async function makeThumbnail(ffmpegPath: string, video: string, out: string, durationMs: number | null): Promise<void> {
  const candidates = thumbnailCandidates(durationMs);
  let best: { file: string; luma: number } | null = null;
  const written: string[] = [];
  try {
    for (const [i, ms] of candidates.entries()) {
      const file = `${out}.${i}.jpg`;
      written.push(file);
      const luma = (await frameAt(ffmpegPath, video, file, ms)) ?? 0;
      // "Brightest", but a frame already bright enough to read wins early: the first good one is the least surprising.
      if (!best || luma > best.luma + 8) best = { file, luma };
      if (luma >= 60) break;
    }
    if (!best) throw new HandoffError('internal', 'ffmpeg wrote no thumbnail frame');
    await rename(best.file, out);
  } finally {
    await Promise.all(written.filter((f) => f !== best?.file).map((f) => rm(f, { force: true })));
  }
}
