// Migration 007 (comments and transcripts) rebuilds `events` and `search_docs` to widen their CHECKs (comments, done): what was searchable
// before stays searchable at the same ids, comments become searchable, and deleting one takes its document along.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commentsAndTranscripts } from '../../electron/core/library/migrations/007-comments-transcripts';
import { migrations } from '../../electron/core/library/migrations/index';

const position = migrations.indexOf(commentsAndTranscripts);
import { createSearch } from '../../electron/core/library/search';

describe('migration 007 (comments and transcripts)', () => {
  it('keeps decisions and segments searchable and indexes comments like decisions', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of migrations.slice(0, position)) m.up(db);
    const now = '2026-03-02T10:00:00.000Z';
    db.prepare(
      `INSERT INTO clips (id, author_name, author_timezone, recorded_at, recorded_at_ms, title, state, created_at, updated_at)
       VALUES ('clipaaaa', 'Ana', 'UTC', ?, 0, 'Quarterly planning', 'ready', ?, ?)`,
    ).run(now, now, now);
    db.prepare("INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES ('clipaaaa', 0, 0, 4000, 'two candidates for the platform role')").run();
    db.prepare("INSERT INTO events (id, clip_id, kind, author_name, created_at, at_ms, text) VALUES ('e1', 'clipaaaa', 'decision', 'Bo', ?, 2000, 'freeze the scope')").run(now);
    const before = db.prepare('SELECT id, kind FROM search_docs ORDER BY id').all();

    migrations[position].up(db);
    expect(db.prepare('SELECT id, kind FROM search_docs ORDER BY id').all()).toEqual(before);
    const search = createSearch(db);
    const hits = (q: string) => search({ query: q, limit: 10 }).hits.map((h) => [h.clipId, h.field, h.startMs]);
    expect(hits('freeze scope')).toEqual([['clipaaaa', 'decision', 2000]]);
    expect(hits('candidates')).toEqual([['clipaaaa', 'transcript', 0]]);

    db.prepare(
      "INSERT INTO events (id, clip_id, kind, author_name, created_at, at_ms, text, parent_id) VALUES ('c1', 'clipaaaa', 'comment', 'Cy', ?, 3000, 'the walrus chart is off', NULL)",
    ).run(now);
    db.prepare("INSERT INTO events (id, clip_id, kind, author_name, created_at) VALUES ('d1', 'clipaaaa', 'done', 'Cy', ?)").run(now);
    expect(hits('walrus')).toEqual([['clipaaaa', 'comment', 3000]]);
    db.prepare("DELETE FROM events WHERE id = 'c1'").run();
    expect(hits('walrus')).toEqual([]);
    expect(hits('freeze')).toHaveLength(1);
    expect(() => db.prepare("INSERT INTO events (id, clip_id, kind, author_name, created_at) VALUES ('x1', 'clipaaaa', 'bogus', 'Cy', ?)").run(now)).toThrow(/CHECK/);
    db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();
    db.close();
  });
});
