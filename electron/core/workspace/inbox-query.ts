// The inbox as the library holds it: reads clips, my replies and "seen" marks, and the team's zones, then applies the
// pure rules in shared/inbox. Kept apart from the workspace service, which only passes my profile in.
import type { TranscriptState } from '../../../shared/contract/transcription';
import { buildInbox, isValidTimezone, LISTED_STATES, type Inbox, type InboxClipInput } from '../../../shared/inbox';
import { HandoffError } from '../../../shared/result';
import type { Db } from '../library/database';

export function readInbox(
  deps: { db: Db; me: { id: string; name: string; timezone: string }; clock: () => Date },
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
  });
}

/**
 * The updates `personId` has answered: a video reply, a comment (or text reply), a decision or "done" of theirs, or a
 * clip of theirs recorded as a reply to it. The inbox's "Needs your reply" and the deadline notifications both use it.
 */
export function clipsAnsweredBy(db: Db, personId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT clip_id AS id FROM events WHERE kind IN ('reply', 'comment', 'decision', 'done') AND author_id = @me
       UNION SELECT reply_to FROM clips WHERE reply_to IS NOT NULL AND (author_id = @me OR (author_id IS NULL AND source != 'workspace'))`,
    )
    .all({ me: personId }) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
