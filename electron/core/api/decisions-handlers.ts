import type { Db } from '../library/database';
import type { HandlersFor } from './dispatch';

interface Row {
  id: string;
  clip_id: string;
  title: string;
  author_name: string;
  created_at: string;
  at_ms: number | null;
  text: string | null;
}

/** Decisions are events of kind 'decision'; joined with their clip for the title. Filtering is a plain LIKE per word. */
export function decisionsHandlers(deps: { db: Db }): HandlersFor<'decisions'> {
  return {
    'decisions:list': ({ query, limit }) => {
      const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 10);
      const where = words.map(() => "(e.text LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\')").join(' AND ');
      const params = words.flatMap((w) => {
        const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        return [like, like];
      });
      const rows = deps.db
        .prepare(
          `SELECT e.id, e.clip_id, c.title, e.author_name, e.created_at, e.at_ms, e.text FROM events e JOIN clips c ON c.id = e.clip_id
           WHERE e.kind = 'decision'${where ? ` AND ${where}` : ''} ORDER BY e.created_at DESC LIMIT ?`,
        )
        .all(...params, limit) as Row[];
      return {
        decisions: rows.map((r) => ({ id: String(r.id), clipId: r.clip_id, clipTitle: r.title, author: r.author_name, createdAt: r.created_at, atMs: r.at_ms, text: r.text ?? '' })),
      };
    },
  };
}
