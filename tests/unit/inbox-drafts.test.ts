import { describe, expect, it } from 'vitest';
import { buildInbox, type InboxClipInput } from '../../shared/inbox';

const base = { title: 't', author: 'Kenji', ask: null, recipients: [], dueAt: null, urgency: 'fyi' as const, replyTo: null, state: 'ready', durationMs: 1000, authorTimezone: 'Asia/Tokyo' };
const viewer = { id: 'me', name: 'Kenji', timezone: 'Asia/Tokyo', now: '2026-11-28T03:00:00.000Z' };

describe('drafts in the inbox', () => {
  it('lists my unpublished recordings apart, newest first, and marks them in their workday', () => {
    const clips: InboxClipInput[] = [
      { ...base, id: 'old-draft', authorId: 'me', local: true, draft: true, recordedAt: '2026-11-27T01:00:00.000Z' },
      { ...base, id: 'new-draft', authorId: 'me', local: true, draft: true, recordedAt: '2026-11-28T01:00:00.000Z' },
      { ...base, id: 'published', authorId: 'me', local: true, draft: false, recordedAt: '2026-11-28T02:00:00.000Z' },
      // A teammate's update is never my draft, whatever the flag says.
      { ...base, id: 'theirs', authorId: 'ana', author: 'Ana', local: false, draft: true, recordedAt: '2026-11-28T02:30:00.000Z' },
    ];
    const inbox = buildInbox({ viewer, clips, teamTimezones: ['Asia/Tokyo'], repliedByMe: new Set() });
    expect(inbox.drafts.map((c) => c.id)).toEqual(['new-draft', 'old-draft']);
    const all = inbox.workdays.flatMap((d) => d.clips);
    expect(all.filter((c) => c.draft).map((c) => c.id).sort()).toEqual(['new-draft', 'old-draft']);
    expect(all).toHaveLength(4);
  });
});
