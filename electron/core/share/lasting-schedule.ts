// Expiry of bucket links is enforced by deleting their objects: a long-lived host prunes once at start and then every
// hour, so a lasting link stops within the hour after it expires while the app runs (`handoff links --prune` does it
// by hand). A failed prune (bucket unreachable, offline) is logged and retried at the next tick, never thrown.
import type { Logger } from '../logger';

export const PRUNE_INTERVAL_MS = 3600_000;

export interface PruneTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export function startLinkPruning(deps: {
  prune: () => Promise<{ pruned: { token: string; deleted: number }[] }>;
  logger: Logger;
  intervalMs?: number;
  timers?: PruneTimers;
}): () => void {
  const timers = deps.timers ?? { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) };
  let running: Promise<void> | null = null;
  const tick = () => {
    // One prune at a time: a slow bucket must not pile up overlapping deletes.
    if (running) return;
    running = deps
      .prune()
      .then(
        ({ pruned }) => {
          if (pruned.length > 0) deps.logger.info('expired bucket links pruned', { links: pruned.length, objects: pruned.reduce((n, p) => n + p.deleted, 0) });
        },
        (error: unknown) => deps.logger.warn('pruning expired bucket links failed; retrying at the next tick', { error }),
      )
      .finally(() => {
        running = null;
      });
  };
  tick();
  const handle = timers.setInterval(tick, deps.intervalMs ?? PRUNE_INTERVAL_MS);
  return () => timers.clearInterval(handle);
}
