// Waiting on a recording through its own events (no sleeps): the live pipeline's tests and bench:live share it.
import type { Core } from '../../electron/core/compose';

/** Resolves once the recorder reports at least `ms` of recorded time. */
export function elapsedAtLeast(core: Core, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const off = core.events.onAny((event, payload) => {
      if (event === 'recorder:progress' && (payload as { elapsedMs: number }).elapsedMs >= ms) {
        off();
        resolve();
      }
    });
  });
}
