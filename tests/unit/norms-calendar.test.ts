import { describe, expect, it } from 'vitest';
import {
  addWorkingMs,
  createCalendar,
  formatWorkdays,
  HOUR_MS,
  isWorkingAt,
  localIso,
  nextWorkingMoment,
  parseWorkdays,
  workingMsBetween,
  type CalendarSpec,
} from '../../shared/norms';
import { localTime } from '../../shared/inbox';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

describe('parseWorkdays / formatWorkdays', () => {
  const cases: [string, number[] | null, string | null][] = [
    ['mon-fri', [1, 2, 3, 4, 5], 'mon-fri'],
    ['sun-thu', [1, 2, 3, 4, 7], 'sun-thu'],
    ['mon,tue,thu', [1, 2, 4], 'mon,tue,thu'],
    ['Mon-Wed, Fri', [1, 2, 3, 5], 'mon-wed,fri'],
    ['fri-mon', [1, 5, 6, 7], 'fri-mon'],
    ['sat,sun', [6, 7], 'sat,sun'],
    ['monday-friday', [1, 2, 3, 4, 5], 'mon-fri'],
    ['mon-sun', [1, 2, 3, 4, 5, 6, 7], 'mon-sun'],
    ['', null, null],
    ['funday', null, null],
    ['mon-', null, null],
    ['mon,,tue', null, null],
    ['monkey', null, null],
  ];
  it.each(cases)('%j', (text, days, canonical) => {
    const parsed = parseWorkdays(text);
    expect(parsed).toEqual(days);
    if (parsed) expect(formatWorkdays(parsed)).toBe(canonical);
  });
});

const berlin: CalendarSpec = { timezone: 'Europe/Berlin', workingHours: '09:00-17:00', workdays: 'mon-fri' };

describe('next working moment', () => {
  // [calendar, instant, expected]
  const cases: [string, CalendarSpec, string, string][] = [
    ['inside hours: now', berlin, '2026-12-07T10:00:00Z', '2026-12-07T10:00:00Z'],
    ['before hours: 09:00 local', berlin, '2026-12-07T06:00:00Z', '2026-12-07T08:00:00Z'],
    ['Friday evening: Monday 09:00', berlin, '2026-12-04T17:00:00Z', '2026-12-07T08:00:00Z'],
    ['exactly at the end: next morning', berlin, '2026-12-07T16:00:00Z', '2026-12-08T08:00:00Z'],
    // Friday 18:40 in Los Angeles is Saturday 11:40 in Tokyo: a Tokyo teammate's next working moment is Monday 09:00.
    ['LA Friday evening = Tokyo Saturday', { timezone: 'Asia/Tokyo', workingHours: '09:00-17:30' }, '2026-11-28T02:40:00Z', '2026-11-30T00:00:00Z'],
    ['sun-thu: Friday → Sunday', { timezone: 'Asia/Jerusalem', workingHours: '09:00-17:00', workdays: 'sun-thu' }, '2026-12-04T10:00:00Z', '2026-12-06T07:00:00Z'],
    ['22:00-06:00, Saturday 01:00 is still Friday’s shift', { timezone: 'Europe/London', workingHours: '22:00-06:00' }, '2026-12-05T01:00:00Z', '2026-12-05T01:00:00Z'],
    ['22:00-06:00, Saturday 07:00 → Monday 22:00', { timezone: 'Europe/London', workingHours: '22:00-06:00' }, '2026-12-05T07:00:00Z', '2026-12-07T22:00:00Z'],
    ['+14 Kiritimati, its Saturday is Friday in UTC', { timezone: 'Pacific/Kiritimati', workingHours: '09:00-17:00' }, '2026-06-05T11:00:00Z', '2026-06-07T19:00:00Z'],
    ['−11 Pago Pago, Friday there is Saturday in UTC', { timezone: 'Pacific/Pago_Pago', workingHours: '09:00-17:00' }, '2026-06-06T03:00:00Z', '2026-06-06T03:00:00Z'],
  ];
  it.each(cases)('%s', (_name, spec, at, expected) => {
    expect(iso(nextWorkingMoment(createCalendar(spec), ms(at)))).toBe(expected);
  });
});

describe('add working hours', () => {
  // [name, calendar, from, hours, expected]
  const cases: [string, CalendarSpec, string, number, string][] = [
    // Berlin springs forward on Sunday 29 March: Friday 15:00+01 + 4 h = Monday 11:00+02 (09:00Z, not 10:00Z).
    ['across a weekend and spring-forward', berlin, '2026-03-27T14:00:00Z', 4, '2026-03-30T09:00:00Z'],
    // Berlin falls back on Sunday 25 October, with Sunday a workday: Saturday 16:00+02 + 4 h = Sunday 12:00+01.
    ['across fall-back', { ...berlin, workdays: 'mon-sun' }, '2026-10-24T14:00:00Z', 4, '2026-10-25T11:00:00Z'],
    // Los Angeles falls back on 1 November: Friday 16:00 PDT + 16 h = Wednesday... Fri 1 + Mon 8 + Tue 7 → Tue 16:00 PST.
    ['LA fall-back, 16 h', { timezone: 'America/Los_Angeles', workingHours: '09:00-17:00' }, '2026-10-30T23:00:00Z', 16, '2026-11-04T00:00:00Z'],
    ['+5:45 Kathmandu', { timezone: 'Asia/Kathmandu', workingHours: '09:00-17:00' }, '2026-06-01T10:00:00Z', 4, '2026-06-02T06:00:00Z'],
    ['+13 Tongatapu, before hours', { timezone: 'Pacific/Tongatapu', workingHours: '09:00-17:00' }, '2026-06-02T19:00:00Z', 4, '2026-06-03T00:00:00Z'],
    ['+14 Kiritimati, Friday 16:00 → Monday 12:00 (a Sunday in UTC)', { timezone: 'Pacific/Kiritimati', workingHours: '09:00-17:00' }, '2026-06-05T02:00:00Z', 4, '2026-06-07T22:00:00Z'],
    ['−11 Pago Pago, Friday 16:00 → Monday 12:00', { timezone: 'Pacific/Pago_Pago', workingHours: '09:00-17:00' }, '2026-06-06T03:00:00Z', 4, '2026-06-08T23:00:00Z'],
    // Lord Howe leaves its 30-minute DST on Sunday 5 April: Monday 09:00 is +10:30.
    ['Lord Howe after its 30-minute change', { timezone: 'Australia/Lord_Howe', workingHours: '09:00-17:00' }, '2026-04-03T04:00:00Z', 4, '2026-04-06T00:30:00Z'],
    ['sun-thu: Thursday 15:00 → Sunday 11:00', { timezone: 'Asia/Jerusalem', workingHours: '09:00-17:00', workdays: 'sun-thu' }, '2026-12-03T13:00:00Z', 4, '2026-12-06T09:00:00Z'],
    ['22:00-06:00: Friday 04:00 → Saturday 00:00 (Friday night’s shift)', { timezone: 'Europe/London', workingHours: '22:00-06:00' }, '2026-12-04T04:00:00Z', 4, '2026-12-05T00:00:00Z'],
    ['fills a shift exactly: ends at 17:00, not next morning', berlin, '2026-12-07T12:00:00Z', 4, '2026-12-07T16:00:00Z'],
    ['mon,tue,thu skips Wednesday', { ...berlin, workdays: 'mon,tue,thu' }, '2026-12-08T14:00:00Z', 4, '2026-12-10T10:00:00Z'],
  ];
  it.each(cases)('%s', (_name, spec, from, hours, expected) => {
    expect(iso(addWorkingMs(createCalendar(spec), ms(from), hours * HOUR_MS))).toBe(expected);
  });
});

describe('working hours between two instants', () => {
  const cases: [string, CalendarSpec, string, string, number][] = [
    ['one full day', berlin, '2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z', 8],
    ['a week', berlin, '2026-12-07T00:00:00Z', '2026-12-14T00:00:00Z', 40],
    ['negative when past', berlin, '2026-12-08T00:00:00Z', '2026-12-07T00:00:00Z', -8],
    ['a weekend is no working time', berlin, '2026-12-04T17:00:00Z', '2026-12-07T08:00:00Z', 0],
    // A 09:00-17:00 day on a DST Sunday is still 8 hours.
    ['09:00-17:00 on spring-forward day', { ...berlin, workdays: 'mon-sun' }, '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z', 8],
    // Night shifts across a DST change are as long as they really are: Lord Howe's change is 30 minutes.
    ['Lord Howe night shift, fall back (+30 min)', { timezone: 'Australia/Lord_Howe', workingHours: '22:00-06:00', workdays: 'mon-sun' }, '2026-04-04T11:00:00Z', '2026-04-04T19:30:00Z', 8.5],
    ['Lord Howe night shift, spring forward (−30 min)', { timezone: 'Australia/Lord_Howe', workingHours: '22:00-06:00', workdays: 'mon-sun' }, '2026-10-03T11:30:00Z', '2026-10-03T19:00:00Z', 7.5],
    ['Berlin night shift, spring forward (−1 h)', { timezone: 'Europe/Berlin', workingHours: '22:00-06:00', workdays: 'mon-sun' }, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z', 7],
    ['Berlin night shift, fall back (+1 h)', { timezone: 'Europe/Berlin', workingHours: '22:00-06:00', workdays: 'mon-sun' }, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z', 9],
  ];
  it.each(cases)('%s', (_name, spec, a, b, hours) => {
    expect(workingMsBetween(createCalendar(spec), ms(a), ms(b)) / HOUR_MS).toBe(hours);
  });

  it('knows whether someone is working, and refuses bad calendars', () => {
    const cal = createCalendar({ timezone: 'Europe/London', workingHours: '22:00-06:00', workdays: 'mon-fri' });
    expect(isWorkingAt(cal, ms('2026-12-05T05:59:00Z'))).toBe(true); // Friday's shift, on Saturday morning
    expect(isWorkingAt(cal, ms('2026-12-05T22:30:00Z'))).toBe(false); // Saturday's shift does not exist
    expect(() => createCalendar({ ...berlin, timezone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => createCalendar({ ...berlin, workingHours: '9-5' })).toThrow(/Working hours/);
    expect(() => createCalendar({ ...berlin, workdays: 'someday' })).toThrow(/Workdays/);
  });
});

describe('local ISO time from the calendar’s offsets', () => {
  // Instants around DST changes (both directions, Lord Howe's 30 minutes), odd offsets, UTC, and milliseconds.
  const cases: [string, string][] = [
    ['Europe/Berlin', '2026-03-29T00:59:59Z'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-25T00:59:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:59:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:29:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Asia/Kathmandu', '2026-06-01T18:20:00Z'],
    ['Pacific/Kiritimati', '2026-06-01T10:30:00.250Z'],
    ['Pacific/Pago_Pago', '2026-06-01T10:30:00Z'],
    ['Europe/London', '2026-12-01T00:00:00Z'],
    ['UTC', '2026-12-01T00:00:00Z'],
    ['GMT', '2026-12-01T00:00:00Z'],
    ['Etc/UTC', '2026-12-01T00:00:00Z'],
  ];
  it.each(cases)('%s at %s is what luxon says', (timezone, at) => {
    const cal = createCalendar({ timezone, workingHours: '09:00-17:00' });
    expect(localIso(cal, ms(at))).toBe(localTime(at, timezone));
    expect(localIso(cal, ms(at))).toBe(localTime(at, timezone)); // from the cache too
  });
});
