import type { ClipSummary } from '../../../shared/contract/clips';
import type { Db } from './database';

export interface ClipRow {
  id: string;
  title: string;
  author_name: string;
  author_timezone: string;
  recorded_at: string;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  size_bytes: number | null;
  state: ClipSummary['state'];
  urgency: ClipSummary['urgency'];
  ask: string | null;
  due_at: string | null;
}

export function toClipSummary(row: ClipRow): ClipSummary {
  return {
    id: row.id,
    title: row.title,
    author: row.author_name,
    authorTimezone: row.author_timezone,
    recordedAt: row.recorded_at,
    durationMs: row.duration_ms,
    width: row.width,
    height: row.height,
    sizeBytes: row.size_bytes,
    state: row.state,
    urgency: row.urgency,
    ask: row.ask,
    dueAt: row.due_at,
  };
}

/** Newest first; `before` is an ISO instant for paging. */
export function listClips(db: Db, options: { limit: number; before?: string }): { clips: ClipSummary[]; total: number } {
  const beforeMs = options.before ? Date.parse(options.before) : Number.MAX_SAFE_INTEGER;
  const rows = db
    .prepare('SELECT * FROM clips WHERE recorded_at_ms < ? ORDER BY recorded_at_ms DESC, id LIMIT ?')
    .all(Number.isNaN(beforeMs) ? Number.MAX_SAFE_INTEGER : beforeMs, options.limit) as ClipRow[];
  const { total } = db.prepare('SELECT count(*) AS total FROM clips').get() as { total: number };
  return { clips: rows.map(toClipSummary), total };
}
