import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayStateIn, isValidTimezone, localDate, localTime, parseWorkingHours } from '../../shared/inbox';
import { localDateAndTime } from '../../shared/inbox/zones';

// [zone, instant (UTC), expected local time with offset, expected workday]
const cases: [string, string, string, string][] = [
  // Europe/Berlin springs forward 2026-03-29 at 01:00 UTC, falls back 2026-10-25 at 01:00 UTC.
  ['Europe/Berlin', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00+01:00', '2026-03-29'],
  ['Europe/Berlin', '2026-03-29T01:30:00Z', '2026-03-29T03:30:00+02:00', '2026-03-29'],
  ['Europe/Berlin', '2026-10-25T00:30:00Z', '2026-10-25T02:30:00+02:00', '2026-10-25'],
  ['Europe/Berlin', '2026-10-25T01:30:00Z', '2026-10-25T02:30:00+01:00', '2026-10-25'],
  ['Europe/Berlin', '2026-10-24T22:30:00Z', '2026-10-25T00:30:00+02:00', '2026-10-25'],
  // America/Los_Angeles: 2026-03-08 and 2026-11-01.
  ['America/Los_Angeles', '2026-03-08T09:30:00Z', '2026-03-08T01:30:00-08:00', '2026-03-08'],
  ['America/Los_Angeles', '2026-03-08T10:30:00Z', '2026-03-08T03:30:00-07:00', '2026-03-08'],
  ['America/Los_Angeles', '2026-11-01T08:30:00Z', '2026-11-01T01:30:00-07:00', '2026-11-01'],
  ['America/Los_Angeles', '2026-11-01T09:30:00Z', '2026-11-01T01:30:00-08:00', '2026-11-01'],
  // The Friday 18:40 San Francisco update: Friday there, Saturday in Tokyo.
  ['America/Los_Angeles', '2026-11-28T02:40:00Z', '2026-11-27T18:40:00-08:00', '2026-11-27'],
  ['Asia/Tokyo', '2026-11-28T02:40:00Z', '2026-11-28T11:40:00+09:00', '2026-11-28'],
  // 30- and 45-minute offsets, near midnight so a wrong offset lands on the wrong date.
  ['Asia/Kolkata', '2026-06-01T18:25:00Z', '2026-06-01T23:55:00+05:30', '2026-06-01'],
  ['Asia/Kolkata', '2026-06-01T18:45:00Z', '2026-06-02T00:15:00+05:30', '2026-06-02'],
  ['Asia/Kathmandu', '2026-06-01T18:10:00Z', '2026-06-01T23:55:00+05:45', '2026-06-01'],
  ['Asia/Kathmandu', '2026-06-01T18:20:00Z', '2026-06-02T00:05:00+05:45', '2026-06-02'],
  ['Australia/Eucla', '2026-06-01T15:10:00Z', '2026-06-01T23:55:00+08:45', '2026-06-01'],
  ['Australia/Eucla', '2026-06-01T15:20:00Z', '2026-06-02T00:05:00+08:45', '2026-06-02'],
  // Adelaide: +10:30 in its summer (DST), +09:30 in winter; DST ends 2026-04-05 03:00 local.
  ['Australia/Adelaide', '2026-01-15T13:40:00Z', '2026-01-16T00:10:00+10:30', '2026-01-16'],
  ['Australia/Adelaide', '2026-06-15T14:40:00Z', '2026-06-16T00:10:00+09:30', '2026-06-16'],
  ['Australia/Adelaide', '2026-04-04T16:00:00Z', '2026-04-05T02:30:00+10:30', '2026-04-05'],
  ['Australia/Adelaide', '2026-04-04T17:00:00Z', '2026-04-05T02:30:00+09:30', '2026-04-05'],
  // +13/+14 and −10/−11, across the date line.
  ['Pacific/Tongatapu', '2026-06-01T11:30:00Z', '2026-06-02T00:30:00+13:00', '2026-06-02'],
  ['Pacific/Kiritimati', '2026-06-01T10:30:00Z', '2026-06-02T00:30:00+14:00', '2026-06-02'],
  ['Pacific/Honolulu', '2026-06-02T09:30:00Z', '2026-06-01T23:30:00-10:00', '2026-06-01'],
  ['Pacific/Pago_Pago', '2026-06-01T10:30:00Z', '2026-05-31T23:30:00-11:00', '2026-05-31'],
];

describe('local time and workday per zone', () => {
  it.each(cases)('%s at %s is %s (workday %s)', (zone, utc, local, day) => {
    expect(localTime(utc, zone)).toBe(local);
    expect(localDate(utc, zone)).toBe(day);
  });

  it('one instant falls on three calendar dates across the date line', () => {
    const at = '2026-06-01T10:30:00Z';
    expect([localDate(at, 'Pacific/Kiritimati'), localDate(at, 'Europe/Berlin'), localDate(at, 'Pacific/Pago_Pago')]).toEqual([
      '2026-06-02',
      '2026-06-01',
      '2026-05-31',
    ]);
  });
});

describe('instants in every form the inbox may be given', () => {
  // Instants with Z or an offset take a quicker path than the rest; both must agree with luxon's own ISO reading.
  const inputs = [
    '2026-03-29T01:30:00Z',
    '2026-03-29T01:30Z',
    '2026-03-29T01:30:00.250Z',
    '2026-03-29T03:30:00+02:00',
    '2026-11-28T02:40:00-08:00',
    '2026-06-01T10:30:00+14:00',
    '2026-06-01T10:30:00-00:00',
    '2028-02-29T12:00:00Z',
    '2026-03-29T01:30:00', // no offset: the machine's own zone, as before
    '2026-03-29',
    '2026-03-29T01:30:00.123456Z',
  ];
  it.each(inputs)('%s reads the same as luxon fromISO in three zones', (iso) => {
    for (const zone of ['Europe/Berlin', 'Asia/Kathmandu', 'Pacific/Pago_Pago']) {
      const expected = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
      expect(localDateAndTime(iso, zone)).toEqual({ date: expected.toISODate(), time: expected.toISO({ suppressMilliseconds: true }) });
      expect(localTime(iso, zone)).toBe(localDateAndTime(iso, zone).time);
    }
  });

  it.each(['2026-02-30T10:00:00Z', '2027-02-29T10:00:00Z', '2026-13-01T00:00:00Z', '2026-04-31T00:00:00+02:00', 'yesterday', ''])(
    'refuses %j with a clear error instead of rolling it over',
    (iso) => {
      expect(() => localTime(iso, 'Europe/Berlin')).toThrow(RangeError);
    },
  );
});

describe('workday state per zone', () => {
  const cases2: [string, string, string, string][] = [
    // date, zone, now, state
    ['2026-11-27', 'America/Los_Angeles', '2026-11-28T02:40:00Z', 'in-progress'],
    ['2026-11-27', 'Asia/Tokyo', '2026-11-28T02:40:00Z', 'over'],
    ['2026-11-28', 'America/Los_Angeles', '2026-11-28T02:40:00Z', 'not-started'],
    ['2026-06-01', 'Pacific/Kiritimati', '2026-06-01T10:30:00Z', 'over'],
    ['2026-06-01', 'Pacific/Pago_Pago', '2026-06-01T10:30:00Z', 'not-started'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T01:30:00Z', 'in-progress'],
    ['2026-06-01', 'Asia/Kathmandu', '2026-06-01T18:20:00Z', 'over'],
    ['2026-06-01', 'Asia/Kathmandu', '2026-06-01T18:10:00Z', 'in-progress'],
  ];
  it.each(cases2)('%s in %s at %s is %s', (date, zone, now, state) => {
    expect(dayStateIn(date, zone, now)).toBe(state);
  });
});

describe('validation', () => {
  it.each([
    ['Europe/Berlin', true],
    ['Asia/Kathmandu', true],
    ['Mars/Olympus', false],
    ['', false],
    ['+02:00', false],
  ])('%s valid=%s', (zone, valid) => {
    expect(isValidTimezone(zone as string)).toBe(valid);
    // The second answer comes from what the first one learnt, and must be the same.
    expect(isValidTimezone(zone as string)).toBe(valid);
  });

  it('parses working hours', () => {
    expect(parseWorkingHours('09:00-17:30')).toEqual({ startMin: 540, endMin: 1050 });
    expect(parseWorkingHours('9-5')).toBeNull();
    expect(parseWorkingHours('25:00-26:00')).toBeNull();
  });
});
