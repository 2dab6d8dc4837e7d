import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLIP_RANGE_BITS } from '../../electron/core/library/migrations/005-search-clip-ranges';
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

describe('migration 005 (search documents in clip ranges)', () => {
  it('renumbers existing documents by clip, keeps every hit, and filters by clip key', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const migration of migrations.slice(0, 4)) migration.up(db);
    const insertClip = db.prepare(
      `INSERT INTO clips (id, author_name, author_timezone, recorded_at, recorded_at_ms, title, state, created_at, updated_at)
       VALUES (?, ?, 'UTC', ?, ?, ?, 'ready', ?, ?)`,
    );
    const at = (iso: string) => [iso, Date.parse(iso)] as const;
    insertClip.run('clipaaaa', 'Ana', ...at('2026-03-01T10:00:00Z'), 'Quarterly planning', 'x', 'x');
    insertClip.run('clipbbbb', 'Bo', ...at('2026-03-09T10:00:00Z'), 'Hiring sync', 'x', 'x');
    const segment = db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
    segment.run('clipaaaa', 0, 0, 3000, 'the planning budget for the platform');
    segment.run('clipbbbb', 0, 0, 3000, 'two candidates for the platform role');
    segment.run('clipbbbb', 1, 3000, 6000, 'the budget allows one more');
    db.prepare("INSERT INTO events (id, clip_id, kind, author_name, created_at, at_ms, text) VALUES ('e1', 'clipaaaa', 'decision', 'Bo', 'x', 2000, 'freeze the platform scope')").run();

    migrations[4].up(db);
    const keys = db.prepare('SELECT id, search_key FROM clips ORDER BY id').all() as { id: string; search_key: number }[];
    expect(keys.map((k) => k.search_key)).toEqual([1, 2]);
    const docs = db.prepare('SELECT id, clip_id, kind FROM search_docs ORDER BY id').all() as { id: number; clip_id: string; kind: string }[];
    for (const doc of docs) expect(doc.id >> CLIP_RANGE_BITS).toBe(keys.find((k) => k.id === doc.clip_id)!.search_key);
    expect(docs.filter((d) => d.kind === 'clip').map((d) => d.id % 2 ** CLIP_RANGE_BITS)).toEqual([0, 0]);

    const search = createSearch(db);
    const hits = (q: string, filters: { author?: string; since?: string } = {}) =>
      search({ query: q, limit: 10, ...filters }).hits.map((h) => [h.clipId, h.field, h.startMs]);
    expect(hits('planning')).toEqual([['clipaaaa', 'clip', null], ['clipaaaa', 'transcript', 0]]);
    expect(hits('freeze scope')).toEqual([['clipaaaa', 'decision', 2000]]);
    expect(hits('budget', { author: 'bo' })).toEqual([['clipbbbb', 'transcript', 3000]]);
    expect(hits('platform', { since: '2026-03-05' }).map(([id]) => id)).toEqual(['clipbbbb']);
    expect(hits('budget', { author: 'ana', since: '2026-03-05' })).toEqual([]);

    // Later clips, segments and decisions take the next ids of their own clip's range; edits and deletes follow.
    insertClip.run('clipcccc', 'Ana', ...at('2026-03-10T10:00:00Z'), 'Platform roadmap', 'x', 'x');
    segment.run('clipaaaa', 1, 3000, 5000, 'platform migration after the freeze');
    db.prepare("INSERT INTO events (id, clip_id, kind, author_name, created_at, at_ms, text) VALUES ('e2', 'clipcccc', 'decision', 'Bo', 'x', 1000, 'platform first')").run();
    const byClip = db.prepare('SELECT clip_id, id FROM search_docs ORDER BY id').all() as { clip_id: string; id: number }[];
    const key = (id: string) => (db.prepare('SELECT search_key FROM clips WHERE id = ?').pluck().get(id) as number);
    expect(key('clipcccc')).toBe(3);
    for (const doc of byClip) expect(doc.id >> CLIP_RANGE_BITS).toBe(key(doc.clip_id));
    expect(new Set(byClip.map((d) => d.id)).size).toBe(byClip.length);
    expect(hits('platform', { author: 'ana', since: '2026-03-10' })).toEqual([['clipcccc', 'clip', null], ['clipcccc', 'decision', 1000]]);
    db.prepare("UPDATE segments SET text = 'nothing to see' WHERE clip_id = 'clipbbbb' AND idx = 1").run();
    expect(hits('budget', { author: 'bo' })).toEqual([]);
    db.prepare("DELETE FROM clips WHERE id = 'clipaaaa'").run();
    expect(hits('freeze')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM search_docs WHERE clip_id = 'clipaaaa'").pluck().get()).toBe(0);
    db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();
    db.close();
  });
});
