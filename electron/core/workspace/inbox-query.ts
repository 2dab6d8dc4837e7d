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

export function readInbox(
  deps: { db: Db; me: Me; clock: () => Date; norms?: Norms; calendars?: CalendarCache },
  options: { viewerTimezone?: string; now?: string } = {},
): Inbox {
  const { db, me, clock } = deps;
  const timezone = options.viewerTimezone ?? me.timezone;
  if (!isValidTimezone(timezone)) throw new HandoffError('invalid-input', `Unknown time zone "${timezone}".`);
  const nowMs = options.now ? Date.parse(options.now) : clock().getTime();
  if (Number.isNaN(nowMs)) throw new HandoffError('invalid-input', `Not a date: ${options.now}`);
  const rows = db
    .prepare(
      `SELECT id, title, author_id, author_name, author_timezone, recorded_at, ask, recipients, due_at, urgency, reply_to, state,
         duration_ms, source, transcript_state, published_at FROM clips WHERE state IN (${LISTED_STATES.map((state) => `'${state}'`).join(', ')}) ORDER BY recorded_at_ms`,
    )
    .all() as { id: string; title: string; author_id: string | null; author_name: string; author_timezone: string; recorded_at: string; ask: string | null; recipients: string; due_at: string | null; urgency: InboxClipInput['urgency']; reply_to: string | null; state: string; duration_ms: number | null; source: string; transcript_state: TranscriptState; published_at: string | null }[];
  const seen = new Set(
    (db.prepare(`SELECT DISTINCT clip_id FROM events WHERE kind = 'seen' AND author_id = ?`).all(me.id) as { clip_id: string }[]).map(
      (r) => r.clip_id,
    ),
  );
  const clips: InboxClipInput[] = rows
    .filter((r) => isValidTimezone(r.author_timezone))
    .map((r) => ({
      id: r.id,
      title: r.title,
      authorId: r.author_id,
      author: r.author_name,
      authorTimezone: r.author_timezone,
      recordedAt: r.recorded_at,
      ask: r.ask,
      recipients: JSON.parse(r.recipients) as string[],
      dueAt: r.due_at,
      urgency: r.urgency,
      replyTo: r.reply_to,
      state: r.state,
      durationMs: r.duration_ms,
      local: r.source !== 'workspace',
      transcriptState: r.transcript_state,
      seenByMe: seen.has(r.id),
      draft: r.source !== 'workspace' && r.published_at === null,
      publishedAt: r.published_at,
    }));
  const replied = clipsAnsweredBy(db, me.id);
  const zones = (db.prepare('SELECT DISTINCT timezone FROM people').all() as { timezone: string }[])
    .map((r) => r.timezone)
    .filter(isValidTimezone);
  return buildInbox({
    viewer: { id: me.id, name: me.name, timezone, now: new Date(nowMs).toISOString() },
    clips,
    teamTimezones: zones,
    repliedByMe: replied,
    norms: deps.norms
      ? {
          viewerCalendar: myCalendar(me, deps.calendars),
          norms: deps.norms,
          teamCalendars: teamCalendars(db, deps.calendars).map((person) => person.calendar),
        }
      : undefined,
  });
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
