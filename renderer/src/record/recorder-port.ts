// What the recording flow needs from the recorder, as one interface. Phase 2 implements it over `recorder:*` calls and
// their progress event; until then the flow gets `null` and says recording is not available in this build.
import type { ComposeValue } from './compose-form';
import type { DeviceChoice } from './device-pickers';

export interface RecorderProgress {
  elapsedMs: number;
  /** Mic level 0–1. */
  level: number;
  paused: boolean;
}

export interface RecorderPort {
  start(choice: DeviceChoice): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Ends the recording; resolves with the new clip's id once it is safely written. */
  stop(): Promise<{ clipId: string }>;
  cancel(): Promise<void>;
  onProgress(listener: (progress: RecorderProgress) => void): () => void;
  publish(clipId: string, compose: ComposeValue, dueAt: string | null): Promise<void>;
}

/** Below this level the mic counts as silent; after SILENT_AFTER_MS of it the warning shows. */
export const SILENT_LEVEL = 0.02;
export const SILENT_AFTER_MS = 3000;

/** Tracks the last loud moment and says whether the mic has been silent long enough to warn. */
export function nextSilence(state: { lastLoudMs: number }, progress: RecorderProgress): { lastLoudMs: number; silent: boolean } {
  const lastLoudMs = progress.level >= SILENT_LEVEL || progress.paused ? progress.elapsedMs : state.lastLoudMs;
  return { lastLoudMs, silent: progress.elapsedMs - lastLoudMs >= SILENT_AFTER_MS };
}
