import { describe, expect, it } from 'vitest';
import {
  ANSWERING_EVENT_KINDS,
  answers,
  backText,
  buildDigest,
  createCalendar,
  DEFAULT_NORMS,
  digestDue,
  overdueByAWorkday,
  replyByText,
  replyPlan,
  replyStatus,
  talkLiveText,
  zoneDayState,
  type CalendarSpec,
  type ReplyState,
  type Urgency,
} from '../../shared/norms';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const berlin: CalendarSpec = { timezone: 'Europe/Berlin', workingHours: '09:00-17:00', workdays: 'mon-fri' };
const tokyo: CalendarSpec = { timezone: 'Asia/Tokyo', workingHours: '09:00-17:30', workdays: 'mon-fri' };

describe('replyBy per recipient', () => {
  // [name, recipient calendar, sent, urgency, dueAt, expected replyBy]
  const cases: [string, CalendarSpec, string, Urgency, string | null, string | null][] = [
    ['urgent: 4 working hours', berlin, '2026-12-07T08:00:00Z', 'urgent', null, '2026-12-07T12:00:00Z'],
    ['reply-needed: 16 working hours = two days', berlin, '2026-12-07T08:00:00Z', 'reply-needed', null, '2026-12-08T16:00:00Z'],
    ['fyi: no expected reply time', berlin, '2026-12-07T08:00:00Z', 'fyi', null, null],
    ['sent at night: counted from 09:00', berlin, '2026-12-06T22:00:00Z', 'urgent', null, '2026-12-07T12:00:00Z'],
    ['a window across a weekend and a DST change', berlin, '2026-03-27T14:00:00Z', 'urgent', null, '2026-03-30T09:00:00Z'],
    // Friday 18:40 in Los Angeles = Saturday 11:40 in Tokyo: the Tokyo recipient's window opens Monday 09:00 JST.
    ['LA Friday evening to Tokyo (a Saturday there)', tokyo, '2026-11-28T02:40:00Z', 'reply-needed', null, '2026-12-01T07:30:00Z'],
    ['an explicit dueAt wins over the norm', berlin, '2026-12-07T08:00:00Z', 'urgent', '2026-12-11T16:00:00Z', '2026-12-11T16:00:00Z'],
    ['an explicit dueAt on fyi too', berlin, '2026-12-07T08:00:00Z', 'fyi', '2026-12-07T09:00:00Z', '2026-12-07T09:00:00Z'],
    ['sun-thu recipient', { timezone: 'Asia/Jerusalem', workingHours: '09:00-17:00', workdays: 'sun-thu' }, '2026-12-03T13:00:00Z', 'urgent', null, '2026-12-06T09:00:00Z'],
    ['22:00-06:00 recipient', { timezone: 'Europe/London', workingHours: '22:00-06:00' }, '2026-12-04T04:00:00Z', 'urgent', null, '2026-12-05T00:00:00Z'],
  ];
  it.each(cases)('%s', (_name, spec, sent, urgency, dueAt, expected) => {
    const plan = replyPlan({ sentAt: ms(sent), dueAt: dueAt ? ms(dueAt) : null, urgency }, createCalendar(spec), DEFAULT_NORMS);
    expect(plan ? iso(plan.replyBy) : null).toBe(expected);
    if (plan) expect(plan.explicit).toBe(dueAt !== null);
  });

  it('uses the team norms given', () => {
    const plan = replyPlan({ sentAt: ms('2026-12-07T08:00:00Z'), dueAt: null, urgency: 'urgent' }, createCalendar(berlin), { ...DEFAULT_NORMS, urgent: 1.5 });
    expect(iso(plan!.replyBy)).toBe('2026-12-07T09:30:00Z');
  });
});

describe('reply state', () => {
  const cal = createCalendar(berlin);
  // Sent Monday 09:00 Berlin (08:00Z). urgent → Monday 13:00 (12:00Z); reply-needed → Tuesday 17:00 (16:00Z).
  // [name, urgency, now, answered, state, working hours left]
  const cases: [string, Urgency, string, boolean, ReplyState, number][] = [
    ['early in a long window', 'reply-needed', '2026-12-07T11:00:00Z', false, 'on-track', 13],
    ['5 h of 16 left: still on track', 'reply-needed', '2026-12-08T11:00:00Z', false, 'on-track', 5],
    ['last 25 % of the window', 'reply-needed', '2026-12-08T12:00:00Z', false, 'due-soon', 4],
    ['2 h of 4 left: not yet due soon', 'urgent', '2026-12-07T10:00:00Z', false, 'on-track', 2],
    ['under 2 working hours left', 'urgent', '2026-12-07T10:30:00Z', false, 'due-soon', 1.5],
    ['past replyBy', 'urgent', '2026-12-08T09:00:00Z', false, 'overdue', -5],
    ['answered wins over overdue', 'urgent', '2026-12-08T09:00:00Z', true, 'answered', -5],
    ['overnight counts nothing', 'reply-needed', '2026-12-07T22:00:00Z', false, 'on-track', 8],
  ];
  it.each(cases)('%s', (_name, urgency, now, answered, state, left) => {
    const plan = replyPlan({ sentAt: ms('2026-12-07T08:00:00Z'), dueAt: null, urgency }, cal, DEFAULT_NORMS)!;
    const status = replyStatus(plan, cal, ms(now), answered);
    expect(status.state).toBe(state);
    expect(status.workingMsLeft / 3_600_000).toBe(left);
  });

  it('escalates once overdue by a working day', () => {
    const plan = replyPlan({ sentAt: ms('2026-12-07T08:00:00Z'), dueAt: null, urgency: 'urgent' }, cal, DEFAULT_NORMS)!;
    expect(overdueByAWorkday(replyStatus(plan, cal, ms('2026-12-08T11:00:00Z'), false), cal)).toBe(false); // 7 h
    expect(overdueByAWorkday(replyStatus(plan, cal, ms('2026-12-08T12:00:00Z'), false), cal)).toBe(true); // 8 h
  });

  it('counts replies, comments, decisions and done as answers, not seen or reactions', () => {
    expect(ANSWERING_EVENT_KINDS).toEqual(['reply', 'decision', 'comment', 'done']);
    expect(['reply', 'decision', 'comment', 'done', 'seen', 'reaction'].map(answers)).toEqual([true, true, true, true, false, false]);
  });
});

describe('day state with days off', () => {
  const cals = [createCalendar(tokyo), createCalendar({ timezone: 'Asia/Jerusalem', workingHours: '09:00-17:00', workdays: 'sun-thu' })];
  const now = '2026-12-05T12:00:00Z'; // Saturday
  const cases: [string, string, string][] = [
    ['2026-12-05', 'Asia/Tokyo', 'weekend'], // Saturday
    ['2026-12-04', 'Asia/Tokyo', 'over'], // Friday
    ['2026-12-04', 'Asia/Jerusalem', 'weekend'], // Friday, sun-thu
    ['2026-12-06', 'Asia/Jerusalem', 'not-started'], // Sunday, a workday there
    ['2026-12-05', 'Europe/Berlin', 'in-progress'], // no calendar known for the zone
  ];
  it.each(cases)('%s in %s', (date, zone, state) => {
    expect(zoneDayState(date, zone, now, cals)).toBe(state);
  });
});

describe('said the human way', () => {
  it('reply by, back, talk live', () => {
    expect(replyByText(ms('2026-12-08T09:30:00Z'), 3 * 3_600_000, 'Europe/Berlin')).toBe('reply by Tue 10:30 (in 3 working hours)');
    expect(replyByText(ms('2026-12-08T09:30:00Z'), -2.5 * 3_600_000, 'Europe/Berlin')).toBe('reply by Tue 10:30 (2.5 working hours ago)');
    expect(replyByText(ms('2026-12-08T09:30:00Z'), 45 * 60_000, 'Europe/Berlin')).toBe('reply by Tue 10:30 (in 45 working minutes)');
    // Past, but no working time of mine since (it passed after my hours).
    expect(replyByText(ms('2026-12-08T16:00:00Z'), 0, 'Europe/Berlin', true)).toBe('reply by Tue 17:00 (passed)');
    // Saturday: the Tokyo teammate is back Monday 09:00 JST, which is Monday 01:00 in Berlin.
    expect(backText(createCalendar(tokyo), ms('2026-12-05T12:00:00Z'), 'Europe/Berlin')).toBe('back Mon 09:00 (your Mon 01:00)');
    expect(backText(createCalendar(tokyo), ms('2026-12-07T01:00:00Z'), 'Europe/Berlin')).toBeNull();
    expect(talkLiveText({ start: ms('2026-12-08T15:00:00Z'), end: ms('2026-12-08T15:45:00Z') }, 'Europe/Berlin')).toBe('talk live: Tue 16:00–16:45 your time');
  });
});

describe('digest', () => {
  const cal = createCalendar(berlin);
  const now = ms('2026-12-07T08:05:00Z'); // Monday 09:05 in Berlin; the previous workday ended Friday 17:00 (16:00Z)
  const ask = (id: string, replyBy: string | null, state: ReplyState) => ({ id, title: id, author: 'Kenji', sentAt: ms('2026-12-04T10:00:00Z'), replyBy: replyBy ? ms(replyBy) : null, state });

  it('lists what arrived since my last workday, due today, overdue and decisions', () => {
    const digest = buildDigest({
      calendar: cal,
      now,
      arrivals: [
        { id: 'friday-noon', title: '', author: 'A', sentAt: ms('2026-12-04T11:00:00Z') },
        { id: 'saturday', title: '', author: 'B', sentAt: ms('2026-12-05T10:00:00Z') },
        { id: 'monday-early', title: '', author: 'C', sentAt: ms('2026-12-07T06:00:00Z') },
      ],
      asks: [
        ask('due-tomorrow', '2026-12-08T12:00:00Z', 'on-track'),
        ask('due-at-noon', '2026-12-07T11:00:00Z', 'due-soon'),
        ask('late', '2026-12-04T15:00:00Z', 'overdue'),
        ask('answered', '2026-12-07T11:00:00Z', 'answered'),
        ask('no-deadline', null, 'on-track'),
      ],
      decisions: [
        { clipId: 'x', title: '', author: 'A', text: 'ship Tuesday', createdAt: ms('2026-12-04T17:00:00Z') },
        { clipId: 'y', title: '', author: 'A', text: 'old', createdAt: ms('2026-12-03T17:00:00Z') },
      ],
    });
    expect(iso(digest.since)).toBe('2026-12-04T16:00:00Z');
    expect(digest.workday.date).toBe('2026-12-07');
    expect(digest.arrived.map((a) => a.id)).toEqual(['saturday', 'monday-early']);
    expect(digest.dueToday.map((a) => a.id)).toEqual(['due-at-noon']);
    expect(digest.overdue.map((a) => a.id)).toEqual(['late']);
    expect(digest.decisions.map((d) => d.text)).toEqual(['ship Tuesday']);
  });

  it('is due once at the start of each workday', () => {
    expect(digestDue(now, cal, null)).toBe(true);
    expect(digestDue(now, cal, ms('2026-12-04T10:00:00Z'))).toBe(true); // shown Friday
    expect(digestDue(now, cal, ms('2026-12-07T08:01:00Z'))).toBe(false); // shown this morning
    expect(digestDue(ms('2026-12-06T10:00:00Z'), cal, null)).toBe(false); // Sunday
  });
});
