// Decides when to notify, once per item, and emits `app:notify`; the desktop shell shows it as a native notification
// and browser mode through the Web Notifications API. Runs in long-lived hosts only (see core/background.ts):
// - arrivals: after every sync, teammates' updates for me (or everyone) recorded in the last few days that I have not
//   seen and that were not announced before;
// - deadlines: on a timer, replies asked of me that fall due within the lead time (a setting, default 4 h).
// The table notifications_shown makes "once" hold across restarts and across the app and browser mode on one library.
import { addressedTo, LISTED_STATES } from '../../../shared/inbox';
import type { Settings } from '../../../shared/contract/settings';
import { arrivalNotices, deadlineNotices, limitArrivals, type NotifiableClip, type Notice } from '../../../shared/notifications';
import type { EventBus } from '../api/event-bus';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { clipsAnsweredBy } from '../workspace/inbox-query';

/** Updates older than this are history, not news: a new member's first sync does not announce them. */
export const ARRIVAL_WINDOW_MS = 3 * 24 * 3600_000;
export const DEADLINE_CHECK_MS = 60_000;

export interface NotifierDeps {
  db: Db;
  events: EventBus;
  settings: { get(): Settings };
  me: () => { id: string; name: string; timezone: string };
  clock: () => Date;
  logger: Logger;
  timers?: { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
}

interface ClipRow {
  id: string;
  title: string;
  author_id: string | null;
  author_name: string;
  ask: string | null;
  due_at: string | null;
  recipients: string;
}

const LISTED = LISTED_STATES.map((state) => `'${state}'`).join(', ');

export function createNotifier(deps: NotifierDeps) {
  const { db, logger } = deps;
  const timers = deps.timers ?? { setInterval: (fn: () => void, ms: number) => setInterval(fn, ms), clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout) };
  const markShown = db.prepare('INSERT OR IGNORE INTO notifications_shown (key, shown_at) VALUES (?, ?)');
  const shownKeys = db.prepare('SELECT key FROM notifications_shown WHERE key IN (SELECT value FROM json_each(?))');

  function forMe(rows: ClipRow[]): NotifiableClip[] {
    const me = deps.me();
    const answered = clipsAnsweredBy(db, me.id);
    return rows
      .filter((row) => (row.author_id === null || row.author_id !== me.id) && addressedTo({ recipients: JSON.parse(row.recipients) as string[] }, me))
      .map((row) => ({ id: row.id, title: row.title, author: row.author_name, authorId: row.author_id, dueAt: row.due_at, ask: row.ask, repliedByMe: answered.has(row.id) }));
  }

  /** Emits the notices not shown before (the insert decides, so two hosts on one library never both show one). */
  function emitOnce(notices: Notice[], alsoMark: string[] = []): number {
    const now = deps.clock().toISOString();
    let shown = 0;
    db.transaction(() => {
      for (const notice of notices) {
        if (markShown.run(notice.key, now).changes === 1) {
          deps.events.emit('app:notify', notice);
          shown++;
        }
      }
      for (const key of alsoMark) markShown.run(key, now);
    })();
    return shown;
  }

  function notShownYet(keys: string[]): Set<string> {
    const shown = new Set((shownKeys.all(JSON.stringify(keys)) as { key: string }[]).map((r) => r.key));
    return new Set(keys.filter((key) => !shown.has(key)));
  }

  function checkArrivals(): number {
    if (!deps.settings.get()['notifications.arrivals']) return 0;
    const me = deps.me();
    const since = deps.clock().getTime() - ARRIVAL_WINDOW_MS;
    const rows = db
      .prepare(
        `SELECT c.id, c.title, c.author_id, c.author_name, c.ask, c.due_at, c.recipients FROM clips c
         WHERE c.source = 'workspace' AND c.state IN (${LISTED}) AND c.recorded_at_ms >= ?
           AND NOT EXISTS (SELECT 1 FROM events e WHERE e.clip_id = c.id AND e.kind = 'seen' AND e.author_id = ?)
         ORDER BY c.recorded_at_ms`,
      )
      .all(since, me.id) as ClipRow[];
    const fresh = arrivalNotices(forMe(rows), me.id);
    const pending = notShownYet(fresh.map((n) => n.key));
    const todo = fresh.filter((n) => pending.has(n.key));
    const limited = limitArrivals(todo);
    // Items folded into the summary count as announced too.
    return emitOnce(limited, todo.map((n) => n.key));
  }

  function checkDeadlines(): number {
    const settings = deps.settings.get();
    if (!settings['notifications.deadlines']) return 0;
    const me = deps.me();
    const now = deps.clock();
    const leadMs = settings['notifications.deadlineLeadHours'] * 3600_000;
    const rows = db
      .prepare(
        `SELECT id, title, author_id, author_name, ask, due_at, recipients FROM clips
         WHERE due_at_ms > ? AND due_at_ms <= ? AND state IN (${LISTED})`,
      )
      .all(now.getTime(), now.getTime() + leadMs) as ClipRow[];
    const candidates = deadlineNotices(forMe(rows), {
      now,
      leadMs,
      viewerTimeZone: me.timezone || 'UTC',
      alreadyShown: new Set(),
    });
    const pending = notShownYet(candidates.map((n) => n.key));
    return emitOnce(candidates.filter((n) => pending.has(n.key)));
  }

  function safely(what: string, check: () => number) {
    try {
      check();
    } catch (error) {
      logger.error(`could not check ${what} for notifications`, { error });
    }
  }

  return {
    checkArrivals,
    checkDeadlines,
    /** Checks now, after every sync, and deadlines every minute; returns the stop function. */
    start(): () => void {
      const off = deps.events.onAny((event) => {
        if (event === 'sync:finished') safely('arrivals', checkArrivals);
      });
      const timer = timers.setInterval(() => safely('deadlines', checkDeadlines), DEADLINE_CHECK_MS);
      safely('arrivals', checkArrivals);
      safely('deadlines', checkDeadlines);
      return () => {
        off();
        timers.clearInterval(timer);
      };
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
