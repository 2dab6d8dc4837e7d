// Issue 19, item 1: the inbox a page of workdays at a time, through the real CLI on a real library file. Pages follow
// each other by the cursor without gaps or overlaps; "Needs your reply" is whole on every page (an ask from weeks ago
// is there), kept by the open_asks table, which answering (a "done", a comment, a reply clip) and a change of who I
// am keep right; bad page arguments get a clear error.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/inbox';
import { insertClip } from '../../electron/core/library/clips-store';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { handoff, tempDir } from '../support/workspace-helpers';
import { rmSync } from 'node:fs';

const NOW = '2026-11-20T12:00:00Z';
const DAY = 86_400_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** 30 workdays of updates in Berlin, two a day; the oldest teammate's update asks me something. */
async function library(): Promise<{ dir: string; askId: string; meId: string }> {
  const dir = tempDir('inbox-window');
  dirs.push(dir);
  const profile = await handoff(dir, ['--json', 'profile', '--name', 'Ana', '--timezone', 'Europe/Berlin']);
  expect(profile.code, profile.stderr).toBe(0);
  const meId = profile.json<{ id: string }>().id;
  const db = openDatabase(path.join(dir, 'library.sqlite'), createMemoryLogger());
  db.prepare("INSERT INTO people (id, name, timezone, updated_at) VALUES ('ben000001', 'Ben', 'America/New_York', ?)").run(NOW);
  const now = new Date(NOW);
  let askId = '';
  for (let day = 0; day < 30; day++) {
    for (const hour of [8, 15]) {
      const at = new Date(Date.parse(NOW) - day * DAY - (12 - hour) * 3_600_000);
      const oldest = day === 29 && hour === 8;
      const row = insertClip(db, {
        authorId: oldest ? 'ben000001' : meId, authorName: oldest ? 'Ben' : 'Ana', authorTimezone: oldest ? 'America/New_York' : 'Europe/Berlin',
        recordedAt: at, title: `Day ${day} at ${hour}`, ask: oldest ? 'Which vendor?' : null, state: 'ready', source: oldest ? 'workspace' : 'recorded',
      }, now);
      if (oldest) askId = row.id;
    }
  }
  db.close();
  return { dir, askId, meId };
}

const page = async (dir: string, args: string[]) => {
  const run = await handoff(dir, ['--json', 'inbox', '--now', NOW, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return run.json<Inbox>();
};

describe('the windowed inbox', () => {
  it('pages by workday with a cursor, and every page has the whole needs-reply list', { timeout: 60_000 }, async () => {
    const { dir, askId } = await library();
    const first = await page(dir, ['--days', '7']);
    expect(first.workdays.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-15', '2026-11-14']);
    expect(first.page).toEqual({ days: 7, before: null, nextBefore: '2026-11-14' });
    // The ask is 29 days old, far outside the page, and still listed.
    expect(first.needsReply.map((c) => c.id)).toEqual([askId]);
    expect(first.counts).toMatchObject({ needsReply: 1, clipsInPage: 14 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Inbox = await page(dir, ['--days', '7', ...(cursor ? ['--before', cursor] : [])]);
      seen.push(...next.workdays.map((d) => d.date));
      expect(next.needsReply.map((c) => c.id)).toEqual([askId]);
      cursor = next.page!.nextBefore;
    } while (cursor);
    // Thirty workdays (the oldest in New York's date, the ask's), each exactly once, newest first.
    expect(seen).toHaveLength(new Set(seen).size);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(seen).toHaveLength(30);

    // The default is 14 workdays, and the text output says how to get the older ones.
    expect((await page(dir, [])).workdays).toHaveLength(14);
    const text = await handoff(dir, ['inbox', '--now', NOW]);
    expect(text.stdout).toContain('Older workdays: handoff inbox --before 2026-11-07');
  });

  it('keeps needs-reply right as I answer, and refuses bad page arguments plainly', { timeout: 60_000 }, async () => {
    const { dir, askId } = await library();
    const done = await handoff(dir, ['--json', 'done', askId]);
    expect(done.code, done.stderr).toBe(0);
    expect((await page(dir, ['--days', '1'])).needsReply).toEqual([]);

    const zero = await handoff(dir, ['inbox', '--days', '0']);
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/--days takes a whole number of days/);
    const bad = await handoff(dir, ['inbox', '--before', 'last week']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
  });

  it('open asks follow who I am: a reply clip of mine answers, and another profile id rebuilds the list', () => {
    const dir = tempDir('open-asks');
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'library.sqlite'), createMemoryLogger());
    const now = new Date(NOW);
    const person = db.prepare('INSERT INTO people (id, name, timezone, is_me, updated_at) VALUES (?, ?, ?, ?, ?)');
    person.run('me0000001', 'Ana', 'Europe/Berlin', 1, NOW);
    person.run('ben000001', 'Ben', 'America/New_York', 0, NOW);
    const open = () => db.prepare('SELECT clip_id FROM open_asks ORDER BY clip_id').pluck().all();
    const ask = (id: string, authorId: string, urgency: 'fyi' | 'urgent', text: string | null) =>
      insertClip(db, { id, authorId, authorName: authorId, authorTimezone: 'UTC', recordedAt: now, ask: text, urgency, state: 'ready', source: 'workspace' }, now);
    ask('askaaaa1', 'ben000001', 'fyi', 'Which vendor?');
    ask('askbbbb1', 'ben000001', 'urgent', null);
    ask('askcccc1', 'ben000001', 'fyi', '   ');
    ask('askdddd1', 'me0000001', 'urgent', 'Mine asks Ben');
    expect(open()).toEqual(['askaaaa1', 'askbbbb1']);
    // A reply clip of mine answers its parent.
    insertClip(db, { authorId: 'me0000001', authorName: 'Ana', authorTimezone: 'UTC', recordedAt: now, replyTo: 'askaaaa1', state: 'ready', source: 'recorded' }, now);
    expect(open()).toEqual(['askbbbb1']);
    // A comment of Ben's does not answer for me; mine does.
    const event = db.prepare("INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, text) VALUES (?, ?, 'comment', ?, ?, ?, 'ok')");
    event.run('ev1', 'askbbbb1', 'ben000001', 'Ben', NOW);
    expect(open()).toEqual(['askbbbb1']);
    event.run('ev2', 'askbbbb1', 'me0000001', 'Ana', NOW);
    expect(open()).toEqual([]);
    // Who I am changes (another profile id): the list is worked out again for the new me.
    db.prepare('UPDATE people SET is_me = 0').run();
    person.run('me0000002', 'Ana', 'Europe/Berlin', 1, NOW);
    expect(open()).toEqual(['askaaaa1', 'askbbbb1', 'askdddd1']);
    db.close();
  });
});
