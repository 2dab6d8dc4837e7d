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

export interface ListOptions {
  limit: number;
  /** An ISO instant, for paging. */
  before?: string;
  /** Only replies to this clip; `total` then counts them. */
  replyTo?: string;
}

/** Newest first. */
export function listClips(db: Db, options: ListOptions): { clips: ClipSummary[]; total: number } {
  const parsed = options.before ? Date.parse(options.before) : Number.NaN;
  const beforeMs = Number.isNaN(parsed) ? Number.MAX_SAFE_INTEGER : parsed;
  const thread = options.replyTo !== undefined;
  const where = thread ? 'WHERE reply_to = @replyTo' : '';
  const rows = db
    .prepare(`SELECT * FROM clips ${where ? `${where} AND` : 'WHERE'} recorded_at_ms < @beforeMs ORDER BY recorded_at_ms DESC, id LIMIT @limit`)
    .all({ beforeMs, limit: options.limit, ...(thread ? { replyTo: options.replyTo } : {}) }) as ClipRow[];
  const count = db.prepare(`SELECT count(*) AS total FROM clips ${where}`);
  const { total } = (thread ? count.get({ replyTo: options.replyTo }) : count.get()) as { total: number };
  return { clips: rows.map(toClipSummary), total };
}
