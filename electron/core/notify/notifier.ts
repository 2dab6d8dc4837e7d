// Decides when to notify, once per item, and emits `app:notify`; the desktop shell shows it as a native notification
// and browser mode through the Web Notifications API. Runs in long-lived hosts only (see core/background.ts):
// - arrivals: after every sync, teammates' updates for me (or everyone) recorded in the last few days that I have not
//   seen and that were not announced before;
// - deadlines: on a timer, replies asked of me that fall due within the lead time (a setting, default 4 h);
// - the digest: once at the start of each of my workdays (my own hours and workdays), what arrived since my previous
//   workday, what is due today or overdue, and the decisions made; built only when that workday's key is still open.
// The table notifications_shown makes "once" hold across restarts and across the app and browser mode on one library.
import { addressedTo, LISTED_STATES } from '../../../shared/inbox';
import type { Settings } from '../../../shared/contract/settings';
import { arrivalNotices, deadlineNotices, limitArrivals, type NotifiableClip, type Notice } from '../../../shared/notifications';
import type { EventBus } from '../api/event-bus';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { clipsAnsweredBy, myCalendar } from '../workspace/inbox-query';
import { currentOrNextShift, isWorkingAt } from '../../../shared/norms/calendar';

/** Updates older than this are history, not news: a new member's first sync does not announce them. */
export const ARRIVAL_WINDOW_MS = 3 * 24 * 3600_000;
export const DEADLINE_CHECK_MS = 60_000;

export interface NotifierDeps {
  db: Db;
  events: EventBus;
  settings: { get(): Settings };
  me: () => { id: string; name: string; timezone: string; workingHours?: string; workdays?: string };
  /** The start-of-day digest (workspace.norms.digest); absent: no digest notification. */
  digest?: () => DigestSummary;
  clock: () => Date;
  logger: Logger;
  timers?: { setInterval(fn: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
}

/** What the notifier reads of a digest (contract `digest:get`). */
export interface DigestSummary {
  dismissed: boolean;
  arrived: unknown[];
  dueToday: unknown[];
  overdue: unknown[];
  decisions: unknown[];
}

/** "3 new updates, 2 replies due today, 1 overdue, 1 decision": the parts that are not empty. */
export function digestLine(digest: DigestSummary): string | null {
  const parts = [
    [digest.arrived.length, 'new update', 'new updates'],
    [digest.dueToday.length, 'reply due today', 'replies due today'],
    [digest.overdue.length, 'overdue', 'overdue'],
    [digest.decisions.length, 'decision', 'decisions'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return said.length ? said.join(', ') : null;
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
    // emitOnce's insert is what makes a deadline notice once-only, here as for arrivals.
    return emitOnce(deadlineNotices(forMe(rows), { now, leadMs, viewerTimeZone: me.timezone || 'UTC', alreadyShown: new Set() }));
  }

  function checkDigest(): number {
    if (!deps.digest || !deps.settings.get()['notifications.digest']) return 0;
    const now = deps.clock().getTime();
    const calendar = myCalendar(deps.me());
    if (!isWorkingAt(calendar, now)) return 0;
    const key = `digest:${currentOrNextShift(calendar, now).date}`;
    if (notShownYet([key]).size === 0) return 0;
    const digest = deps.digest();
    const line = digestLine(digest);
    // Read already (dismissed in the inbox) or nothing to say: this workday's digest is done without a notification.
    if (digest.dismissed || line === null) return emitOnce([], [key]);
    return emitOnce([{ key, kind: 'digest', clipId: null, title: 'Your start-of-day digest', body: line, route: '#/inbox' }]);
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
    checkDigest,
    /** Checks now, after every sync, and deadlines every minute; returns the stop function. */
    start(): () => void {
      const off = deps.events.onAny((event) => {
        if (event === 'sync:finished') safely('arrivals', checkArrivals);
      });
      const timer = timers.setInterval(() => {
        safely('deadlines', checkDeadlines);
        safely('the digest', checkDigest);
      }, DEADLINE_CHECK_MS);
      safely('arrivals', checkArrivals);
      safely('deadlines', checkDeadlines);
      safely('the digest', checkDigest);
      return () => {
        off();
        timers.clearInterval(timer);
      };
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;
