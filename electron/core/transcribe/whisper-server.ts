// whisper.cpp's `whisper-server`, built from the same pinned source as whisper-cli (scripts/build-whisper.mjs): one
// long-lived process that keeps the model loaded, so live transcription pays the model load once per recording
// instead of once per window. It listens on 127.0.0.1 only, on a port chosen free at start; each window is one
// POST /inference with the WAV, answered in verbose JSON, turned into whisper-cli's JSON shape and parsed by the same
// code (whisper-output.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger';
import { tail } from '../system/run';
import { TranscribeError, type TranscribeOptions, type Transcriber, type Transcript, transcriptionCancelled } from './types';
import { parseWhisperJson } from './whisper-output';

const verbose = z.object({
  language: z.string().optional(),
  segments: z
    .array(
      z.object({
        text: z.string(),
        start: z.number(),
        end: z.number(),
        words: z.array(z.object({ word: z.string(), start: z.number().optional(), end: z.number().optional(), probability: z.number().optional() })).optional(),
      }),
    )
    .optional(),
});

/** The server's verbose JSON in whisper-cli's `-ojf` shape (seconds → milliseconds), for parseWhisperJson. */
export function serverToCliJson(body: unknown): string {
  const parsed = verbose.parse(body);
  const ms = (seconds: number) => Math.round(seconds * 1000);
  return JSON.stringify({
    result: { language: parsed.language },
    transcription: (parsed.segments ?? []).map((segment) => ({
      offsets: { from: ms(segment.start), to: ms(segment.end) },
      text: segment.text,
      tokens: (segment.words ?? []).map((word) => ({
        text: word.word,
        offsets: word.start !== undefined && word.end !== undefined ? { from: ms(word.start), to: ms(word.end) } : undefined,
        p: word.probability,
      })),
    })),
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WhisperServer extends Transcriber {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts whisper-server with the model loaded; resolves once it answers. */
export async function startWhisperServer(options: {
  binary: string;
  modelPath: string;
  modelName: string;
  threads: number;
  logger: Logger;
  /** Called with the server's pid (the live pipeline lowers its priority). */
  onSpawn?: (pid: number | undefined) => void;
  readyTimeoutMs?: number;
}): Promise<WhisperServer> {
  const port = await freePort();
  const args = ['-m', options.modelPath, '-t', String(Math.max(1, options.threads)), '--host', '127.0.0.1', '--port', String(port), '-nlp'];
  const child: ChildProcess = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  options.onSpawn?.(child.pid);
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log = tail(log + chunk, 8000)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log = tail(log + chunk, 8000)));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  // Set by the child's callbacks: read through a function so the checks below see its current value.
  const exitedNow = () => exited;
  const gone = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      exited = { code: null, signal: null };
      log += String(error);
      resolve();
    });
    child.once('close', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    const early = exitedNow();
    if (early) throw new TranscribeError('crashed', `whisper-server exited at start (${early.code ?? early.signal}):\n${tail(log)}`, { exitCode: early.code, stderrTail: tail(log) });
    const ready = await fetch(`${base}/`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new TranscribeError('crashed', `whisper-server did not answer within ${options.readyTimeoutMs ?? 60_000} ms:\n${tail(log)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  options.logger.info('whisper-server ready', { port, model: options.modelName });

  return {
    name: `whisper:${options.modelName}`,
    readsStream: false,
    pid: child.pid,
    async transcribe(audio, run: TranscribeOptions): Promise<Transcript> {
      if (typeof audio !== 'string') throw new TranscribeError('audio-failed', 'whisper-server is sent a WAV file, not a stream.');
      if (exited) throw new TranscribeError('crashed', `whisper-server is gone (${exited.code ?? exited.signal}):\n${tail(log)}`);
      const bytes = await readFile(audio);
      // 16 kHz mono s16 after the header's `data` chunk: whisper rounds the last segment up past the end, so times are
      // clamped to it.
      const dataAt = bytes.subarray(0, 512).indexOf('data');
      const durationMs = Math.max(0, Math.round((bytes.length - (dataAt < 0 ? 44 : dataAt + 8)) / 32));
      const form = new FormData();
      form.set('file', new Blob([bytes], { type: 'audio/wav' }), path.basename(audio));
      form.set('response_format', 'verbose_json');
      form.set('language', run.language);
      form.set('token_timestamps', 'true');
      if (run.quality === 'fast') form.set('temperature_inc', '0');
      if (run.prompt) form.set('prompt', run.prompt);
      let response: Response;
      try {
        response = await fetch(`${base}/inference`, { method: 'POST', body: form, signal: run.signal });
      } catch (error) {
        if (run.signal?.aborted) throw transcriptionCancelled();
        throw new TranscribeError('crashed', `whisper-server did not answer: ${error instanceof Error ? error.message : String(error)}\n${tail(log)}`);
      }
      const text = await response.text();
      if (!response.ok) throw new TranscribeError('bad-output', `whisper-server answered ${response.status}: ${text.slice(0, 500)}`);
      try {
        return parseWhisperJson(serverToCliJson(JSON.parse(text)), durationMs);
      } catch (error) {
        throw new TranscribeError('bad-output', `whisper-server's answer could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}
