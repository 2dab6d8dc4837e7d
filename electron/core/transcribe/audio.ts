// Audio for recognizers: 16 kHz mono 16-bit WAV, the input both whisper.cpp and pocketsphinx expect. ffmpeg streams it
// to a temp file, so an hour-long recording never sits in memory; the caller deletes the folder when done.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand, tail } from '../system/run';
import { TranscribeError } from './types';

export interface ExtractedAudio {
  wavPath: string;
  /** Duration from the WAV's size: 32 000 bytes per second of 16 kHz mono s16 audio after a 44-byte header. */
  durationMs: number;
  /** Removes the temp folder and everything in it. */
  dispose(): Promise<void>;
}

export async function makeTempDir(prefix: string, parent = os.tmpdir()): Promise<string> {
  return mkdtemp(path.join(parent, prefix));
}

export async function extractAudio(
  ffmpeg: string,
  inputPath: string,
  options: { signal?: AbortSignal; tmpParent?: string } = {},
): Promise<ExtractedAudio> {
  const dir = await makeTempDir('handoff-audio-', options.tmpParent);
  const dispose = () => rm(dir, { recursive: true, force: true });
  const wavPath = path.join(dir, 'audio.wav');
  try {
    // -map a:0? keeps a video-only file from failing obscurely: it yields no audio stream and the check below names it.
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', inputPath, '-map', '0:a:0?', '-vn',
      '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', wavPath];
    const result = await runCommand(ffmpeg, args, { signal: options.signal, maxOutput: 64 * 1024 });
    if (options.signal?.aborted) throw new TranscribeError('cancelled', 'Transcription was cancelled.');
    if (result.code !== 0) {
      throw new TranscribeError('audio-failed', `ffmpeg could not extract audio (exit code ${result.code}).`, {
        exitCode: result.code,
        signal: result.signal,
        stderrTail: tail(result.stderr),
      });
    }
    const size = (await stat(wavPath).catch(() => null))?.size ?? 0;
    if (size <= 44) throw new TranscribeError('audio-failed', `${path.basename(inputPath)} has no audio track to transcribe.`);
    return { wavPath, durationMs: Math.round(((size - 44) / 32_000) * 1000), dispose };
  } catch (error) {
    await dispose();
    if (error instanceof Error && error.name === 'AbortError') throw new TranscribeError('cancelled', 'Transcription was cancelled.');
    throw error;
  }
}
