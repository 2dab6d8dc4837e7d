// The "your mic is silent" rule, pure so it is tested without a recorder.
/** Below this level the mic counts as silent; after SILENT_AFTER_MS of it the warning shows. */
export const SILENT_LEVEL = 0.02;
export const SILENT_AFTER_MS = 3000;

/** Tracks the last loud moment and says whether the mic has been silent long enough to warn. */
export function nextSilence(state: { lastLoudMs: number }, progress: { elapsedMs: number; level: number; paused: boolean }): { lastLoudMs: number; silent: boolean } {
  const lastLoudMs = progress.level >= SILENT_LEVEL || progress.paused ? progress.elapsedMs : state.lastLoudMs;
  return { lastLoudMs, silent: progress.elapsedMs - lastLoudMs >= SILENT_AFTER_MS };
}
