// The Whisper transcriber: whisper.cpp's `whisper-cli` as a child process with an argument array. Full JSON (segment
// and token times) goes to a temp output prefix, progress comes from `-pp` lines on stderr, and an abort kills it.
import { spawn } from 'node:child_process';
import { access, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import type { Logger } from '../logger';
import { tail } from '../system/run';
import { makeTempDir } from './audio';
import { readGgmlHeader } from './ggml-file';
import { TranscribeError, type TranscribeOptions, type Transcriber, type Transcript, transcriptionCancelled } from './types';
import { parseProgress, parseWhisperJson } from './whisper-output';

export interface WhisperCliOptions {
  binary: string;
  modelPath: string;
  /** Shown with the job, e.g. `base.en`. */
  modelName: string;
  logger: Logger;
  tmpParent?: string;
  /** How long a killed process may take to exit after SIGTERM before SIGKILL. */
  killGraceMs?: number;
}

const MAX_STDERR = 64 * 1024;

/** whisper-cli's words when the model file is not a model it can load. */
const MODEL_LOAD_FAILURE = /failed to (load model|initialize whisper context)|invalid model|bad magic|wrong (size|shape)|not all tensors loaded/i;

export function whisperArgs(options: {
  modelPath: string;
  /** A WAV file, or `-` for stdin. */
  wavPath: string;
  outputPrefix: string;
  language: string;
  threads: number;
  quality?: 'accurate' | 'fast';
  prompt?: string;
}): string[] {
  const fast = options.quality === 'fast' ? ['-bs', '1', '-bo', '1', '-nf'] : [];
  return [
    '-m', options.modelPath,
    '-f', options.wavPath,
    '-l', options.language,
    '-t', String(Math.max(1, Math.floor(options.threads))),
    '-ojf',
    '-of', options.outputPrefix,
    '-pp',
    ...fast,
    ...(options.prompt ? ['--prompt', options.prompt] : []),
  ];
}

async function checkModel(modelPath: string, modelName: string): Promise<void> {
  try {
    await access(modelPath);
  } catch {
    throw new TranscribeError('model-missing', `The Whisper model ${modelName} is not installed (${modelPath}).`);
  }
  const check = await readGgmlHeader(modelPath);
  if (!check.ok) throw new TranscribeError('model-corrupt', `The Whisper model ${modelName} is damaged: ${check.reason}.`);
}

export function createWhisperCliTranscriber(options: WhisperCliOptions): Transcriber {
  const killGraceMs = options.killGraceMs ?? 3000;
  return {
    name: `whisper:${options.modelName}`,
    readsStream: true,
    async transcribe(audio: string | Readable, run: TranscribeOptions): Promise<Transcript> {
      if (run.signal?.aborted) throw transcriptionCancelled();
      await checkModel(options.modelPath, options.modelName);
      const dir = await makeTempDir('handoff-whisper-', options.tmpParent);
      try {
        const outputPrefix = path.join(dir, 'out');
        // A stream is read on stdin ('-').
        const [wavPath, stdin] = typeof audio === 'string' ? [audio, null] : ['-', audio];
        const args = whisperArgs({ modelPath: options.modelPath, wavPath, outputPrefix, language: run.language, threads: run.threads, quality: run.quality, prompt: run.prompt });
        options.logger.debug('whisper-cli', { args });
        const outcome = await runWhisper(options.binary, args, stdin, run, killGraceMs);
        if (outcome.aborted) throw transcriptionCancelled();
        if (outcome.code !== 0) {
          const stderrTail = tail(outcome.stderr);
          const details = { exitCode: outcome.code, signal: outcome.signal, stderrTail };
          if (MODEL_LOAD_FAILURE.test(outcome.stderr)) {
            throw new TranscribeError('model-corrupt', `whisper-cli could not load the model ${options.modelName}.`, details);
          }
          const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
          const feeding = outcome.stdinError ? ` (the audio pipe: ${outcome.stdinError.message})` : '';
          throw new TranscribeError('crashed', `whisper-cli ${how}${feeding}:\n${stderrTail}`, details);
        }
        let raw: string;
        try {
          raw = await readFile(outputPrefix + '.json', 'utf8');
        } catch (error) {
          throw new TranscribeError('bad-output', `whisper-cli finished but wrote no JSON: ${(error as Error).message}`, {
            exitCode: 0,
            stderrTail: tail(outcome.stderr),
          });
        }
        let transcript: Transcript;
        try {
          transcript = parseWhisperJson(raw, null);
        } catch (error) {
          throw new TranscribeError('bad-output', (error as Error).message, { exitCode: 0 });
        }
        run.onProgress?.(100);
        return transcript;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  aborted: boolean;
  /** Why feeding the audio on stdin stopped early, if it did. */
  stdinError: Error | null;
}

function runWhisper(binary: string, args: string[], stdin: Readable | null, run: TranscribeOptions, killGraceMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'], windowsHide: true });
    run.onSpawn?.(child.pid);
    // whisper-cli reads stdin to its end before it transcribes. If it exits first (a bad model, a crash), the pipe
    // breaks and the source is destroyed, which stops the decoder. The exit code and stderr say why; the pipe's error
    // goes with them into the outcome.
    let stdinError: Error | null = null;
    if (stdin && child.stdin) pipeline(stdin, child.stdin, (error) => void (stdinError = error ?? null));
    let stderr = '';
    let lastProgress = -1;
    let aborted = false;
    let forceKill: NodeJS.Timeout | undefined;
    const onAbort = () => {
      aborted = true;
      child.kill('SIGTERM');
      forceKill = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
      forceKill.unref();
    };
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) onAbort();
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_STDERR);
      const percent = parseProgress(chunk);
      // whisper reports 100 before it writes the JSON; 100 is reported once the result is parsed.
      if (percent !== null && percent > lastProgress && percent < 100) {
        lastProgress = percent;
        run.onProgress?.(percent);
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      run.signal?.removeEventListener('abort', onAbort);
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        reject(new TranscribeError('binary-missing', `whisper-cli could not be started (${binary}): ${error.code}.`));
      } else {
        reject(error);
      }
    });
    child.once('close', (code, signal) => {
      run.signal?.removeEventListener('abort', onAbort);
      clearTimeout(forceKill);
      resolve({ code, signal, stderr, aborted, stdinError });
    });
  });
}
