// The device choice on the Record page and how it becomes recorder options; pure, so it is unit-tested.
import type { RecordRequestInput } from '../../../shared/contract/recorder';

export interface DeviceChoice {
  /** '' = camera only, no screen. */
  screen: string;
  /** '' = no camera. */
  camera: string;
  /** '' = no microphone. */
  mic: string;
  /** Record the recorder's synthetic test pattern and tone instead of devices (demo, machines without devices). */
  synthetic: boolean;
}

/** dBFS (−60 silent … 0 full scale) → 0–1 for the meter. */
export function levelFromDb(db: number | null): number {
  if (db === null || !Number.isFinite(db)) return 0;
  return Math.max(0, Math.min(1, (db + 60) / 60));
}

/**
 * The device choice as a `recorder:start` request; core adds the saved recording settings (fps, height, quality,
 * bubble) beneath it. The synthetic source records a test pattern and tone, no devices needed.
 */
export function recordOptionsFor(choice: DeviceChoice): RecordRequestInput {
  if (choice.synthetic) return { display: 'synthetic', camera: null, mic: 'synthetic', fps: 15, maxHeight: 480 };
  return {
    display: choice.screen || null,
    camera: choice.camera || null,
    mic: choice.mic || null,
    cameraOnly: !choice.screen && !!choice.camera,
  };
}
