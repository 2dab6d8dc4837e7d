import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../electron/core/library/migrations/index';
import { createSearch } from '../../electron/core/library/search';

describe('migration 002 (search)', () => {
  it('indexes clips, segments and decisions that existed before it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrations[0].up(db);
    const now = '2026-03-02T10:00:00.000Z';
    for (const id of ['clipaaaa', 'clipbbbb']) {
      db.prepare(
        `INSERT INTO clips (id, author_name, author_timezone, recorded_at, recorded_at_ms, title, state, created_at, updated_at)
         VALUES (?, 'Ana', 'UTC', ?, 0, ?, 'ready', ?, ?)`,
      ).run(id, now, id === 'clipaaaa' ? 'Quarterly planning' : 'Hiring sync', now, now);
    }
    db.prepare("INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES ('clipbbbb', 0, 0, 4000, 'two candidates for the platform role')").run();
    db.prepare(
      "INSERT INTO events (id, clip_id, kind, author_name, created_at, at_ms, text) VALUES ('e1', 'clipaaaa', 'decision', 'Bo', ?, 2000, 'freeze the scope on monday')",
    ).run(now);
    db.prepare("INSERT INTO events (id, clip_id, kind, author_name, created_at) VALUES ('e2', 'clipaaaa', 'seen', 'Bo', ?)").run(now);

    migrations[1].up(db);
    const search = createSearch(db);
    const hits = (q: string) => search({ query: q, limit: 10 }).hits.map((h) => [h.clipId, h.field, h.startMs]);
    expect(hits('planning')).toEqual([['clipaaaa', 'clip', null]]);
    expect(hits('candidates')).toEqual([['clipbbbb', 'transcript', 0]]);
    expect(hits('freeze scope')).toEqual([['clipaaaa', 'decision', 2000]]);
    // New rows after the backfill get ids that do not collide with the backfilled ones.
    db.prepare(
      `INSERT INTO clips (id, author_name, author_timezone, recorded_at, recorded_at_ms, title, state, created_at, updated_at)
       VALUES ('clipcccc', 'Ana', 'UTC', ?, 0, 'Platform roadmap', 'ready', ?, ?)`,
    ).run(now, now, now);
    expect(hits('platform').map(([id]) => id).sort()).toEqual(['clipbbbb', 'clipcccc']);
    db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();
    db.close();
  });
});
