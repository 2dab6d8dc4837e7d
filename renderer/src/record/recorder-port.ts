// What the recording flow needs from the recorder, as one interface, and its implementation over the `recorder:*`
// calls and events, `updates:edit` (the composed metadata) and `workspace:publish`.
import type { HandoffApi } from '../../../shared/bridge';
import type { ComposeValue } from './compose-form';
import { recordOptionsFor, levelFromDb, type DeviceChoice } from './record-options';

export interface RecorderProgress {
  elapsedMs: number;
  /** Mic level 0–1. */
  level: number;
  paused: boolean;
}

export interface RecorderPort {
  /** Starts recording; resolves with the recording's id (its clip's id once it stops). */
  start(choice: DeviceChoice): Promise<{ id: string }>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Ends the recording; resolves with the new clip's id once it is safely written. */
  stop(): Promise<{ clipId: string }>;
  cancel(): Promise<void>;
  onProgress(listener: (progress: RecorderProgress) => void): () => void;
  /** Warnings from the recorder (silent mic, falling behind, disk full…), as sentences. */
  onWarning(listener: (warning: { kind: string; message: string }) => void): () => void;
  publish(clipId: string, compose: ComposeValue, dueAt: string | null, replyTo: string | null): Promise<void>;
}

export function createRecorderPort(api: HandoffApi): RecorderPort {
  let paused = false;
  let last: RecorderProgress = { elapsedMs: 0, level: 0, paused: false };
  return {
    async start(choice) {
      paused = false;
      return api.recorder.start(recordOptionsFor(choice));
    },
    async pause() {
      await api.recorder.pause();
    },
    async resume() {
      await api.recorder.resume();
    },
    async stop() {
      const result = await api.recorder.stop();
      if (result.status !== 'ready') throw new Error('The recording was cancelled.');
      return { clipId: result.id };
    },
    async cancel() {
      await api.recorder.cancel();
    },
    onProgress(listener) {
      const emit = (p: RecorderProgress) => {
        last = p;
        listener(p);
      };
      const offs = [
        api.on('recorder:progress', (p) => emit({ elapsedMs: p.elapsedMs, level: levelFromDb(p.micLevelDb), paused })),
        api.on('recorder:state', (s) => {
          paused = s.state === 'paused';
          emit({ ...last, elapsedMs: s.elapsedMs, paused });
        }),
      ];
      return () => {
        offs.forEach((off) => off());
      };
    },
    onWarning(listener) {
      return api.on('recorder:warning', (w) => listener({ kind: w.kind, message: w.message }));
    },
    async publish(clipId, compose, dueAt, replyTo) {
      await api.updates.edit({
        id: clipId,
        title: compose.title.trim(),
        context: compose.context.trim() || null,
        ask: compose.ask.trim() || null,
        recipients: compose.recipients,
        dueAt,
        urgency: compose.urgency,
        ...(replyTo ? { replyTo } : {}),
      });
      await api.workspace.publish({ id: clipId });
    },
  };
}
