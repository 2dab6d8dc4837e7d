// Reactions, comments, decisions and video replies per clip, for the inbox rows: two grouped queries over the clips of
// one inbox page (events by the events_clip index), so the cost follows the page, not the library.
import type { Db } from '../library/database';
import type { Inbox, InboxClip, InboxCounts } from '../../../shared/inbox';

const KIND_FIELD = { reaction: 'reactions', comment: 'comments', decision: 'decisions' } as const;

export function countsByClip(db: Db, clipIds: string[]): Map<string, InboxCounts> {
  const counts = new Map<string, InboxCounts>();
  const of = (id: string) => {
    let c = counts.get(id);
    if (!c) counts.set(id, (c = { reactions: 0, comments: 0, decisions: 0, replies: 0 }));
    return c;
  };
  const events = db
    .prepare(
      `SELECT clip_id, kind, COUNT(*) AS n FROM events
       WHERE clip_id IN (SELECT value FROM json_each(?)) AND kind IN ('reaction', 'comment', 'decision') GROUP BY clip_id, kind`,
    )
    .all(JSON.stringify(clipIds)) as { clip_id: string; kind: keyof typeof KIND_FIELD; n: number }[];
  for (const row of events) of(row.clip_id)[KIND_FIELD[row.kind]] = row.n;
  const replies = db
    .prepare(`SELECT reply_to, COUNT(*) AS n FROM clips WHERE reply_to IN (SELECT value FROM json_each(?)) GROUP BY reply_to`)
    .all(JSON.stringify(clipIds)) as { reply_to: string; n: number }[];
  for (const row of replies) of(row.reply_to).replies = row.n;
  return counts;
}

/** The inbox with `counts` on every clip that has any (absent: none yet). */
export function withCounts(db: Db, inbox: Inbox): Inbox {
  const ids = [...new Set([...inbox.needsReply, ...inbox.drafts, ...inbox.workdays.flatMap((day) => day.clips)].map((clip) => clip.id))];
  if (ids.length === 0) return inbox;
  const counts = countsByClip(db, ids);
  if (counts.size === 0) return inbox;
  const add = (clip: InboxClip): InboxClip => {
    const c = counts.get(clip.id);
    return c ? { ...clip, counts: c } : clip;
  };
  return {
    ...inbox,
    needsReply: inbox.needsReply.map(add),
    drafts: inbox.drafts.map(add),
    workdays: inbox.workdays.map((day) => ({ ...day, clips: day.clips.map(add) })),
  };
}
