// The edit history of each clip in SQLite (migration 010): every operation appends a version with the kept ranges
// after it; `version` is the cursor (0: the original, no edit). Undo and redo move the cursor; a new operation after
// an undo drops the versions it passed over, as every editor does. Reset is an operation too, so it can be undone.
import type { Range } from '../../../shared/edit/ranges';
import type { Db } from '../library/database';

export interface EditRow {
  clip_id: string;
  version: number;
  rendered_kept: string | null;
  rendered_at: string | null;
  rendered_duration_ms: number | null;
  rendered_size: number | null;
  rendered_method: string | null;
  published_kept: string | null;
}

export interface EditCursor {
  version: number;
  /** null: the whole clip (no edit, or reset). */
  kept: Range[] | null;
  op: string | null;
  canUndo: boolean;
  canRedo: boolean;
}

export type EditStore = ReturnType<typeof createEditStore>;

/** The stable text of kept ranges: what "rendered" and "published" are compared by. */
export function keptKey(kept: readonly Range[] | null): string | null {
  return kept ? JSON.stringify(kept.map((r) => [r.startMs, r.endMs])) : null;
}

function parseKept(text: string | null): Range[] | null {
  if (text === null) return null;
  return (JSON.parse(text) as [number, number][]).map(([startMs, endMs]) => ({ startMs, endMs }));
}

export function createEditStore(db: Db) {
  const q = {
    row: db.prepare('SELECT * FROM clip_edits WHERE clip_id = ?'),
    ensure: db.prepare('INSERT INTO clip_edits (clip_id, version) VALUES (?, 0) ON CONFLICT(clip_id) DO NOTHING'),
    version: db.prepare('SELECT kept, op FROM clip_edit_versions WHERE clip_id = ? AND version = ?'),
    maxVersion: db.prepare('SELECT coalesce(max(version), 0) FROM clip_edit_versions WHERE clip_id = ?').pluck(),
    dropAfter: db.prepare('DELETE FROM clip_edit_versions WHERE clip_id = ? AND version > ?'),
    insert: db.prepare('INSERT INTO clip_edit_versions (clip_id, version, kept, op, created_at) VALUES (?, ?, ?, ?, ?)'),
    move: db.prepare('UPDATE clip_edits SET version = ? WHERE clip_id = ?'),
    rendered: db.prepare(
      'UPDATE clip_edits SET rendered_kept = ?, rendered_at = ?, rendered_duration_ms = ?, rendered_size = ?, rendered_method = ? WHERE clip_id = ?',
    ),
    published: db.prepare('UPDATE clip_edits SET published_kept = ? WHERE clip_id = ?'),
  };

  function row(clipId: string): EditRow | null {
    return (q.row.get(clipId) as EditRow | undefined) ?? null;
  }

  function cursor(clipId: string): EditCursor {
    const current = row(clipId);
    const version = current?.version ?? 0;
    const at = version > 0 ? (q.version.get(clipId, version) as { kept: string | null; op: string } | undefined) : undefined;
    const max = q.maxVersion.get(clipId) as number;
    return { version, kept: parseKept(at?.kept ?? null), op: at?.op ?? null, canUndo: version > 0, canRedo: version < max };
  }

  return {
    row,
    cursor,
    /** Appends a version after the cursor and moves to it. */
    push(clipId: string, kept: Range[] | null, op: string, now: Date): EditCursor {
      db.transaction(() => {
        q.ensure.run(clipId);
        const version = row(clipId)!.version;
        q.dropAfter.run(clipId, version);
        q.insert.run(clipId, version + 1, keptKey(kept), op, now.toISOString());
        q.move.run(version + 1, clipId);
      })();
      return cursor(clipId);
    },
    /** Moves the cursor one step; null when there is nothing to undo (or redo). */
    step(clipId: string, direction: -1 | 1): EditCursor | null {
      const now = cursor(clipId);
      if (direction === -1 ? !now.canUndo : !now.canRedo) return null;
      q.move.run(now.version + direction, clipId);
      return cursor(clipId);
    },
    recordRender(clipId: string, kept: Range[] | null, render: { at: Date; durationMs: number; sizeBytes: number; method: string } | null): void {
      q.ensure.run(clipId);
      q.rendered.run(keptKey(kept), render?.at.toISOString() ?? null, render?.durationMs ?? null, render?.sizeBytes ?? null, render?.method ?? null, clipId);
    },
    recordPublished(clipId: string, kept: Range[] | null): void {
      q.ensure.run(clipId);
      q.published.run(keptKey(kept), clipId);
    },
  };
}
