import { describe, expect, it } from 'vitest';
import { buildInbox, type InboxClipInput } from '../../shared/inbox';

function clip(partial: Partial<InboxClipInput> & Pick<InboxClipInput, 'id' | 'recordedAt' | 'authorTimezone'>): InboxClipInput {
  return {
    title: partial.id,
    authorId: 'other',
    author: 'Someone',
    ask: null,
    recipients: [],
    dueAt: null,
    urgency: 'fyi',
    replyTo: null,
    state: 'ready',
    durationMs: 1000,
    local: false,
    ...partial,
  };
}

const viewer = { id: 'me', name: 'Kenji', timezone: 'Asia/Tokyo', now: '2026-11-28T03:00:00.000Z' };

describe('buildInbox', () => {
  it('puts the Friday 18:40 San Francisco update on Friday, newest workday first, recorded order within a day', () => {
    const inbox = buildInbox({
      viewer,
      clips: [
        clip({ id: 'sf-friday', authorTimezone: 'America/Los_Angeles', recordedAt: '2026-11-28T02:40:00.000Z' }),
        clip({ id: 'tokyo-sat', authorTimezone: 'Asia/Tokyo', recordedAt: '2026-11-28T01:00:00.000Z' }),
        clip({ id: 'berlin-fri', authorTimezone: 'Europe/Berlin', recordedAt: '2026-11-27T09:00:00.000Z' }),
        clip({ id: 'tokyo-fri', authorTimezone: 'Asia/Tokyo', recordedAt: '2026-11-27T01:00:00.000Z' }),
      ],
      teamTimezones: ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo'],
      repliedByMe: new Set(),
    });
    expect(inbox.workdays.map((d) => d.date)).toEqual(['2026-11-28', '2026-11-27']);
    expect(inbox.workdays[1].clips.map((c) => c.id)).toEqual(['tokyo-fri', 'berlin-fri', 'sf-friday']);
    const sf = inbox.workdays[1].clips[2];
    expect(sf.senderLocalTime).toBe('2026-11-27T18:40:00-08:00');
    expect(sf.viewerLocalTime).toBe('2026-11-28T11:40:00+09:00');
    // East to west; Friday is over in Tokyo and Berlin (already Saturday), still going in San Francisco.
    expect(inbox.workdays[1].timezones).toEqual([
      { timezone: 'Asia/Tokyo', state: 'over' },
      { timezone: 'Europe/Berlin', state: 'over' },
      { timezone: 'America/Los_Angeles', state: 'in-progress' },
    ]);
    expect(inbox.workdays[0].timezones.find((t) => t.timezone === 'America/Los_Angeles')?.state).toBe('not-started');
  });

  it('orders needsReply by deadline, undated last, urgent before reply-needed on ties, then recordedAt', () => {
    const base = { authorTimezone: 'Europe/Berlin' };
    const inbox = buildInbox({
      viewer,
      clips: [
        clip({ ...base, id: 'no-due-old', recordedAt: '2026-11-20T08:00:00Z', ask: 'ok?' }),
        clip({ ...base, id: 'due-late', recordedAt: '2026-11-21T08:00:00Z', ask: 'ok?', dueAt: '2026-12-05T10:00:00Z' }),
        clip({ ...base, id: 'due-soon-rn', recordedAt: '2026-11-22T08:00:00Z', urgency: 'reply-needed', dueAt: '2026-12-01T10:00:00Z' }),
        clip({ ...base, id: 'due-soon-urgent', recordedAt: '2026-11-23T08:00:00Z', urgency: 'urgent', dueAt: '2026-12-01T10:00:00Z' }),
        clip({ ...base, id: 'no-due-new', recordedAt: '2026-11-24T08:00:00Z', urgency: 'reply-needed' }),
        clip({ ...base, id: 'fyi', recordedAt: '2026-11-24T09:00:00Z' }),
        clip({ ...base, id: 'mine', recordedAt: '2026-11-24T09:00:00Z', ask: 'ok?', authorId: 'me' }),
        clip({ ...base, id: 'mine-local', recordedAt: '2026-11-24T09:00:00Z', ask: 'ok?', authorId: null, local: true }),
        clip({ ...base, id: 'to-someone-else', recordedAt: '2026-11-24T09:00:00Z', ask: 'ok?', recipients: ['bob'] }),
        clip({ ...base, id: 'to-me-by-name', recordedAt: '2026-11-24T10:00:00Z', ask: 'ok?', recipients: ['kenji'] }),
        clip({ ...base, id: 'answered', recordedAt: '2026-11-24T09:00:00Z', ask: 'ok?' }),
      ],
      teamTimezones: ['Europe/Berlin'],
      repliedByMe: new Set(['answered']),
    });
    expect(inbox.needsReply.map((c) => c.id)).toEqual([
      'due-soon-urgent',
      'due-soon-rn',
      'due-late',
      // No deadline: urgency ranks first (reply-needed before an fyi that asks), then recordedAt.
      'no-due-new',
      'no-due-old',
      'to-me-by-name',
    ]);
    expect(inbox.needsReply[0].dueViewerLocalTime).toBe('2026-12-01T19:00:00+09:00');
    // They also stay in their workday.
    const all = inbox.workdays.flatMap((d) => d.clips.map((c) => c.id));
    expect(all).toContain('due-soon-urgent');
    expect(all).toHaveLength(11);
  });

  it('flags a clip recorded after now and keeps it', () => {
    const inbox = buildInbox({
      viewer,
      clips: [clip({ id: 'future1', authorTimezone: 'Pacific/Kiritimati', recordedAt: '2026-12-10T00:00:00Z' })],
      teamTimezones: [],
      repliedByMe: new Set(),
    });
    expect(inbox.workdays[0].clips[0].future).toBe(true);
    expect(inbox.workdays[0].date).toBe('2026-12-10');
    expect(inbox.workdays[0].timezones).toEqual([{ timezone: 'Asia/Tokyo', state: 'not-started' }]);
  });

  it('marks a teammate\'s update unread until I have seen it, never my own, and carries the transcription state', () => {
    const inbox = buildInbox({
      viewer,
      clips: [
        clip({ id: 'new', authorTimezone: 'Europe/Berlin', recordedAt: '2026-11-27T09:00:00.000Z', transcriptState: 'running' }),
        clip({ id: 'seen', authorTimezone: 'Europe/Berlin', recordedAt: '2026-11-27T10:00:00.000Z', seenByMe: true }),
        clip({ id: 'mine', authorTimezone: 'Asia/Tokyo', recordedAt: '2026-11-27T11:00:00.000Z', authorId: 'me' }),
      ],
      teamTimezones: ['Europe/Berlin'],
      repliedByMe: new Set(),
    });
    const byId = Object.fromEntries(inbox.workdays.flatMap((d) => d.clips).map((c) => [c.id, c]));
    expect(byId.new).toMatchObject({ unread: true, transcriptState: 'running' });
    expect(byId.seen).toMatchObject({ unread: false, transcriptState: 'none' });
    expect(byId.mine.unread).toBe(false);
  });
});
