import { describe, expect, it } from 'vitest';
import {
  dayStateIn,
  displayLocalTime,
  formatClock,
  formatDuration,
  formatWorkday,
  isValidTimezone,
  localInputToUtc,
  parseWorkingHours,
  teammateStatus,
  utcToLocalInput,
} from '../../renderer/src/lib/time';

describe('ui time formatting', () => {
  it('formats durations as m:ss and h:mm:ss, and unknown as null', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-5)).toBeNull();
  });

  it('shows clock times in the zone asked for, including half- and quarter-hour zones', () => {
    const at = '2026-03-10T12:00:00Z';
    expect(formatClock(at, 'Europe/Berlin')).toBe('13:00');
    expect(formatClock(at, 'Asia/Kolkata')).toBe('17:30');
    expect(formatClock(at, 'Asia/Kathmandu')).toBe('17:45');
    expect(formatClock(at, 'Pacific/Kiritimati')).toBe('02:00');
  });

  it('names a workday by its date, whatever the zone of the reader', () => {
    expect(formatWorkday('2026-11-27')).toBe('Friday, 27 November 2026');
  });

  it('tells whether a workday is over, in progress or not started in a zone', () => {
    const now = new Date('2026-11-27T23:30:00Z'); // Sat 08:30 Tokyo, Fri 15:30 San Francisco
    expect(dayStateIn('2026-11-27', 'Asia/Tokyo', now)).toBe('over');
    expect(dayStateIn('2026-11-27', 'America/Los_Angeles', now)).toBe('in-progress');
    expect(dayStateIn('2026-11-28', 'America/Los_Angeles', now)).toBe('not-started');
  });

  it('reads the local time part of an ISO string the core sends, and passes other text through', () => {
    expect(displayLocalTime('2026-11-25T09:40:00+01:00')).toBe('09:40');
    expect(displayLocalTime('9:40 AM')).toBe('9:40 AM');
  });

  it('validates timezones and working hours', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
    expect(parseWorkingHours('09:00-17:30')).toEqual({ startMin: 540, endMin: 1050 });
    expect(parseWorkingHours('9-5')).toBeNull();
    expect(parseWorkingHours('25:00-26:00')).toBeNull();
  });
});

describe('deadlines picked in my timezone', () => {
  it('converts a datetime-local value read in my zone to UTC and back', () => {
    expect(localInputToUtc('2026-11-26T17:00', 'Europe/Berlin')).toBe('2026-11-26T16:00:00.000Z');
    expect(utcToLocalInput('2026-11-26T16:00:00.000Z', 'Asia/Tokyo')).toBe('2026-11-27T01:00');
    expect(localInputToUtc('', 'Europe/Berlin')).toBeNull();
  });

  it('refuses a time that does not exist because the clocks spring forward', () => {
    expect(localInputToUtc('2026-03-29T02:30', 'Europe/Berlin')).toBeNull();
    expect(localInputToUtc('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('teammate status', () => {
  const me = { timezone: 'Europe/Berlin', workingHours: '09:00-17:00' };

  it("computes someone's local time, whether they are working, and today's overlap in my time", () => {
    const now = new Date('2026-11-25T08:30:00Z'); // 09:30 Berlin, 17:30 Tokyo
    const tokyo = teammateStatus({ timezone: 'Asia/Tokyo', workingHours: '09:00-18:00' }, me, now);
    expect(tokyo).toEqual({ localTime: '17:30', inHours: true, overlap: { start: '09:00', end: '10:00', minutes: 60 } });
    const sf = teammateStatus({ timezone: 'America/Los_Angeles', workingHours: '09:00-17:00' }, me, now);
    expect(sf.localTime).toBe('00:30');
    expect(sf.inHours).toBe(false);
    // 09–17 in San Francisco is 18–02 in Berlin: nothing shared with 09–17.
    expect(sf.overlap).toBeNull();
    const ny = teammateStatus({ timezone: 'America/New_York', workingHours: '09:00-17:00' }, me, now);
    expect(ny.overlap).toEqual({ start: '15:00', end: '17:00', minutes: 120 });
  });

  it('handles overnight shifts and unknown hours', () => {
    const now = new Date('2026-11-25T23:00:00Z'); // 00:00 Berlin, 08:00 Tokyo
    const night = teammateStatus({ timezone: 'Asia/Tokyo', workingHours: '22:00-06:00' }, me, now);
    expect(night.inHours).toBe(false);
    const unknown = teammateStatus({ timezone: 'Asia/Tokyo', workingHours: null }, me, now);
    expect(unknown).toEqual({ localTime: '08:00', inHours: null, overlap: null });
    const early = teammateStatus({ timezone: 'Asia/Tokyo', workingHours: '22:00-06:00' }, me, new Date('2026-11-25T20:00:00Z'));
    expect(early.inHours).toBe(true); // 05:00 in Tokyo, inside the shift that began the evening before
  });
});
