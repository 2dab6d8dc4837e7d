import { HandoffError } from '../../../shared/result';
import { runCommand, tail } from '../system/run';
import { localInputArgs } from './probe';

/** A 640-px-wide JPEG from about a third of the way in (the first frame is often a black or countdown frame). */
export async function makeThumbnail(ffmpegPath: string, video: string, out: string, durationMs: number | null): Promise<void> {
  const at = durationMs && durationMs > 1500 ? Math.min(durationMs / 3, 10_000) / 1000 : 0;
  const result = await runCommand(
    ffmpegPath,
    ['-hide_banner', '-loglevel', 'error', '-y', '-ss', at.toFixed(3), ...localInputArgs(), '-i', video, '-frames:v', '1', '-vf', 'scale=640:-2', '-q:v', '4', out],
    { timeoutMs: 60_000 },
  );
  if (result.code !== 0) throw new HandoffError('internal', `ffmpeg could not make a thumbnail (exit ${result.code}): ${tail(result.stderr, 500)}`);
}
