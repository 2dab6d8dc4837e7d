// Silent stretches of a clip's audio, by ffmpeg's silencedetect (decoding the audio only).
import { parseSilences } from '../../../shared/edit/words';
import type { Range } from '../../../shared/edit/ranges';
import { HandoffError } from '../../../shared/result';
import { runCommand, tail } from '../system/run';

/** Below -35 dBFS counts as silence: a quiet room with a laptop mic, not a soft voice. */
export const SILENCE_DB = -35;

export async function detectSilences(ffmpeg: string, file: string, options: { minSeconds: number; durationMs: number; signal?: AbortSignal }): Promise<Range[]> {
  const result = await runCommand(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-nostats', '-i', file, '-map', '0:a:0', '-af', `silencedetect=n=${SILENCE_DB}dB:d=${options.minSeconds}`, '-f', 'null', '-'],
    { signal: options.signal, maxOutput: 16 * 1024 * 1024 },
  );
  if (result.code !== 0) {
    if (/matches no streams/.test(result.stderr)) throw new HandoffError('invalid-input', 'This clip has no audio, so it has no silences to find.');
    throw new HandoffError('internal', `Finding silences failed (ffmpeg exited with ${result.code}): ${tail(result.stderr, 500).trim()}`);
  }
  return parseSilences(result.stderr, options.durationMs);
}
