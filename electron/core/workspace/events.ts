// Events on an update (seen, reaction, reply, decision, comment, done): checked, written to the workspace when the
// team can see the update (an unpublished clip of mine keeps them local), and kept in the library. The only writer of
// the events it adds; sync indexes teammates' events.
import { HandoffError } from '../../../shared/result';
import type { EventBus } from '../api/event-bus';
import { getClip } from '../library/clips-store';
import type { Db } from '../library/database';
import { newId } from '../system/ids';
import type { WorkspaceBackend } from './backend';
import { WORKSPACE_SCHEMA, type EventFile } from './files';
import type { PeopleService } from './people';
import { publishEvent } from './publish';
import type { SyncStore } from './sync-store';

export interface ClipEvent {
  id: string;
  clipId: string;
  kind: EventFile['kind'];
  authorId: string | null;
  author: string;
  createdAt: string;
  atMs: number | null;
  emoji: string | null;
  text: string | null;
  replyClipId: string | null;
  /** For a comment answering another comment: that comment's id. */
  parentId: string | null;
}

/** The longest text comment, in characters. */
export const COMMENT_MAX = 5_000;

export function createWorkspaceEvents(deps: {
  db: Db;
  clock: () => Date;
  people: Pick<PeopleService, 'getProfile'>;
  backend: () => WorkspaceBackend;
  store: SyncStore;
  events: EventBus;
}) {
  const { db, clock, people, backend, store } = deps;
  const insertEvent = db.prepare(
    `INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, at_ms, emoji, text, reply_clip_id, parent_id)
     VALUES (@id, @clipId, @kind, @authorId, @authorName, @createdAt, @atMs, @emoji, @text, @replyClipId, @parentId)`,
  );
  const findEvent = db.prepare(
    `SELECT id, clip_id AS clipId, kind, author_id AS authorId, author_name AS author, created_at AS createdAt, at_ms AS atMs,
       emoji, text, reply_clip_id AS replyClipId, parent_id AS parentId FROM events WHERE id = ?`,
  );
  const mySeen = db.prepare(
    `SELECT id, clip_id AS clipId, kind, author_id AS authorId, author_name AS author, created_at AS createdAt, at_ms AS atMs,
       emoji, text, reply_clip_id AS replyClipId, parent_id AS parentId FROM events WHERE clip_id = ? AND kind = 'seen' AND author_id = ?
     ORDER BY created_at LIMIT 1`,
  );

  /** Checks a comment: plain text within the limit, answering (at most) a top-level comment on the same update. */
  function checkComment(clipId: string, text: string | null | undefined, parentId: string | null | undefined): void {
    if (!text || text.trim() === '') throw new HandoffError('invalid-input', 'A comment needs some text.');
    if ([...text].length > COMMENT_MAX) throw new HandoffError('invalid-input', `A comment is at most ${COMMENT_MAX} characters (this one has ${[...text].length}).`);
    if (!parentId) return;
    const parent = findEvent.get(parentId) as ClipEvent | undefined;
    if (!parent || parent.clipId !== clipId) throw new HandoffError('not-found', `No comment ${parentId} on this update.`);
    if (parent.kind !== 'comment') throw new HandoffError('invalid-input', `Event ${parentId} is a ${parent.kind}, not a comment; only comments take replies.`);
    // One level of threading: a reply to a reply answers the comment that started the thread.
    if (parent.parentId) throw new HandoffError('invalid-input', `Comment ${parentId} is itself a reply; reply to ${parent.parentId}, the comment that started the thread.`);
  }

  async function addEvent(input: {
    clipId: string;
    kind: EventFile['kind'];
    atMs?: number | null;
    emoji?: string | null;
    text?: string | null;
    replyClipId?: string | null;
    parentId?: string | null;
  }) {
    const clip = getClip(db, input.clipId);
    const me = people.getProfile();
    if (input.kind === 'seen') {
      // "Seen" is the first time I opened it: later visits add nothing (to the workspace or here).
      const earlier = mySeen.get(clip.id, me.id) as ClipEvent | undefined;
      if (earlier) return { event: earlier, published: clip.source === 'workspace' || clip.published_at !== null };
    }
    if (input.kind === 'comment') checkComment(clip.id, input.text, input.parentId);
    else if (input.parentId) throw new HandoffError('invalid-input', 'Only a comment can answer another comment.');
    const file: EventFile = {
      schema: WORKSPACE_SCHEMA,
      id: newId(12),
      clipId: clip.id,
      kind: input.kind,
      author: { id: me.id, name: me.name },
      createdAt: clock().toISOString(),
      atMs: input.atMs ?? null,
      emoji: input.emoji ?? null,
      text: input.text ?? null,
      replyClipId: input.replyClipId ?? null,
      parentId: input.parentId ?? null,
    };
    if (file.atMs !== null && clip.duration_ms !== null && file.atMs > clip.duration_ms) {
      throw new HandoffError('invalid-input', `The clip is only ${(clip.duration_ms / 1000).toFixed(1)} s long.`);
    }
    // Only events on clips the team can see go to the workspace; on an unpublished clip of mine they stay local.
    const shared = clip.source === 'workspace' || clip.published_at !== null;
    if (shared) await publishEvent({ backend: backend(), store, clock }, file);
    insertEvent.run({ ...file, authorId: me.id, authorName: me.name });
    deps.events.emit('activity:changed', { clipIds: [clip.id] });
    return { event: toEvent(file), published: shared };
  }

  function toEvent(file: EventFile): ClipEvent {
    const { schema: _schema, author, ...rest } = file;
    return { ...rest, authorId: author.id, author: author.name, parentId: file.parentId ?? null };
  }

  function listEvents(clipId: string): ClipEvent[] {
    getClip(db, clipId);
    return db
      .prepare(
        `SELECT id, clip_id AS clipId, kind, author_id AS authorId, author_name AS author, created_at AS createdAt, at_ms AS atMs,
           emoji, text, reply_clip_id AS replyClipId, parent_id AS parentId FROM events WHERE clip_id = ? ORDER BY created_at, id`,
      )
      .all(clipId) as ClipEvent[];
  }

  return { addEvent, listEvents };
}
