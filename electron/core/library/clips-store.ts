// The one writer of the `clips` table. The app composes one ClipsStore (compose.ts) and every producer (import,
// recording, sync, publish, transcription, edits) writes through it, so each operation emits exactly one
// `clips:changed` with the ids it touched, and listeners such as auto-publish need to know no producer. Reads by id
// (findClip/getClip) are free functions: reading needs no coordination. The row-level insertClip/updateClip stay
// exported for test fixtures that seed a database; lint keeps them out of electron/ (eslint.config.js).
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { isValidTimezone, localDate } from '../../../shared/inbox/zones';
import type { ClipRow } from './clip-rows';
import type { Db } from './database';
import { newId } from '../system/ids';

export function newClipId(): string {
  return newId(12);
}

export function clipDir(clipsDir: string, id: string): string {
  // ids are generated or validated against /^[A-Za-z0-9_-]+$/, but containment is checked anyway: an id is data.
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(id)) throw new HandoffError('invalid-input', `not a clip id: ${id.slice(0, 80)}`);
  return path.join(clipsDir, id);
}

export interface NewClip {
  id?: string;
  authorId?: string | null;
  authorName: string;
  authorTimezone: string;
  recordedAt: Date;
  title?: string;
  context?: string | null;
  ask?: string | null;
  recipients?: string[];
  dueAt?: Date | null;
  urgency?: 'fyi' | 'reply-needed' | 'urgent';
  replyTo?: string | null;
  durationMs?: number | null;
  width?: number | null;
  height?: number | null;
  sizeBytes?: number | null;
  state: ClipRow['state'];
  source: 'recorded' | 'imported' | 'workspace';
}

export interface StoredClip extends ClipRow {
  author_id: string | null;
  recorded_at_ms: number;
  context: string | null;
  recipients: string;
  due_at_ms: number | null;
  reply_to: string | null;
  source: NewClip['source'];
  transcript_state: 'none' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'no-model';
  language: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

// Prepared once per connection: the INSERT compiles every trigger on clips (search index, open asks), and preparing it
// per row cost more than running it when a sync or an import brings thousands of clips (a third of a 10k-row load).
const prepared = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();
function statement(db: Db, sql: string): ReturnType<Db['prepare']> {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let made = byText.get(sql);
  if (!made) byText.set(sql, (made = db.prepare(sql)));
  return made;
}

const INSERT_SQL = `INSERT INTO clips (id, author_id, author_name, author_timezone, recorded_at, recorded_at_ms, title, context, ask,
       recipients, due_at, due_at_ms, urgency, reply_to, duration_ms, width, height, size_bytes, state, source,
       workday, created_at, updated_at)
     VALUES (@id, @authorId, @authorName, @authorTimezone, @recordedAt, @recordedAtMs, @title, @context, @ask,
       @recipients, @dueAt, @dueAtMs, @urgency, @replyTo, @durationMs, @width, @height, @sizeBytes, @state, @source,
       @workday, @now, @now)`;

export function insertClip(db: Db, clip: NewClip, now: Date): StoredClip {
  const id = clip.id ?? newClipId();
  statement(db, INSERT_SQL).run({
    id,
    authorId: clip.authorId ?? null,
    authorName: clip.authorName,
    authorTimezone: clip.authorTimezone,
    recordedAt: clip.recordedAt.toISOString(),
    recordedAtMs: clip.recordedAt.getTime(),
    title: clip.title ?? '',
    context: clip.context ?? null,
    ask: clip.ask ?? null,
    recipients: JSON.stringify(clip.recipients ?? []),
    dueAt: clip.dueAt ? clip.dueAt.toISOString() : null,
    dueAtMs: clip.dueAt ? clip.dueAt.getTime() : null,
    urgency: clip.urgency ?? 'fyi',
    replyTo: clip.replyTo ?? null,
    durationMs: clip.durationMs ?? null,
    width: clip.width ?? null,
    height: clip.height ?? null,
    sizeBytes: clip.sizeBytes ?? null,
    state: clip.state,
    source: clip.source,
    // The inbox pages by the sender's workday; a zone the IANA database does not know leaves it unlisted, as before.
    workday: isValidTimezone(clip.authorTimezone) ? localDate(clip.recordedAt.toISOString(), clip.authorTimezone) : null,
    now: now.toISOString(),
  });
  return getClip(db, id);
}

export function findClip(db: Db, id: string): StoredClip | null {
  return (statement(db, 'SELECT * FROM clips WHERE id = ?').get(id) as StoredClip | undefined) ?? null;
}

export function getClip(db: Db, id: string): StoredClip {
  const clip = findClip(db, id);
  if (!clip) throw new HandoffError('not-found', `No clip with id ${id}.`);
  return clip;
}

const UPDATABLE = {
  title: 'title',
  context: 'context',
  ask: 'ask',
  state: 'state',
  durationMs: 'duration_ms',
  width: 'width',
  height: 'height',
  sizeBytes: 'size_bytes',
  urgency: 'urgency',
  transcriptState: 'transcript_state',
  language: 'language',
  publishedAt: 'published_at',
  recipients: 'recipients',
  dueAt: 'due_at',
  dueAtMs: 'due_at_ms',
  replyTo: 'reply_to',
} as const;

export type ClipPatch = Partial<Record<keyof typeof UPDATABLE, string | number | null>>;

/** Updates the named columns only; column names come from the fixed map above, never from input. */
export function updateClip(db: Db, id: string, patch: ClipPatch, now: Date): StoredClip {
  const entries = Object.entries(patch).filter(([key, value]) => key in UPDATABLE && value !== undefined);
  if (entries.length > 0) {
    const sets = entries.map(([key]) => `${UPDATABLE[key as keyof typeof UPDATABLE]} = @${key}`).join(', ');
    const result = db
      .prepare(`UPDATE clips SET ${sets}, updated_at = @now WHERE id = @id`)
      .run({ ...Object.fromEntries(entries), id, now: now.toISOString() });
    if (result.changes === 0) throw new HandoffError('not-found', `No clip with id ${id}.`);
  }
  return getClip(db, id);
}

/** The write operations; a batch writer has the same shape and emits once, on flush. */
export interface ClipsWriter {
  insert(clip: NewClip): StoredClip;
  update(id: string, patch: ClipPatch): StoredClip;
  /** Deletes the row (segments, words and events go with it by foreign key); false when there was none. */
  remove(id: string): boolean;
  /**
   * Reply links whose parent arrived after the reply: reply_to is a foreign key, so a teammate's reply is linked only
   * once both rows exist. The workspace index (workspace_updates) holds the intended parent.
   */
  linkWorkspaceReplies(): string[];
}

export interface ClipBatch extends ClipsWriter {
  /** Emits one `clips:changed` with every id written since the batch began (none when nothing was); returns them. */
  flush(): string[];
}

export interface ClipsStore extends ClipsWriter {
  /**
   * A writer that collects ids instead of emitting per row: a sync or an import that writes inside a transaction
   * flushes once, after the commit, so listeners never see a row that is rolled back.
   */
  batch(): ClipBatch;
}

export function createClipsStore(deps: { db: Db; clock: () => Date; onChanged: (ids: string[]) => void }): ClipsStore {
  const { db } = deps;
  const link = db.prepare(
    `UPDATE clips SET reply_to = (SELECT w.reply_to FROM workspace_updates w WHERE w.clip_id = clips.id)
     WHERE reply_to IS NULL AND id IN (
       SELECT w.clip_id FROM workspace_updates w JOIN clips parent ON parent.id = w.reply_to WHERE w.reply_to IS NOT NULL)
     RETURNING id`,
  );
  const remove = db.prepare('DELETE FROM clips WHERE id = ?');

  function writer(changed: (ids: string[]) => void): ClipsWriter {
    return {
      insert(clip) {
        const row = insertClip(db, clip, deps.clock());
        changed([row.id]);
        return row;
      },
      update(id, patch) {
        const row = updateClip(db, id, patch, deps.clock());
        if (Object.values(patch).some((value) => value !== undefined)) changed([id]);
        return row;
      },
      remove(id) {
        const removed = remove.run(id).changes > 0;
        if (removed) changed([id]);
        return removed;
      },
      linkWorkspaceReplies() {
        const ids = (link.all() as { id: string }[]).map((row) => row.id);
        if (ids.length) changed(ids);
        return ids;
      },
    };
  }

  return {
    ...writer(deps.onChanged),
    batch() {
      const ids = new Set<string>();
      return {
        ...writer((changed) => changed.forEach((id) => ids.add(id))),
        flush() {
          const all = [...ids];
          ids.clear();
          if (all.length) deps.onChanged(all);
          return all;
        },
      };
    },
  };
}
