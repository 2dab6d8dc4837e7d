// Counts on inbox rows: reactions, comments, decisions and video replies, read for the clips of the page only, from a
// real SQLite library.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertClip } from '../../electron/core/library/clips-store';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { countsByClip, withCounts } from '../../electron/core/workspace/inbox-counts';
import type { Inbox, InboxClip } from '../../shared/inbox';
import { tempDir } from '../support/temp-core';

const folder = tempDir('handoff-counts-');
afterAll(() => folder.remove());

describe('inbox counts', () => {
  const db = openDatabase(path.join(folder.dir, 'library.sqlite'), createMemoryLogger());
  const now = new Date('2026-11-26T13:00:00Z');
  const base = { authorName: 'Bea', authorTimezone: 'Europe/Berlin', recordedAt: now, state: 'ready' as const, source: 'imported' as const };
  insertClip(db, { ...base, id: 'clip-a' }, now);
  insertClip(db, { ...base, id: 'clip-b' }, now);
  insertClip(db, { ...base, id: 'reply-1', replyTo: 'clip-a' }, now);
  insertClip(db, { ...base, id: 'reply-2', replyTo: 'clip-a' }, now);
  const event = db.prepare(`INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, emoji, text) VALUES (?, ?, ?, NULL, 'Bea', ?, ?, ?)`);
  event.run('e1', 'clip-a', 'reaction', now.toISOString(), '👍', null);
  event.run('e2', 'clip-a', 'reaction', now.toISOString(), '🎉', null);
  event.run('e3', 'clip-a', 'comment', now.toISOString(), null, 'Nice');
  event.run('e4', 'clip-a', 'decision', now.toISOString(), null, 'Ship it');
  event.run('e5', 'clip-a', 'seen', now.toISOString(), null, null);
  event.run('e6', 'clip-b', 'comment', now.toISOString(), null, 'Hm');

  it('counts each kind per clip, and only for the clips asked about', () => {
    const counts = countsByClip(db, ['clip-a']);
    expect(counts.get('clip-a')).toEqual({ reactions: 2, comments: 1, decisions: 1, replies: 2 });
    expect(counts.has('clip-b')).toBe(false);
  });

  it('adds counts to the clips of an inbox page and leaves clips with nothing as they were', () => {
    const clip = (id: string) => ({ id }) as InboxClip;
    const inbox = { needsReply: [clip('clip-a')], drafts: [], workdays: [{ date: '2026-11-26', timezones: [], clips: [clip('clip-a'), clip('reply-1')] }] } as unknown as Inbox;
    const out = withCounts(db, inbox);
    expect(out.needsReply[0].counts).toEqual({ reactions: 2, comments: 1, decisions: 1, replies: 2 });
    expect(out.workdays[0].clips[1].counts).toBeUndefined();
  });
});
