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
