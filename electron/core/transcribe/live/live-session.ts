// Transcription while recording: each part's audio is decoded as its segments complete (part-audio.ts), cut into
// windows at pauses (window-cutter.ts) and transcribed one window at a time with the previous window's text as the
// prompt; the windows' segments and words are shifted into recording time and stitched. Pauses are part boundaries:
// a part's last window ends where its audio does, and the next part's audio follows it, as in the joined video.
// At stop only the last window remains. When transcription falls behind (its real-time factor, or a backlog of audio
// waiting), the session gives up, says so, and the clip is transcribed after stop instead: the recorder always wins.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RecordingResult } from '../../../../shared/contract/recorder';
import type { RecordingFollower } from '../../capture/follower';
import type { Logger } from '../../logger';
import { TranscribeError, type Transcriber, type Transcript, type TranscriptSegment } from '../types';
import { followPartAudio, lowerPriority, type PartAudio } from './part-audio';
import { SAMPLE_RATE, createWindowCutter, type CutterOptions, type PcmWindow, type WindowCutter } from './window-cutter';

/** Audio waiting to be transcribed beyond which live transcription gives up: stop would no longer be "only the last window". */
export const MAX_BACKLOG_MS = 45_000;
/**
 * Measured real-time factor (processing time / audio time, over the windows so far) above which it gives up: past 1
 * it only falls further behind. Judged once RTF_AFTER_MS of audio was transcribed: the first windows also pay for
 * starting the recognizer, and one slow moment on a shared machine is not a trend.
 */
export const MAX_RTF = 1;
export const RTF_AFTER_MS = 30_000;

export interface LiveTranscriptionOutcome {
  clipId: string;
  /** 'live': the transcript was saved from the live windows; 'fallback': after-stop transcription was queued. */
  mode: 'live' | 'fallback';
  reason: string | null;
  windows: number;
  audioMs: number;
  processingMs: number;
}

export interface LiveSessionDeps {
  id: string;
  logger: Logger;
  /** The recognizer (resolved when the session starts) and how to release it (a whisper-server is stopped). */
  transcriber: Promise<{ transcriber: Transcriber; dispose(): Promise<void> }>;
  language: string;
  threads: number;
  quality: 'accurate' | 'fast';
  cutter?: CutterOptions;
  maxBacklogMs?: number;
  maxRtf?: number;
  rtfAfterMs?: number;
  tmpParent?: string;
  /** Saves the stitched transcript for the clip (library + captions + clips:changed). */
  save(clipId: string, transcript: Transcript): Promise<void>;
  /**
   * The session gave up and the clip is transcribed after stop; `announce` is false when there was never a recognizer
   * to run (no model installed): the after-stop path says that in its own words.
   */
  fallBack(reason: string, announce: boolean): void;
  /** Called once the clip exists and the session gave up: queue the after-stop transcription. */
  transcribeAfterStop(clipId: string): Promise<void>;
  onOutcome?(outcome: LiveTranscriptionOutcome): void;
  /** After each window is transcribed: how far the live transcript has come (the HUD shows it). */
  onWindow?(progress: { windows: number; audioMs: number }): void;
}

interface Part {
  audio: PartAudio;
  cutter: WindowCutter;
  /** Recording time of this part's first sample, in samples; resolved when the previous part's audio ended. */
  offset: Promise<number>;
  ended: Promise<number> | null;
}

function wav(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Shifts a window's transcript into recording time, keeping every time inside the window (recognizers round up). */
export function shiftSegments(segments: TranscriptSegment[], offsetMs: number, windowMs: number): TranscriptSegment[] {
  const clamp = (ms: number) => Math.round(offsetMs + Math.min(Math.max(ms, 0), windowMs));
  return segments.map((segment) => ({
    startMs: clamp(segment.startMs),
    endMs: clamp(segment.endMs),
    text: segment.text,
    words: segment.words.map((word) => ({ ...word, startMs: clamp(word.startMs), endMs: clamp(word.endMs) })),
  }));
}

export function createLiveTranscription(deps: LiveSessionDeps): RecordingFollower {
  const log = deps.logger.child(`live ${deps.id}`);
  const parts: Part[] = [];
  const segments: TranscriptSegment[] = [];
  const controller = new AbortController();
  let language = deps.language === 'auto' ? 'en' : deps.language;
  let prompt = '';
  let queue: Promise<void> = Promise.resolve();
  let backlogMs = 0;
  let audioMs = 0;
  let processingMs = 0;
  let windows = 0;
  let gaveUp: string | null = null;
  let tmpDir: Promise<string> | null = null;
  const recognizer = deps.transcriber;

  function giveUp(reason: string, announce = true): void {
    if (gaveUp) return;
    gaveUp = reason;
    if (announce) log.warn('live transcription gave up; the clip is transcribed after stop', { reason });
    controller.abort();
    for (const part of parts) part.audio.kill();
    deps.fallBack(reason, announce);
  }
  // Settled at once (a model lookup): without a recognizer there is nothing to do live, and nothing to warn about.
  recognizer.catch((error: unknown) => giveUp(error instanceof Error ? error.message : String(error), false));

  async function transcribeWindow(window: PcmWindow, offsetSamples: number): Promise<void> {
    const windowMs = (window.samples.length / SAMPLE_RATE) * 1000;
    backlogMs -= windowMs;
    if (gaveUp) return;
    const { transcriber } = await recognizer;
    tmpDir ??= mkdtemp(path.join(deps.tmpParent ?? os.tmpdir(), 'handoff-live-'));
    const file = path.join(await tmpDir, `w${windows}.wav`);
    await writeFile(file, wav(window.samples));
    const started = performance.now();
    try {
      const result = await transcriber.transcribe(file, {
        language: deps.language,
        threads: deps.threads,
        quality: deps.quality,
        prompt: prompt || undefined,
        signal: controller.signal,
        onSpawn: (pid) => lowerPriority(pid, log),
      });
      const offsetMs = ((offsetSamples + window.startSample) / SAMPLE_RATE) * 1000;
      segments.push(...shiftSegments(result.segments, offsetMs, windowMs));
      if (result.language) language = result.language;
      const text = result.segments.map((segment) => segment.text).join(' ').trim();
      if (text) prompt = text.slice(-400);
    } finally {
      await rm(file, { force: true });
    }
    windows += 1;
    audioMs += windowMs;
    processingMs += performance.now() - started;
    deps.onWindow?.({ windows, audioMs: Math.round(audioMs) });
    if (windows >= 2 && audioMs >= (deps.rtfAfterMs ?? RTF_AFTER_MS) && processingMs / audioMs > (deps.maxRtf ?? MAX_RTF)) {
      giveUp(`transcription ran at ${(processingMs / audioMs).toFixed(2)}× real time on this machine, too slow to keep up with the recording`);
    }
  }

  function enqueue(window: PcmWindow, offset: Promise<number>): void {
    backlogMs += (window.samples.length / SAMPLE_RATE) * 1000;
    if (backlogMs > (deps.maxBacklogMs ?? MAX_BACKLOG_MS)) {
      giveUp(`${Math.round(backlogMs / 1000)} s of audio were waiting to be transcribed`);
      return;
    }
    queue = queue
      .then(async () => transcribeWindow(window, await offset))
      .catch((error: unknown) => {
        if (error instanceof TranscribeError && error.kind === 'cancelled') return;
        giveUp(`live transcription failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  function currentPart(): Part | undefined {
    return parts[parts.length - 1];
  }

  return {
    partStarted(partDir) {
      if (gaveUp) return;
      const previous = currentPart();
      const offset: Promise<number> = previous ? Promise.all([previous.offset, previous.ended ?? Promise.resolve(0)]).then(([o, n]) => o + n) : Promise.resolve(0);
      const cutter = createWindowCutter(deps.cutter);
      const audio = followPartAudio({
        partDir,
        logger: log,
        onSamples: (samples) => {
          if (gaveUp) return;
          for (const window of cutter.push(samples)) enqueue(window, offset);
        },
      });
      parts.push({ audio, cutter, offset, ended: null });
    },

    poke() {
      currentPart()?.audio.poke();
    },

    partEnded() {
      const part = currentPart();
      if (!part || part.ended) return;
      part.ended = part.audio
        .end()
        .then(() => {
          const last = part.cutter.flush();
          if (last && !gaveUp) enqueue(last, part.offset);
          return part.cutter.total;
        })
        .catch((error: unknown) => {
          if (!gaveUp) giveUp(`the live audio decoder failed: ${error instanceof Error ? error.message : String(error)}`);
          return part.cutter.total;
        });
    },

    async completed(result: RecordingResult) {
      const clipId = result.id;
      try {
        await Promise.all(parts.map((part) => part.ended));
        await queue;
        if (!gaveUp) {
          const limit = result.durationMs ?? Number.POSITIVE_INFINITY;
          const kept = segments
            .filter((segment) => segment.startMs < limit)
            .map((segment) => ({
              ...segment,
              endMs: Math.min(segment.endMs, limit),
              words: segment.words.filter((word) => word.startMs < limit).map((word) => ({ ...word, endMs: Math.min(word.endMs, limit) })),
            }));
          await deps.save(clipId, { language, segments: kept });
        } else {
          await deps.transcribeAfterStop(clipId);
        }
        deps.onOutcome?.({ clipId, mode: gaveUp ? 'fallback' : 'live', reason: gaveUp, windows, audioMs: Math.round(audioMs), processingMs: Math.round(processingMs) });
      } finally {
        await release();
      }
    },

    async abandoned() {
      gaveUp ??= 'the recording was cancelled';
      controller.abort();
      for (const part of parts) part.audio.kill();
      await queue;
      await release();
    },
  };

  async function release(): Promise<void> {
    if (tmpDir) await rm(await tmpDir, { recursive: true, force: true });
    const held = await recognizer.catch(() => null);
    await held?.dispose();
  }
}
