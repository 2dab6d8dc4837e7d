// What every recognizer returns, whichever engine produced it: segments with millisecond times and, where the engine
// gives them, words with times and a confidence.
import type { Readable } from 'node:stream';

export interface TranscriptWord {
  startMs: number;
  endMs: number;
  text: string;
  /** Confidence in [0, 1], or null when the engine has none. */
  p: number | null;
}

export interface TranscriptSegment {
  startMs: number;
  endMs: number;
  text: string;
  words: TranscriptWord[];
}

export interface Transcript {
  /** ISO 639-1 code the engine used or detected, e.g. `en`. */
  language: string;
  segments: TranscriptSegment[];
}

export interface TranscribeOptions {
  /** `auto` to detect, or a language code. */
  language: string;
  threads: number;
  /** `accurate`: whisper-cli's defaults (beam search, temperature fallback). `fast`: greedy, no fallback. */
  quality?: 'accurate' | 'fast';
  signal?: AbortSignal;
  /** Text said just before this audio (the previous live window), to carry context across windows; Whisper only. */
  prompt?: string;
  /** Called with the recognizer's pid once it runs (the live pipeline lowers its priority below the recorder's). */
  onSpawn?: (pid: number | undefined) => void;
  /** Percent in [0, 100], non-decreasing. */
  onProgress?: (percent: number) => void;
}

export interface Transcriber {
  /** Stable name shown to the user and stored with the job, e.g. `whisper:base.en` or `pocketsphinx-reference`. */
  readonly name: string;
  /**
   * Whether transcribe() also takes the WAV as a stream (being decoded while the recognizer starts); otherwise it is
   * always given a file.
   */
  readonly readsStream: boolean;
  /** Transcribes 16 kHz mono WAV: a file path, or a stream when `readsStream`. */
  transcribe(audio: string | Readable, options: TranscribeOptions): Promise<Transcript>;
}

export type TranscribeErrorKind =
  | 'model-missing'
  | 'model-corrupt'
  | 'binary-missing'
  | 'crashed'
  | 'bad-output'
  | 'audio-failed'
  | 'cancelled';

/** A failure a user can act on, with the exit code and the tail of stderr when a process was involved. */
export class TranscribeError extends Error {
  constructor(
    readonly kind: TranscribeErrorKind,
    message: string,
    readonly details: { exitCode?: number | null; signal?: string | null; stderrTail?: string } = {},
  ) {
    super(message);
    this.name = 'TranscribeError';
  }

  /** Retrying cannot fix a missing or corrupt model, a missing binary or a user's cancel. */
  get retryable(): boolean {
    return this.kind === 'crashed' || this.kind === 'bad-output' || this.kind === 'audio-failed';
  }
}

/** What every stage throws when the job's signal aborted it. */
export function transcriptionCancelled(): TranscribeError {
  return new TranscribeError('cancelled', 'Transcription was cancelled.');
}
