import { describe, expect, it } from 'vitest';
import { fallbackTitle, linkParts, threadComments, titleToPublish, whereLinkWorks } from '../../renderer/src/lib/team-text';

describe('team loop text helpers', () => {
  it('titles an update from what was typed, the transcript, or the weekday and time in my zone', () => {
    expect(fallbackTitle('2026-12-05T23:30:00Z', 'Asia/Tokyo')).toBe('Update, Sunday 08:30');
    expect(fallbackTitle('2026-12-05T23:30:00Z', 'America/Los_Angeles')).toBe('Update, Saturday 15:30');
    expect(titleToPublish('  ', 'Please review the budget', '2026-12-05T23:30:00Z', 'UTC')).toBe('Please review the budget');
    expect(titleToPublish('Mine', 'Please review', '2026-12-05T23:30:00Z', 'UTC')).toBe('Mine');
    expect(titleToPublish('', '', '2026-12-05T23:30:00Z', 'UTC')).toBe('Update, Saturday 23:30');
  });

  it('says where a link works', () => {
    const date = (iso: string) => iso.slice(0, 10);
    expect(whereLinkWorks({ url: 'http://127.0.0.1:47619/abc', kind: 'local', expiresAt: '2026-12-12T10:00:00Z' }, date)).toBe('Works on this computer only, until 2026-12-12');
    expect(whereLinkWorks({ url: 'http://192.168.1.20:47619/abc', kind: 'local', expiresAt: null }, date)).toBe('Works on your local network while this app runs');
    expect(whereLinkWorks({ url: 'https://bucket.example.com/p/abc.html', kind: 's3', expiresAt: '2026-12-12T10:00:00Z' }, date)).toBe('Works anywhere, until 2026-12-12');
  });

  it('finds links in comment text, leaving trailing punctuation and markup as text', () => {
    expect(linkParts('See https://example.com/a?b=1. And <b>bold</b>')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. And <b>bold</b>' },
    ]);
    expect(linkParts('javascript:alert(1) ftp://x')).toEqual([{ kind: 'text', text: 'javascript:alert(1) ftp://x' }]);
  });

  it('threads comments one level deep', () => {
    const c = (id: string, at: string, parentId: string | null = null) => ({ id, createdAt: at, parentId });
    const threads = threadComments([c('b1', '2026-01-01T10:05:00Z', 'a1'), c('a1', '2026-01-01T10:00:00Z'), c('a2', '2026-01-01T10:01:00Z'), c('z9', '2026-01-01T10:09:00Z', 'gone')]);
    expect(threads.map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
      ['a1', ['b1']],
      ['a2', []],
      ['z9', []],
    ]);
  });
});
