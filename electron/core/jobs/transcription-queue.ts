// The transcription queue: jobs persisted in SQLite, one at a time, each with its own AbortController so a cancel
// kills the recognizer process. Failures a retry can fix (a crash, bad output) come back after a growing delay; the
// rest (no model, corrupt model, cancel) stop at once with a message that says what to do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JobSummary } from '../../../shared/contract/transcription';
import { NO_MODEL_HINT } from '../../../shared/whisper-models';
import type { EventBus } from '../api/event-bus';
import { clipDir, findClip, type ClipsWriter } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { transcribeMedia } from '../transcribe/transcribe-media';
import { saveTranscript, writeCaptions } from '../transcribe/transcript-store';
import { TranscribeError, type Transcriber, transcriptionCancelled } from '../transcribe/types';
import { TERMINAL, createJobStore, type JobRow } from './job-store';
import { messageOf } from '../../../shared/result';

export type TranscriberChoice = { ok: true; transcriber: Transcriber } | { ok: false; reason: 'no-model' | 'no-binary'; message: string };

export interface QueueDeps {
  db: Db;
  /** The one writer of clip rows: transcript state changes go through it (and so emit clips:changed). */
  clips: ClipsWriter;
  events: EventBus;
  clock: () => Date;
  logger: Logger;
  clipsDir: string;
  findFfmpeg(): Promise<string | null>;
  /** Picks the recognizer for a job (its requested model, else the default); says why when there is none. */
  chooseTranscriber(model: string | null): Promise<TranscriberChoice>;
  settings(): { threads: number; language: string; quality: 'accurate' | 'fast' };
  retry?: { maxAttempts: number; baseDelayMs: number };
  tmpParent?: string;
}

export function toJobSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    clipId: row.clip_id,
    state: row.state,
    progress: row.progress,
    attempts: row.attempts,
    error: row.error,
    model: row.model,
    language: row.language,
    runAfterMs: row.run_after_ms,
    updatedAt: row.updated_at,
  };
}

export function createTranscriptionQueue(deps: QueueDeps) {
  const store = createJobStore(deps.db, deps.clock);
  const retry = deps.retry ?? { maxAttempts: 3, baseDelayMs: 30_000 };
  const waiters = new Map<number, ((row: JobRow) => void)[]>();
  let current: { jobId: number; controller: AbortController; cancelled: boolean; done: Promise<void> } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let stopping = false;

  const setClipState = (clipId: string, state: string, clips: ClipsWriter = deps.clips) => {
    clips.update(clipId, { transcriptState: state });
  };

  const publish = (row: JobRow) => {
    deps.events.emit('jobs:progress', toJobSummary(row));
    if (TERMINAL.has(row.state)) {
      for (const resolve of waiters.get(row.id) ?? []) resolve(row);
      waiters.delete(row.id);
    }
    return row;
  };

  function schedule(): void {
    if (!started || stopping || current) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const { due, nextAtMs } = store.next(deps.clock().getTime());
    if (due) {
      const controller = new AbortController();
      const run = { jobId: due.id, controller, cancelled: false, done: Promise.resolve() };
      current = run;
      run.done = runJob(due, run)
        .catch((error: unknown) => deps.logger.error('a transcription job failed unexpectedly', { jobId: due.id, error }))
        .finally(() => {
        current = null;
        schedule();
      });
    } else if (nextAtMs !== null) {
      timer = setTimeout(schedule, Math.max(0, nextAtMs - deps.clock().getTime()));
      timer.unref();
    }
  }

  async function runJob(job: JobRow, run: { controller: AbortController; cancelled: boolean }): Promise<void> {
    const log = deps.logger.child(`job ${job.id}`);
    let row = publish(store.update(job.id, { state: 'running', progress: 0, attempts: job.attempts + 1, error: null }));
    const fail = (error: string, clipState: string) => {
      row = publish(store.update(job.id, { state: 'failed', error }));
      setClipState(job.clip_id, clipState);
    };
    const clip = findClip(deps.db, job.clip_id);
    if (!clip) return void fail('The clip no longer exists.', 'failed');
    const choice = await deps.chooseTranscriber(job.model);
    if (!choice.ok) return void fail(choice.message, choice.reason === 'no-model' ? 'no-model' : 'failed');
    const folder = clipDir(deps.clipsDir, clip.id);
    const video = path.join(folder, 'video.mp4');
    if (!existsSync(video)) return void fail(`The clip has no video file (${video}).`, 'failed');
    const ffmpeg = await deps.findFfmpeg();
    if (!ffmpeg) return void fail('ffmpeg was not found: run `handoff doctor`.', 'failed');
    setClipState(clip.id, 'running');
    const settings = deps.settings();
    let lastPercent = 0;
    try {
      const { transcript } = await transcribeMedia(
        choice.transcriber,
        { ffmpeg, path: video, tmpParent: deps.tmpParent },
        {
          language: job.language ?? settings.language,
          threads: settings.threads,
          quality: settings.quality,
          signal: run.controller.signal,
          onProgress: (percent) => {
            const rounded = Math.floor(percent);
            if (rounded <= lastPercent || rounded >= 100) return;
            lastPercent = rounded;
            row = publish(store.update(job.id, { progress: rounded }));
          },
        },
      );
      if (run.controller.signal.aborted) throw transcriptionCancelled();
      saveTranscript(deps.db, deps.clips, clip.id, transcript);
      await writeCaptions(folder, transcript.segments);
      row = publish(store.update(job.id, { state: 'done', progress: 100, error: null }));
      log.info('transcribed', { segments: row.progress });
    } catch (error) {
      const known = error instanceof TranscribeError ? error : null;
      if (known?.kind === 'cancelled' || run.controller.signal.aborted) {
        if (run.cancelled) {
          row = publish(store.update(job.id, { state: 'cancelled', error: null }));
          setClipState(clip.id, 'cancelled');
        } else {
          // Shutting down, not a user's cancel: the job goes back to the queue for the next start.
          store.update(job.id, { state: 'queued', progress: 0, attempts: job.attempts });
          setClipState(clip.id, 'queued');
        }
        return;
      }
      const message = messageOf(error);
      log.warn('transcription failed', { error: message, kind: known?.kind });
      const attempts = job.attempts + 1;
      const retryable = known ? known.retryable : true;
      if (retryable && attempts < retry.maxAttempts) {
        const delay = retry.baseDelayMs * 4 ** (attempts - 1);
        row = publish(store.update(job.id, { state: 'queued', error: message, progress: 0, run_after_ms: deps.clock().getTime() + delay }));
        setClipState(clip.id, 'queued');
      } else {
        const clipState = known?.kind === 'model-missing' ? 'no-model' : 'failed';
        fail(clipState === 'no-model' ? `${message} ${NO_MODEL_HINT}` : message, clipState);
      }
    }
  }

  return {
    /** Reads the queue back (interrupted jobs run again) and starts working. Call once per process. */
    start(): void {
      if (started) return;
      started = true;
      const requeued = store.requeueInterrupted();
      if (requeued > 0) deps.logger.info('resuming interrupted transcriptions', { count: requeued });
      schedule();
    },

    /** Queues a transcription of the clip (idempotent while one is queued or running). Null when there is no model. */
    /**
     * `clips` lets the operation that added the clip (an import, a recording) carry the transcript state in its own
     * batch, so adding a clip stays one clips:changed.
     */
    async enqueue(clipId: string, options: { model?: string; language?: string; clips?: ClipsWriter } = {}): Promise<JobSummary | null> {
      const active = store.active(clipId);
      if (active) return toJobSummary(active);
      if (!findClip(deps.db, clipId)) return null;
      const choice = await deps.chooseTranscriber(options.model ?? null);
      if (!choice.ok && choice.reason === 'no-model') {
        // The clip stays fully usable; it is queued automatically once a model is installed (see requeueNoModel).
        setClipState(clipId, 'no-model', options.clips);
        return null;
      }
      const row = store.insert(clipId, options.model ?? null, options.language ?? null);
      setClipState(clipId, 'queued', options.clips);
      publish(row);
      schedule();
      return toJobSummary(store.get(row.id)!);
    },

    /** Cancels the clip's queued or running job; a running recognizer is killed. */
    cancel(clipId: string): boolean {
      const active = store.active(clipId);
      if (!active) return false;
      if (current && current.jobId === active.id) {
        current.cancelled = true;
        current.controller.abort();
      } else {
        publish(store.update(active.id, { state: 'cancelled' }));
        setClipState(clipId, 'cancelled');
      }
      return true;
    },

    /** Queues every clip that was waiting for a model; called after a model is installed or chosen. */
    async requeueNoModel(): Promise<number> {
      const ids = deps.db.prepare("SELECT id FROM clips WHERE transcript_state = 'no-model'").all() as { id: string }[];
      let queued = 0;
      for (const { id } of ids) if (await this.enqueue(id)) queued++;
      return queued;
    },

    /** Resolves when the job reaches done, failed or cancelled. */
    waitFor(jobId: number): Promise<JobSummary> {
      const row = store.get(jobId);
      if (!row) return Promise.reject(new Error(`no job ${jobId}`));
      if (TERMINAL.has(row.state)) return Promise.resolve(toJobSummary(row));
      return new Promise((resolve) => {
        const list = waiters.get(jobId) ?? [];
        list.push((done) => resolve(toJobSummary(done)));
        waiters.set(jobId, list);
      });
    },

    latest: (clipId: string) => {
      const row = store.latest(clipId);
      return row ? toJobSummary(row) : null;
    },
    list: (limit: number) => store.list(limit).map(toJobSummary),

    /** Stops working: a running job is killed and left queued for the next start. */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearTimeout(timer);
      const running = current;
      if (running) {
        running.controller.abort();
        await running.done;
      }
    },
  };
}

export type TranscriptionQueue = ReturnType<typeof createTranscriptionQueue>;
