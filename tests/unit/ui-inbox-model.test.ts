import { describe, expect, it } from 'vitest';
import type { ClipSummary } from '../../shared/contract/clips';
import { flattenWorkdays, peopleIn, provisionalInbox } from '../../renderer/src/lib/inbox-model';
import { displayLocalTime } from '../../renderer/src/lib/time';

function clip(id: string, author: string, authorTimezone: string, recordedAt: string, extra: Partial<ClipSummary> = {}): ClipSummary {
  return {
    id,
    title: `Update ${id}`,
    author,
    authorTimezone,
    recordedAt,
    durationMs: 60_000,
    width: null,
    height: null,
    sizeBytes: null,
    state: 'ready',
    urgency: 'fyi',
    ask: null,
    dueAt: null,
    ...extra,
  };
}

// Newest first, as clips:list returns them.
const clips = [
  clip('sf-fri-evening', 'Sam', 'America/Los_Angeles', '2026-11-28T02:40:00Z'),
  clip('berlin-fri', 'Bea', 'Europe/Berlin', '2026-11-27T14:00:00Z', { urgency: 'urgent', ask: 'Approve?', dueAt: '2026-11-28T10:00:00Z' }),
  clip('tokyo-fri', 'Taro', 'Asia/Tokyo', '2026-11-27T01:00:00Z', { urgency: 'reply-needed', ask: 'Review', dueAt: '2026-11-27T20:00:00Z' }),
  clip('mine-thu', 'Me', 'Europe/Berlin', '2026-11-26T10:00:00Z', { urgency: 'urgent', ask: 'mine' }),
];
const viewer = { timezone: 'Asia/Tokyo', now: new Date('2026-11-28T03:00:00Z') };

describe('the provisional inbox (newest page of clips:list, grouped by the shared rules)', () => {
  const inbox = provisionalInbox(clips, viewer);

  it("groups by the sender's workday, newest day first, clips in the order they were recorded", () => {
    expect(inbox.workdays.map((d) => d.date)).toEqual(['2026-11-27', '2026-11-26']);
    expect(inbox.workdays[0].clips.map((c) => c.id)).toEqual(['tokyo-fri', 'berlin-fri', 'sf-fri-evening']);
  });

  it('shows both local times on each clip', () => {
    const sf = inbox.workdays[0].clips[2];
    expect(sf.senderLocalTime).toBe('2026-11-27T18:40:00-08:00');
    expect(sf.viewerLocalTime).toBe('2026-11-28T11:40:00+09:00');
    expect([displayLocalTime(sf.senderLocalTime), displayLocalTime(sf.viewerLocalTime)]).toEqual(['18:40', '11:40']);
  });

  it('says per timezone whether the workday is over or still going', () => {
    const friday = Object.fromEntries(inbox.workdays[0].timezones.map((z) => [z.timezone, z.state]));
    expect(friday).toEqual({
      'America/Los_Angeles': 'in-progress', // 19:00 Friday there
      'Asia/Tokyo': 'over',
      'Europe/Berlin': 'over',
    });
  });

  it('leaves needs-reply, unread dots and transcription state to inbox:get instead of guessing them', () => {
    expect(inbox.needsReply).toEqual([]);
    const shown = inbox.workdays.flatMap((d) => d.clips);
    expect(shown.every((c) => !c.unread && c.transcriptState === 'none')).toBe(true);
    expect(shown.find((c) => c.id === 'berlin-fri')?.ask).toBe('Approve?');
  });

  it('flattens into header and clip rows, applying the person and urgency filters', () => {
    const all = flattenWorkdays(inbox.workdays, { person: '', urgency: '' });
    expect(all.map((r) => (r.kind === 'header' ? `# ${r.workday.date} (${r.count})` : r.clip.id))).toEqual([
      '# 2026-11-27 (3)',
      'tokyo-fri',
      'berlin-fri',
      'sf-fri-evening',
      '# 2026-11-26 (1)',
      'mine-thu',
    ]);
    const urgentBea = flattenWorkdays(inbox.workdays, { person: 'Bea', urgency: 'urgent' });
    expect(urgentBea.map((r) => r.key)).toEqual(['day-2026-11-27', 'berlin-fri']);
    expect(flattenWorkdays(inbox.workdays, { person: 'Nobody', urgency: '' })).toEqual([]);
  });

  it('lists the people who sent something, for the person filter', () => {
    expect(peopleIn(inbox)).toEqual(['Bea', 'Me', 'Sam', 'Taro']);
  });

  it('groups 10k clips without losing or duplicating any', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      clip(`c${String(i).padStart(6, '0')}`, `P${i % 7}`, i % 2 ? 'Europe/Berlin' : 'Asia/Tokyo', new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString()),
    );
    const big = provisionalInbox(many, viewer);
    expect(big.workdays.reduce((n, d) => n + d.clips.length, 0)).toBe(10_000);
    expect(flattenWorkdays(big.workdays, { person: '', urgency: '' }).length).toBe(10_000 + big.workdays.length);
  });
});
