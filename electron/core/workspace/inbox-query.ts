// The inbox as the library holds it: reads clips, my replies and "seen" marks, and the team's zones, then applies the
// pure rules in shared/inbox. Kept apart from the workspace service, which only passes my profile in.
import type { TranscriptState } from '../../../shared/contract/transcription';
import { parseWorkingHours } from '../../../shared/inbox/zones';
import { DEFAULT_WORKDAYS, parseWorkdays } from '../../../shared/norms/workdays';
import { buildInbox, isValidTimezone, LISTED_STATES, type Inbox, type InboxClipInput } from '../../../shared/inbox';
import { ANSWERING_KINDS_SQL } from '../../../shared/norms/answering';
import { createCalendar, type CalendarCache, type WorkingCalendar } from '../../../shared/norms/calendar';
import type { Norms } from '../../../shared/norms/reply-by';
import { HandoffError } from '../../../shared/result';
import type { Db } from '../library/database';

type Me = { id: string; name: string; timezone: string; workingHours?: string; workdays?: string };

/** Calendars of the people rows (mine included), skipping any a bad row would make unusable. */
export function teamCalendars(db: Db, calendars: CalendarCache = createCalendar): { id: string; name: string; isMe: boolean; calendar: WorkingCalendar }[] {
  const rows = db.prepare('SELECT id, name, timezone, working_hours AS workingHours, workdays, is_me AS isMe FROM people ORDER BY is_me DESC, name, id').all() as {
    id: string;
    name: string;
    timezone: string;
    workingHours: string;
    workdays: string;
    isMe: number;
  }[];
  return rows.flatMap((row) => {
    try {
      return [{ id: row.id, name: row.name, isMe: row.isMe === 1, calendar: calendars(row) }];
    } catch {
      // Rows are validated when written (profile, people/ files); one that is not usable still must not hide the inbox.
      return [];
    }
  });
}

/**
 * My calendar: my profile's zone, hours and workdays. Settings only check the HH:MM-HH:MM shape, so hours such as
 * 09:00-09:00 can be stored; those count as the default 09:00-17:00 (as an unreadable setting reads as its default)
 * rather than leaving me without an inbox.
 */
export function myCalendar(me: Me, calendars: CalendarCache = createCalendar): WorkingCalendar {
  const hours = me.workingHours && parseWorkingHours(me.workingHours) ? me.workingHours : '09:00-17:00';
  const workdays = me.workdays && parseWorkdays(me.workdays) ? me.workdays : DEFAULT_WORKDAYS;
  return calendars({ timezone: me.timezone, workingHours: hours, workdays });
}

/** A page of the inbox: `days` workdays (sender's dates) before `before` (exclusive), newest first; absent: the newest. */
export interface InboxWindow {
  days?: number;
  before?: string;
}

export const DEFAULT_INBOX_DAYS = 14;
export const MAX_INBOX_DAYS = 366;
/** My unpublished recordings listed apart, newest first; the rest are counted (they stay in their workdays too). */
export const DRAFTS_LISTED = 50;
/** Drafts are counted up to this many ("1000+" beyond). */
export const DRAFTS_COUNTED = 1000;

const LISTED_SQL = LISTED_STATES.map((state) => `'${state}'`).join(', ');
// Each row comes back as one JSON array, parsed in one call: better-sqlite3 builds a keyed object per row, and for the
// 10k open asks issue 17 measures that took 80 ms of a 100 ms budget where one string per row takes 20 ms (same rows).
// recipients is JSON already and is embedded as such. The order here is the order `toInput` reads.
const CLIP_TUPLE = (alias: string) =>
  `json_array(${['id', 'title', 'author_id', 'author_name', 'author_timezone', 'recorded_at', 'ask', 'recipients', 'due_at', 'urgency', 'reply_to', 'state', 'duration_ms', 'source', 'transcript_state', 'published_at']
    .map((column) => (column === 'recipients' ? `json(${alias}recipients)` : `${alias}${column}`))
    .join(', ')})`;

type ClipTuple = [
  id: string,
  title: string,
  authorId: string | null,
  authorName: string,
  authorTimezone: string,
  recordedAt: string,
  ask: string | null,
  recipients: string[],
  dueAt: string | null,
  urgency: InboxClipInput['urgency'],
  replyTo: string | null,
  state: string,
  durationMs: number | null,
  source: string,
  transcriptState: TranscriptState,
  publishedAt: string | null,
];

/**
 * The inbox a page at a time (issue 19): the workdays of the page, the whole "Needs your reply" list and my newest
 * drafts, each read through an index (clips_workday, open_asks, clips_drafts), so time and memory follow the page and
 * the open asks, never the size of the library. `page.nextBefore` is the cursor of the next (older) page.
 */
export function readInbox(
  deps: { db: Db; me: Me; clock: () => Date; norms?: Norms; calendars?: CalendarCache },
  options: { viewerTimezone?: string; now?: string } & InboxWindow = {},
): Inbox {
  const { db, me, clock } = deps;
  const timezone = options.viewerTimezone ?? me.timezone;
  if (!isValidTimezone(timezone)) throw new HandoffError('invalid-input', `Unknown time zone "${timezone}".`);
  const nowMs = options.now ? Date.parse(options.now) : clock().getTime();
  if (Number.isNaN(nowMs)) throw new HandoffError('invalid-input', `Not a date: ${options.now}`);
  const days = options.days ?? DEFAULT_INBOX_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_INBOX_DAYS) throw new HandoffError('invalid-input', `days must be a whole number from 1 to ${MAX_INBOX_DAYS}.`);
  if (options.before !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.before)) throw new HandoffError('invalid-input', `before must be a date (YYYY-MM-DD), not "${options.before}".`);

  // The page's workdays: one more than asked tells whether an older page exists.
  const dates = db
    .prepare(
      `SELECT DISTINCT workday FROM clips WHERE workday IS NOT NULL AND state IN (${LISTED_SQL}) AND workday < @before
       ORDER BY workday DESC LIMIT @limit`,
    )
    .pluck()
    .all({ before: options.before ?? '9999-12-31', limit: days + 1 }) as string[];
  const pageDates = dates.slice(0, days);
  const tuples = (sql: string, params: Record<string, string> = {}) =>
    (db.prepare(sql).pluck().all(params) as string[]).map((row) => JSON.parse(row) as ClipTuple);
  const pageRows = pageDates.length
    ? tuples(
        `SELECT ${CLIP_TUPLE('')} FROM clips WHERE workday IS NOT NULL AND state IN (${LISTED_SQL}) AND workday >= @oldest AND workday <= @newest
         ORDER BY recorded_at_ms`,
        { oldest: pageDates[pageDates.length - 1], newest: pageDates[0] },
      )
    : [];
  // CROSS JOIN keeps SQLite's planner on open_asks first: without statistics it would rather scan clips.
  const askRows = tuples(`SELECT ${CLIP_TUPLE('c.')} FROM open_asks o CROSS JOIN clips c ON c.id = o.clip_id WHERE c.state IN (${LISTED_SQL})`);
  const draftRows = tuples(
    `SELECT ${CLIP_TUPLE('')} FROM clips WHERE published_at IS NULL AND source != 'workspace' AND state IN (${LISTED_SQL})
     ORDER BY recorded_at_ms DESC LIMIT ${DRAFTS_LISTED}`,
  );

  const ids = [...new Set([...pageRows, ...askRows].map((r) => r[0]))];
  const seen = seenBy(db, me.id, ids);
  const toInput = ([id, title, authorId, author, authorTimezone, recordedAt, ask, recipients, dueAt, urgency, replyTo, state, durationMs, source, transcriptState, publishedAt]: ClipTuple): InboxClipInput => ({
    id,
    title,
    authorId,
    author,
    authorTimezone,
    recordedAt,
    ask,
    recipients,
    dueAt,
    urgency,
    replyTo,
    state,
    durationMs,
    local: source !== 'workspace',
    transcriptState,
    seenByMe: seen.has(id),
    draft: source !== 'workspace' && publishedAt === null,
    publishedAt,
  });
  const valid = (r: ClipTuple) => isValidTimezone(r[4]);
  const zones = (db.prepare('SELECT DISTINCT timezone FROM people').all() as { timezone: string }[])
    .map((r) => r.timezone)
    .filter(isValidTimezone);
  const built = buildInbox({
    viewer: { id: me.id, name: me.name, timezone, now: new Date(nowMs).toISOString() },
    clips: pageRows.filter(valid).map(toInput),
    asks: askRows.filter(valid).map(toInput),
    draftClips: draftRows.filter(valid).map(toInput),
    teamTimezones: zones,
    // open_asks holds only the asks I have not answered.
    repliedByMe: new Set(),
    norms: deps.norms
      ? {
          viewerCalendar: myCalendar(me, deps.calendars),
          norms: deps.norms,
          teamCalendars: teamCalendars(db, deps.calendars).map((person) => person.calendar),
        }
      : undefined,
  });
  // Counted up to a cap: someone who never publishes has every clip as a draft, and a count must not scan them all.
  const drafts = db
    .prepare(
      `SELECT count(*) FROM (SELECT 1 FROM clips WHERE published_at IS NULL AND source != 'workspace' AND state IN (${LISTED_SQL}) LIMIT ${DRAFTS_COUNTED})`,
    )
    .pluck()
    .get() as number;
  return {
    ...built,
    page: { days, before: options.before ?? null, nextBefore: dates.length > days ? pageDates[pageDates.length - 1] : null },
    counts: { needsReply: built.needsReply.length, drafts, clipsInPage: pageRows.length },
  };
}

/** Which of `ids` I have marked seen; read per clip through events_clip_author, not through all my events. */
function seenBy(db: Db, personId: string, ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = db
    .prepare(
      `SELECT DISTINCT e.clip_id FROM json_each(@ids) j JOIN events e INDEXED BY events_clip_author
         ON e.clip_id = j.value AND e.author_id = @me AND e.kind = 'seen'`,
    )
    .pluck()
    .all({ ids: JSON.stringify(ids), me: personId }) as string[];
  return new Set(rows);
}

/**
 * The updates `personId` has answered: an event of theirs of an answering kind (ANSWERING_EVENT_KINDS: reply,
 * decision, comment, done), or a clip of theirs recorded as a reply to it. The inbox's "Needs your reply" and the
 * deadline notifications both use it.
 */
export function clipsAnsweredBy(db: Db, personId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT clip_id AS id FROM events WHERE kind IN (${ANSWERING_KINDS_SQL}) AND author_id = @me
       UNION SELECT reply_to FROM clips WHERE reply_to IS NOT NULL AND (author_id = @me OR (author_id IS NULL AND source != 'workspace'))`,
    )
    .all({ me: personId }) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
