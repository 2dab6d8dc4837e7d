// buildInbox with norms: needsReply ordered by replyBy, then urgency, then recordedAt, with states and my working
// hours left; asks without a window last; answered asks gone; day-off zones read `weekend` in the headers.
import { describe, expect, it } from 'vitest';
import { buildInbox, type InboxClipInput } from '../../shared/inbox';
import { createCalendar, DEFAULT_NORMS } from '../../shared/norms';

const clip = (id: string, patch: Partial<InboxClipInput>): InboxClipInput => ({
  id,
  title: id,
  authorId: 'kenji',
  author: 'Kenji',
  authorTimezone: 'Asia/Tokyo',
  recordedAt: '2026-12-07T01:00:00.000Z',
  ask: 'Question?',
  recipients: [],
  dueAt: null,
  urgency: 'reply-needed',
  replyTo: null,
  state: 'ready',
  durationMs: 1000,
  local: false,
  ...patch,
});

const me = createCalendar({ timezone: 'Europe/Berlin', workingHours: '09:00-17:00', workdays: 'mon-fri' });
const kenji = createCalendar({ timezone: 'Asia/Tokyo', workingHours: '09:00-17:30', workdays: 'mon-fri' });

function inbox(clips: InboxClipInput[], now: string, replied: string[] = []) {
  return buildInbox({
    viewer: { id: 'me', name: 'Ana', timezone: 'Europe/Berlin', now },
    clips,
    teamTimezones: ['Asia/Tokyo', 'Europe/Berlin'],
    repliedByMe: new Set(replied),
    norms: { viewerCalendar: me, norms: DEFAULT_NORMS, teamCalendars: [me, kenji] },
  });
}

describe('needs reply with norms', () => {
  it('orders by replyBy, then urgency, then recordedAt, windowless asks last, answered ones gone', () => {
    const due = '2026-12-08T12:00:00.000Z';
    const result = inbox(
      [
        clip('fyi-ask', { urgency: 'fyi' }), // an ask with no window: last
        clip('due-reply-needed', { dueAt: due, recordedAt: '2026-12-07T00:00:00.000Z' }),
        clip('due-urgent', { dueAt: due, urgency: 'urgent', recordedAt: '2026-12-07T02:00:00.000Z' }),
        clip('due-urgent-earlier', { dueAt: due, urgency: 'urgent', recordedAt: '2026-12-07T01:30:00.000Z' }),
        clip('urgent', { urgency: 'urgent' }), // Monday 09:00 + 4 h = 13:00 Berlin (12:00Z)
        clip('published-later', { urgency: 'urgent', publishedAt: '2026-12-07T09:00:00.000Z' }), // counted from publish, 10:00 Berlin
        clip('answered', { urgency: 'urgent' }),
      ],
      '2026-12-07T10:30:00.000Z', // Monday 11:30 in Berlin
      ['answered'],
    );
    expect(result.needsReply.map((c) => [c.id, c.replyBy, c.replyState, c.workingHoursLeft])).toEqual([
      ['urgent', '2026-12-07T13:00:00+01:00', 'due-soon', 1.5],
      ['published-later', '2026-12-07T14:00:00+01:00', 'on-track', 2.5],
      ['due-urgent-earlier', '2026-12-08T13:00:00+01:00', 'on-track', 9.5],
      ['due-urgent', '2026-12-08T13:00:00+01:00', 'on-track', 9.5],
      ['due-reply-needed', '2026-12-08T13:00:00+01:00', 'on-track', 9.5],
      ['fyi-ask', null, 'on-track', null],
    ]);
  });

  it('marks a day off as weekend per zone, and escalates an ask overdue by a working day', () => {
    const saturday = clip('saturday', { urgency: 'urgent', recordedAt: '2026-12-05T03:00:00.000Z' }); // Sat 12:00 Tokyo
    const result = inbox([saturday], '2026-12-08T10:00:00.000Z'); // Tuesday 11:00 Berlin
    expect(result.workdays[0]).toMatchObject({ date: '2026-12-05', timezones: [{ timezone: 'Asia/Tokyo', state: 'weekend' }, { timezone: 'Europe/Berlin', state: 'weekend' }] });
    // Sent on Saturday: my window is Monday 09:00-13:00; by Tuesday 11:00 that is 2 h + Monday's last 4 h = 6 h late.
    expect(result.needsReply[0]).toMatchObject({ replyState: 'overdue', workingHoursLeft: -6, escalate: false });
    // Tuesday 13:00: a whole working day (8 h) late.
    expect(inbox([saturday], '2026-12-08T12:00:00.000Z').needsReply[0]).toMatchObject({ workingHoursLeft: -8, escalate: true });
  });
});
