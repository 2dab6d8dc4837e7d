// Audio for recognizers: 16 kHz mono 16-bit WAV, the input both whisper.cpp and pocketsphinx expect. Two ways:
// - extractAudio: ffmpeg writes a temp file (pocketsphinx reads a file; an hour never sits in Node's memory);
// - streamAudio: ffmpeg writes into a pipe that whisper-cli reads on stdin, so ffmpeg's start (0.12–0.16 s here, most
//   of it loading its shared libraries) and the decode overlap whisper-cli loading its model instead of preceding it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, pipeline, type Readable } from 'node:stream';
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

/** ffmpeg arguments from the input to the WAV format, before the output (a file or `pipe:1`). */
function decodeArgs(inputPath: string): string[] {
  // -map a:0? keeps a video-only file from failing obscurely: it yields no audio, and the callers name that.
  // bitexact drops the encoder tag, so the header is the plain 44 bytes.
  return ['-i', inputPath, '-map', '0:a:0?', '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'wav'];
}

const BYTES_PER_MS = 32;

/** ffmpeg's refusal when `-map 0:a:0?` found no audio stream: the file is fine, it just has nothing to transcribe. */
const NO_STREAM = /does not contain any stream/i;
const noAudioTrack = (inputPath: string) => new TranscribeError('audio-failed', `${path.basename(inputPath)} has no audio track to transcribe.`);

export async function extractAudio(
  ffmpeg: string,
  inputPath: string,
  options: { signal?: AbortSignal; tmpParent?: string } = {},
): Promise<ExtractedAudio> {
  const dir = await makeTempDir('handoff-audio-', options.tmpParent);
  const dispose = () => rm(dir, { recursive: true, force: true });
  const wavPath = path.join(dir, 'audio.wav');
  try {
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...decodeArgs(inputPath), wavPath];
    const result = await runCommand(ffmpeg, args, { signal: options.signal, maxOutput: 64 * 1024 });
    if (options.signal?.aborted) throw new TranscribeError('cancelled', 'Transcription was cancelled.');
    if (result.code !== 0) {
      if (NO_STREAM.test(result.stderr)) throw noAudioTrack(inputPath);
      throw new TranscribeError('audio-failed', `ffmpeg could not extract audio (exit code ${result.code}).`, {
        exitCode: result.code,
        signal: result.signal,
        stderrTail: tail(result.stderr),
      });
    }
    const size = (await stat(wavPath).catch(() => null))?.size ?? 0;
    if (size <= 44) throw noAudioTrack(inputPath);
    return { wavPath, durationMs: Math.round((size - 44) / BYTES_PER_MS), dispose };
  } catch (error) {
    await dispose();
    if (error instanceof Error && error.name === 'AbortError') throw new TranscribeError('cancelled', 'Transcription was cancelled.');
    throw error;
  }
}

/**
 * Whether a decode failure is only the consequence of the reader closing the pipe first (our own "reader stopped
 * early", or ffmpeg's "Broken pipe"): then the reader's error is the one that explains what happened.
 */
export function stoppedByReader(error: TranscribeError): boolean {
  return /reader stopped early|broken pipe/i.test(`${error.message} ${error.details.stderrTail ?? ''}`);
}

export interface StreamedAudio {
  /** The WAV as it is decoded (its header's sizes are 0xFFFFFFFF: a pipe cannot be rewound to fill them in). */
  stream: Readable;
  /** Resolves when ffmpeg has decoded everything, with the audio's duration; rejects with an 'audio-failed' error. */
  finished: Promise<{ durationMs: number }>;
}

/**
 * Decodes a media file's first audio track into a pipe. Closing the stream early (the reader died) stops ffmpeg
 * through a broken pipe, so neither process can wait on the other forever.
 */
export function streamAudio(ffmpeg: string, inputPath: string, options: { signal?: AbortSignal } = {}): StreamedAudio {
  const child = spawn(ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', ...decodeArgs(inputPath), 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    signal: options.signal,
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-64 * 1024);
  });
  // Counts the PCM bytes after the header's `data` chunk id and size, for the duration.
  let head = Buffer.alloc(0);
  let dataStart = -1;
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (dataStart < 0 && head.length < 4096) {
        head = Buffer.concat([head, chunk]);
        const at = head.indexOf('data');
        if (at >= 0) dataStart = at + 8;
      }
      total += chunk.length;
      done(null, chunk);
    },
  });
  const piped = new Promise<Error | null>((resolve) => pipeline(child.stdout, counter, (error) => resolve(error ?? null)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') resolve({ code: null, signal: 'SIGTERM' });
      else reject(new TranscribeError('audio-failed', `ffmpeg could not be started (${ffmpeg}): ${error.code ?? error.message}.`));
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const finished = (async () => {
    const [{ code, signal }, pipeError] = await Promise.all([exited, piped]);
    if (options.signal?.aborted) throw new TranscribeError('cancelled', 'Transcription was cancelled.');
    if (code !== 0) {
      if (NO_STREAM.test(stderr)) throw noAudioTrack(inputPath);
      const reason = pipeError && code === null ? `the reader stopped early (${pipeError.message})` : `exit code ${code ?? signal}`;
      throw new TranscribeError('audio-failed', `ffmpeg could not extract audio (${reason}).`, { exitCode: code, signal, stderrTail: tail(stderr) });
    }
    const pcm = dataStart < 0 ? 0 : total - dataStart;
    if (pcm <= 0) throw noAudioTrack(inputPath);
    return { durationMs: Math.round(pcm / BYTES_PER_MS) };
  })();
  // The caller may learn of a failure from the reader first; this keeps the rejection from going unhandled meanwhile.
  finished.catch(() => undefined);
  return { stream: counter, finished };
}
