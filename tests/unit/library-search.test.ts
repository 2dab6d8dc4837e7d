import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/library/database';
import { updateClip } from '../../electron/core/library/clips-store';
import { BM25_WEIGHTS, createSearch, optimizeSearchIndex, optimizeSearchIndexInSteps, type Search } from '../../electron/core/library/search';
import { addClipWithTranscript, memoryLibraryDb } from '../support/library-fixtures';

let db: Db;
let search: Search;
let standup: string;
let release: string;
let design: string;

const query = (q: string, extra: Partial<Parameters<Search>[0]> = {}) => search({ query: q, limit: 20, ...extra }).hits;
const ftsRows = () => (db.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'database OR deploy OR pricing'").get() as { n: number }).n;
const integrity = () => db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();

beforeEach(() => {
  db = memoryLibraryDb();
  search = createSearch(db);
  standup = addClipWithTranscript(db, { title: 'Monday standup', authorName: 'Ana' }, [
    'good morning everyone',
    'yesterday I finished the database migration for billing',
    'today I will review the pricing page',
    'no blockers from my side',
  ]);
  release = addClipWithTranscript(db, { title: 'Release checklist', authorName: 'Bo', recordedAt: new Date('2026-03-05T18:00:00Z') }, [
    'we deploy on friday after lunch',
    'the database backup runs before the deploy',
    'rollback plan is in the wiki',
  ]);
  design = addClipWithTranscript(db, { title: 'Database design review', authorName: 'Chen', ask: 'Approve the schema by Thursday' }, [
    'this is a walkthrough of the new tables',
  ]);
});

describe('search', () => {
  it('jumps to the segment where the words were said', () => {
    const hits = query('"pricing page"');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ clipId: standup, field: 'transcript', startMs: 10_000 });
    expect(hits[0].snippet).toBe('today I will review the [pricing page]');
  });

  it('matches phrases only in order', () => {
    expect(query('"migration database"')).toHaveLength(0);
    expect(query('"database migration"').map((h) => h.startMs)).toEqual([5000]);
  });

  it('matches prefixes and stems', () => {
    expect(query('walkthr*').map((h) => h.clipId)).toEqual([design]);
    // porter: "deploys" finds "deploy"
    expect(new Set(query('deploys').map((h) => h.clipId))).toEqual(new Set([release]));
  });

  it('supports AND, OR and NOT', () => {
    expect(query('database AND backup').map((h) => [h.clipId, h.startMs])).toEqual([[release, 5000]]);
    expect(new Set(query('pricing OR rollback').map((h) => h.clipId))).toEqual(new Set([standup, release]));
    const notBackup = query('database NOT backup');
    expect(notBackup.some((h) => h.startMs === 5000 && h.clipId === release)).toBe(false);
    expect(notBackup.some((h) => h.clipId === standup)).toBe(true);
  });

  it('ranks a title hit above a transcript hit', () => {
    const hits = query('database');
    expect(hits[0]).toMatchObject({ clipId: design, field: 'clip', startMs: null });
    expect(hits[0].snippet).toContain('[Database]');
    expect(hits.length).toBe(3);
  });

  it('ranks with the same weights as the index\'s rank option, in the same order', () => {
    const option = db.prepare("SELECT v FROM search_fts_config WHERE k = 'rank'").pluck().get() as string;
    expect(option).toBe(`bm25(${BM25_WEIGHTS.map((w) => w.toFixed(1)).join(', ')})`);
    const byRank = db
      .prepare("SELECT d.clip_id, d.start_ms FROM search_fts f JOIN search_docs d ON d.id = f.rowid WHERE search_fts MATCH 'database OR deploy' ORDER BY rank")
      .all() as { clip_id: string; start_ms: number | null }[];
    expect(query('database OR deploy').map((h) => [h.clipId, h.startMs])).toEqual(byRank.map((r) => [r.clip_id, r.start_ms]));
  });

  it('searches the ask and decisions', () => {
    expect(query('schema').map((h) => h.clipId)).toEqual([design]);
    db.prepare(
      `INSERT INTO events (id, clip_id, kind, author_name, created_at, at_ms, text) VALUES ('ev1', ?, 'decision', 'Bo', '2026-03-05T19:00:00Z', 7000, 'We ship the kanban board next sprint')`,
    ).run(release);
    expect(query('kanban')).toEqual([expect.objectContaining({ clipId: release, field: 'decision', startMs: 7000 })]);
    db.prepare("DELETE FROM events WHERE id = 'ev1'").run();
    expect(query('kanban')).toHaveLength(0);
    integrity();
  });

  it('filters by author and date before the limit', () => {
    expect(new Set(query('database', { author: 'bo' }).map((h) => h.clipId))).toEqual(new Set([release]));
    expect(new Set(query('database', { since: '2026-03-04' }).map((h) => h.clipId))).toEqual(new Set([release]));
    expect(() => query('database', { since: 'last tuesday' })).toThrow(/not a date/);
    expect(query('database', { limit: 1 })).toHaveLength(1);
  });

  it.each(['"', 'title:', '((database', 'NEAR(', '😀', 'database AND', '-', 'NOT'])('survives %j', (hostile) => {
    expect(() => query(hostile)).not.toThrow();
  });

  it('follows renames through the triggers', () => {
    updateClip(db, release, { title: 'Launch pricing checklist' }, new Date());
    expect(query('checklist')[0]).toMatchObject({ clipId: release, field: 'clip', title: 'Launch pricing checklist' });
    expect(query('release')).toHaveLength(0);
    integrity();
  });

  it('follows transcript edits and deletes', () => {
    db.prepare("UPDATE segments SET text = 'rollout plan is in the handbook' WHERE clip_id = ? AND idx = 2").run(release);
    expect(query('rollback')).toHaveLength(0);
    expect(query('handbook')).toEqual([expect.objectContaining({ clipId: release, startMs: 10_000 })]);
    db.prepare('DELETE FROM segments WHERE clip_id = ? AND idx = 2').run(release);
    expect(query('handbook')).toHaveLength(0);
    integrity();
  });

  it('drops every index row of a deleted clip', () => {
    const before = ftsRows();
    db.prepare('DELETE FROM clips WHERE id = ?').run(release);
    expect(query('deploy')).toHaveLength(0);
    expect(ftsRows()).toBeLessThan(before);
    expect(db.prepare('SELECT count(*) AS n FROM search_docs WHERE clip_id = ?').get(release)).toEqual({ n: 0 });
    integrity();
  });
});

describe('search never raises an internal error (issue 20, finding 8)', () => {
  it.each([
    ['40 nested ORs', '(pricing OR '.repeat(40) + 'deploy' + ')'.repeat(40)],
    ['NEAR( ×400', 'NEAR( '.repeat(400)],
    ['a NUL byte', 'pric\u0000ing deploy'],
    ['a NUL byte in a phrase', '"database\u0000 migration"'],
    ['a long flat chain', Array.from({ length: 200 }, (_, i) => `w${i}`).join(' OR ')],
    ['300 parentheses', '('.repeat(300) + 'deploy' + ')'.repeat(300)],
  ])('%s: answers with hits or none, never a throw', (_label, text) => {
    expect(() => query(text)).not.toThrow();
  });

  it('keeps the meaning of a deep query it had to flatten', () => {
    const hits = query('(pricing OR '.repeat(40) + 'rollback' + ')'.repeat(40));
    expect(new Set(hits.map((hit) => hit.clipId))).toEqual(new Set([standup, release]));
    expect(query('database\u0000migration').map((hit) => hit.clipId)).toContain(standup);
  });
});

describe('merging the index after a bulk load', () => {
  it('merges in steps until one segment is left, with the same results and a sound index', async () => {
    // Each clip in its own transaction: every commit flushes a new segment, as a sync that indexes clip by clip does.
    for (let i = 0; i < 60; i++) addClipWithTranscript(db, { title: `Weekly sync ${i}` }, [`the deploy of service ${i} went fine`, `budget line ${i % 7}`]);
    const before = query('deploy OR budget', { limit: 100 }).map((h) => [h.clipId, h.startMs]);
    const segmentsBlob = () => db.prepare('SELECT block FROM search_fts_data WHERE id = 10').pluck().get() as Buffer;
    const unmerged = segmentsBlob().length;
    let pauses = 0;
    const steps = await optimizeSearchIndexInSteps(db, { pagesPerStep: 1, pause: async () => void pauses++ });
    expect(steps).toBeGreaterThan(1);
    expect(pauses).toBe(steps - 1);
    expect(segmentsBlob().length).toBeLessThan(unmerged);
    // Nothing left to do: one step that changes nothing.
    expect(await optimizeSearchIndexInSteps(db)).toBe(1);
    const merged = segmentsBlob();
    optimizeSearchIndex(db);
    expect(segmentsBlob().length).toBe(merged.length);
    expect(query('deploy OR budget', { limit: 100 }).map((h) => [h.clipId, h.startMs])).toEqual(before);
    integrity();
  });
});
