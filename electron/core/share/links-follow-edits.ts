// A local share link serves its clip's rendered edit (media-files.ts). When the author edits a clip that already has
// a live link, that render goes stale, and the link kept showing the previous version until someone pressed "Render
// the edit again". This renders such a clip once its edits have been quiet for a moment, so the link follows the
// edit. S3 links are copies uploaded when they were made, and are left as they are.
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../logger';

/** Edits in a burst (cutting several fillers, undo/redo) are rendered once, after this much quiet. */
const QUIET_MS = 3000;

export function linksFollowEdits(deps: {
  events: EventBus;
  /** Whether the clip has a local link someone can still open (not revoked, not expired). */
  hasActiveLocalLink(clipId: string): boolean;
  /** Renders the clip's edit when it changed since the last render; nothing when it is current or there is no edit. */
  renderIfStale(clipId: string): Promise<void>;
  logger: Logger;
  quietMs?: number;
}) {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  function renderFor(clipId: string): void {
    timers.delete(clipId);
    if (!deps.hasActiveLocalLink(clipId)) return;
    const job: Promise<void> = deps
      .renderIfStale(clipId)
      .catch((error: unknown) =>
        deps.logger.error('could not render the edit a share link shows; it serves the previous render until the next edit or render', { clipId, error }),
      )
      .finally(() => running.delete(job));
    running.add(job);
  }

  // A render emits edits:changed too; by then the render is current, so the next check finds nothing to do.
  const off = deps.events.onAny((event, payload) => {
    if (event !== 'edits:changed') return;
    const { clipId } = payload as { clipId: string };
    clearTimeout(timers.get(clipId));
    timers.set(clipId, setTimeout(() => renderFor(clipId), deps.quietMs ?? QUIET_MS));
  });

  return {
    /** Resolves when no render started here is running (renders still waiting for quiet are not waited for). */
    async whenIdle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running]);
    },
    stop(): void {
      off();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
