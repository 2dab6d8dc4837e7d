// Audio for recognizers: 16 kHz mono 16-bit WAV, the input both whisper.cpp and pocketsphinx expect. Two ways:
// - extractAudio: ffmpeg writes a temp file (pocketsphinx reads a file; an hour never sits in Node's memory);
// - streamAudio: ffmpeg writes into a stream that whisper-cli reads on stdin, so ffmpeg's start (0.12–0.16 s here, most
//   of it loading its shared libraries) and the decode overlap whisper-cli loading its model instead of preceding it.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { localInputArgs } from '../media/probe';
import { runCommand, tail } from '../system/run';
import { TranscribeError, transcriptionCancelled } from './types';

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
  return [...localInputArgs(), '-i', inputPath, '-map', '0:a:0?', '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'wav'];
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
    if (options.signal?.aborted) throw transcriptionCancelled();
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
    if (error instanceof Error && error.name === 'AbortError') throw transcriptionCancelled();
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

/**
 * How far the decoder may run ahead of the reader (about 4 minutes of 16 kHz mono). whisper-cli reads nothing until
 * its model is loaded; with a stream's default 16 KiB buffer ffmpeg stalled on the pipe meanwhile, and whisper then
 * waited for the rest of the audio. With this much room ffmpeg has finished a short clip before the model is in, and
 * an hour-long recording still holds at most this much in memory.
 */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

export interface StreamedAudio {
  /** The WAV as it is decoded (its header's sizes are 0xFFFFFFFF: a pipe cannot be rewound to fill them in). */
  stream: Readable;
  /** Resolves when ffmpeg has decoded everything, with the audio's duration; rejects with an 'audio-failed' error. */
  finished: Promise<{ durationMs: number }>;
}

/**
 * Decodes a media file's first audio track into a stream. ffmpeg starts when the reader first asks for data, so the
 * reader's own process is spawned first: from a big parent each spawn costs 15-25 ms (fork copies its page tables),
 * and the recognizer is the one whose start decides when the work ends. Closing the stream early (the reader died)
 * stops ffmpeg through a broken pipe, so neither process can wait on the other forever.
 */
export function streamAudio(ffmpeg: string, inputPath: string, options: { signal?: AbortSignal } = {}): StreamedAudio {
  let child: ChildProcessByStdio<null, Readable, Readable> | null = null;
  let readerStopped = false;
  let settle!: { resolve(value: { durationMs: number }): void; reject(error: TranscribeError): void };
  const finished = new Promise<{ durationMs: number }>((resolve, reject) => (settle = { resolve, reject }));
  // The caller may learn of a failure from the reader first; this keeps the rejection from going unhandled meanwhile.
  finished.catch(() => undefined);
  const onAbortBeforeStart = () => {
    if (!child) settle.reject(transcriptionCancelled());
  };
  options.signal?.addEventListener('abort', onAbortBeforeStart, { once: true });
  if (options.signal?.aborted) onAbortBeforeStart();

  const output = new Readable({
    highWaterMark: READ_AHEAD_BYTES,
    read() {
      if (child) child.stdout.resume();
      else if (!options.signal?.aborted) start();
    },
    destroy(error, callback) {
      if (!output.readableEnded) readerStopped = true;
      if (child) child.stdout.destroy();
      else settle.reject(new TranscribeError('audio-failed', 'ffmpeg could not extract audio (the reader stopped early, before decoding began).'));
      callback(error);
    },
  });

  function start(): void {
    options.signal?.removeEventListener('abort', onAbortBeforeStart);
    const proc = spawn(ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', ...decodeArgs(inputPath), 'pipe:1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      windowsHide: true,
    });
    child = proc;
    let stderr = '';
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-64 * 1024);
    });
    // Counts the PCM bytes after the header's `data` chunk id and size, for the duration.
    let head = Buffer.alloc(0);
    let dataStart = -1;
    let total = 0;
    proc.stdout.on('data', (chunk: Buffer) => {
      if (dataStart < 0 && head.length < 4096) {
        head = Buffer.concat([head, chunk]);
        const at = head.indexOf('data');
        if (at >= 0) dataStart = at + 8;
      }
      total += chunk.length;
      if (!output.push(chunk)) proc.stdout.pause();
    });
    proc.stdout.once('end', () => output.push(null));
    proc.once('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return;
      settle.reject(new TranscribeError('audio-failed', `ffmpeg could not be started (${ffmpeg}): ${error.code ?? error.message}.`));
      output.push(null);
    });
    proc.once('close', (code, signal) => {
      if (options.signal?.aborted) return settle.reject(transcriptionCancelled());
      if (code !== 0) {
        if (NO_STREAM.test(stderr)) return settle.reject(noAudioTrack(inputPath));
        const reason = readerStopped && code === null ? 'the reader stopped early' : `exit code ${code ?? signal}`;
        return settle.reject(new TranscribeError('audio-failed', `ffmpeg could not extract audio (${reason}).`, { exitCode: code, signal, stderrTail: tail(stderr) }));
      }
      const pcm = dataStart < 0 ? 0 : total - dataStart;
      if (pcm <= 0) return settle.reject(noAudioTrack(inputPath));
      settle.resolve({ durationMs: Math.round(pcm / BYTES_PER_MS) });
    });
  }

  return { stream: output, finished };
}
