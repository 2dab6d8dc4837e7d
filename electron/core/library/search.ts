// Transcript and clip search. The person's text becomes a safe FTS5 query (shared/search-query.ts); the best rows are
// chosen by bm25 (titles weighted highest) with LIMIT first, and snippets are computed only for those rows: computing
// them in the same pass as the ranking costs a snippet per match. CROSS JOIN keeps SQLite from re-running the full
// MATCH on the outside and probing the top rows into it.
//
// Ranking calls bm25() itself rather than `ORDER BY rank`: the two give the same order (the `rank` option of
// migration 002 holds the same weights), but `rank` makes FTS5 re-run the query through an internal statement, which
// cost 1.3–1.4× as much on the 100k-clip benchmark library (npm run bench:search prints both). Every match is scored,
// so this is the cost that grows with a common word.
import { SNIPPET_CLOSE, SNIPPET_OPEN, toFtsQuery, toFtsWordsQuery } from '../../../shared/search-query';
import type { SearchHit } from '../../../shared/contract/search';
import { HandoffError } from '../../../shared/result';
import type { Db } from './database';
import { CLIP_RANGE_BITS } from './migrations/005-search-clip-ranges';

export interface SearchOptions {
  query: string;
  limit: number;
  author?: string;
  since?: string;
}

interface HitRow {
  clip_id: string;
  kind: 'clip' | 'segment' | 'decision' | 'comment';
  start_ms: number | null;
  title: string;
  author_name: string;
  recorded_at: string;
  snippet: string;
  rank: number;
}

const FIELD = { clip: 'clip', segment: 'transcript', decision: 'decision', comment: 'comment' } as const;

/** bm25 column weights for title, context, ask and body (transcript or decision): the same as the `rank` option. */
export const BM25_WEIGHTS = [8.0, 2.0, 3.0, 1.0] as const;
const SCORE = `bm25(search_fts, ${BM25_WEIGHTS.map((w) => w.toFixed(1)).join(', ')})`;

/**
 * The ranking subquery, with the filters applied before LIMIT so a filtered search still returns `limit` hits. A
 * match's clip is its rowid's range (migration 005), so a filter is a set of clip keys built once, not a lookup per
 * match, and bm25 scores only the matches that pass.
 */
function topRows(filters: { author: boolean; since: boolean }): string {
  const clipKeys = [
    filters.author ? 'author_name = @author COLLATE NOCASE' : null,
    filters.since ? 'recorded_at_ms >= @since' : null,
  ].filter(Boolean);
  const where = ['search_fts MATCH @q'];
  if (clipKeys.length > 0) where.push(`f.rowid >> ${CLIP_RANGE_BITS} IN (SELECT search_key FROM clips WHERE ${clipKeys.join(' AND ')})`);
  return `SELECT f.rowid AS id, ${SCORE} AS score FROM search_fts f WHERE ${where.join(' AND ')} ORDER BY score LIMIT @limit`;
}

export function searchSql(filters: { author: boolean; since: boolean }): string {
  return `
    SELECT d.clip_id, d.kind, d.start_ms, c.title, c.author_name, c.recorded_at, top.score AS rank,
      snippet(search_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 16) AS snippet
    FROM (${topRows(filters)}) top
    CROSS JOIN search_fts ON search_fts.rowid = top.id AND search_fts MATCH @q
    CROSS JOIN search_docs d ON d.id = top.id
    CROSS JOIN clips c ON c.id = d.clip_id
    ORDER BY top.score`;
}

/**
 * Merges the index's segments into one (FTS5 'optimize'). Small writes keep the index tidy by FTS5's own automerge,
 * but a bulk load (a first sync of a big workspace, migration 005's rebuild, an import of many files) leaves many
 * segments that every query visits: on the 100k-clip benchmark library, AND queries ran 2.3× slower before it.
 * About 1.3 s for that library, in one statement: fine in a migration or a benchmark; a sync uses the stepped form
 * below.
 */
export function optimizeSearchIndex(db: Db): void {
  db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run();
}

/** FTS5 keeps the index's structure record (its list of segments) at this rowid of the %_data table. */
const STRUCTURE_ROWID = 10;

/**
 * The same merge in steps, with the event loop free between them, so the process that owns the database (Electron's
 * main process) keeps answering while a big index is merged. FTS5 'merge' with a negative page count merges every
 * segment into one, at most that many leaf pages per step; it is done when a step leaves the structure record as it
 * was. Returns the number of steps.
 */
export async function optimizeSearchIndexInSteps(
  db: Db,
  options: { pagesPerStep?: number; pause?: () => Promise<void> } = {},
): Promise<number> {
  const merge = db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)");
  const structure = db.prepare('SELECT block FROM search_fts_data WHERE id = ?').pluck();
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const pages = -Math.max(1, Math.floor(options.pagesPerStep ?? 200));
  // The bound only guards against a structure record that changes on every call in some future FTS5; 10k steps of
  // 200 pages is far more index than any library has. Stopping early leaves a valid, less merged index.
  let before = structure.get(STRUCTURE_ROWID) as Buffer | undefined;
  for (let steps = 1; ; steps++) {
    merge.run(pages);
    const after = structure.get(STRUCTURE_ROWID) as Buffer | undefined;
    if (!before || !after || before.equals(after) || steps >= 10_000) return steps;
    before = after;
    await pause();
  }
}

export function parseSince(since: string | undefined): number | undefined {
  if (since === undefined || since.trim() === '') return undefined;
  const ms = Date.parse(since.trim());
  if (Number.isNaN(ms)) throw new HandoffError('invalid-input', `--since: not a date: ${since.slice(0, 40)} (use e.g. 2026-01-31 or an ISO time)`);
  return ms;
}

/** FTS5's complaints about a MATCH expression (syntax, parser stack, strings), as opposed to I/O or schema errors. */
export function isFtsQueryError(error: unknown): boolean {
  return error instanceof Error && /^(fts5: |unterminated string|unknown special query)/.test(error.message);
}

export function createSearch(db: Db) {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const statement = (author: boolean, since: boolean) => {
    const key = `${author}:${since}`;
    let prepared = statements.get(key);
    if (!prepared) {
      prepared = db.prepare(searchSql({ author, since }));
      statements.set(key, prepared);
    }
    return prepared;
  };

  return function search(options: SearchOptions): { hits: SearchHit[]; ftsQuery: string | null } {
    const since = parseSince(options.since);
    const author = options.author?.trim() || undefined;
    const run = (q: string) =>
      statement(Boolean(author), since !== undefined).all({
        q,
        limit: options.limit,
        ...(author ? { author } : {}),
        ...(since !== undefined ? { since } : {}),
      }) as HitRow[];
    let ftsQuery = toFtsQuery(options.query);
    if (!ftsQuery) return { hits: [], ftsQuery };
    let rows: HitRow[];
    try {
      rows = run(ftsQuery);
    } catch (error) {
      // Search promises never to fail on what was typed: if FTS5 still refuses the sanitized query (its parser has
      // limits of its own), search the words alone. Any other database error is a real one and goes up.
      if (!isFtsQueryError(error)) throw error;
      ftsQuery = toFtsWordsQuery(options.query);
      rows = ftsQuery ? run(ftsQuery) : [];
    }
    return {
      ftsQuery,
      hits: rows.map((row) => ({
        clipId: row.clip_id,
        title: row.title,
        author: row.author_name,
        recordedAt: row.recorded_at,
        field: FIELD[row.kind],
        startMs: row.kind === 'clip' ? null : row.start_ms,
        snippet: row.snippet,
        rank: row.rank,
      })),
    };
  };
}
export type Search = ReturnType<typeof createSearch>;
