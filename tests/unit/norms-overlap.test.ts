import { describe, expect, it } from 'vitest';
import { createCalendar, describeWindow, planOverlap, type OverlapPerson } from '../../shared/norms';

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const person = (name: string, timezone: string, workingHours = '09:00-17:30', workdays = 'mon-fri'): OverlapPerson => ({
  name,
  calendar: createCalendar({ timezone, workingHours, workdays }),
});
const ana = person('Ana', 'Europe/Berlin'); // 08:00-16:30Z in December
const kenji = person('Kenji', 'Asia/Tokyo'); // 00:00-08:30Z
const maya = person('Maya', 'America/New_York'); // 14:00-22:30Z
const monday = Date.parse('2026-12-07T00:00:00Z');

describe('overlap planner', () => {
  const cases: [string, OverlapPerson[], number | undefined, string[], string | null][] = [
    // Berlin and Tokyo share 30 minutes each weekday morning (Berlin) — five equal windows, the soonest first.
    ['Berlin + Tokyo', [ana, kenji], undefined, ['2026-12-07T08:00:00Z/2026-12-07T08:30:00Z', '2026-12-08T08:00:00Z/2026-12-08T08:30:00Z'], null],
    ['Berlin + New York', [ana, maya], undefined, ['2026-12-07T14:00:00Z/2026-12-07T16:30:00Z'], null],
    // At least two of three: the 2.5 h Berlin-New York windows beat the 30-minute Berlin-Tokyo ones.
    ['any two of three', [ana, kenji, maya], 2, ['2026-12-07T14:00:00Z/2026-12-07T16:30:00Z', '2026-12-08T14:00:00Z/2026-12-08T16:30:00Z'], null],
    // All three never overlap: the nearest partial window and who is missing.
    ['all three: none, nearest partial', [ana, kenji, maya], undefined, [], '2026-12-07T08:00:00Z/2026-12-07T08:30:00Z missing Maya'],
    // Kathmandu (+5:45) with Berlin: 09:00 in Kathmandu is 03:15Z, 17:30 is 11:45Z → 08:00-11:45Z, on the 15-minute grain.
    ['+5:45 on the grain', [ana, person('Sita', 'Asia/Kathmandu')], undefined, ['2026-12-07T08:00:00Z/2026-12-07T11:45:00Z'], null],
    // A sun-thu teammate and a mon-fri one meet Monday to Thursday only: four windows in the week.
    ['sun-thu with mon-fri', [ana, person('Noa', 'Asia/Jerusalem', '09:00-17:00', 'sun-thu')], undefined, ['2026-12-07T08:00:00Z/2026-12-07T15:00:00Z'], null],
  ];
  it.each(cases)('%s', (_name, people, minPeople, firstWindows, partial) => {
    const plan = planOverlap({ people, now: monday, days: 7, minPeople });
    expect(plan.windows.slice(0, firstWindows.length).map((w) => `${iso(w.start)}/${iso(w.end)}`)).toEqual(firstWindows);
    expect(plan.partial ? `${iso(plan.partial.start)}/${iso(plan.partial.end)} missing ${plan.partial.missing.join(',')}` : null).toBe(partial);
  });

  it('a partial window keeps the same people throughout, even when shifts touch', () => {
    // Tokyo 09:00-17:00 ends (08:00Z) exactly when Berlin 09:00-17:00 begins: no overlap, and the partial window is
    // Kenji's shift alone, not both shifts run together.
    const plan = planOverlap({ people: [person('Ana', 'Europe/Berlin', '09:00-17:00'), person('Kenji', 'Asia/Tokyo', '09:00-17:00')], now: monday, days: 7 });
    expect(plan.windows).toEqual([]);
    expect(plan.partial).toMatchObject({ start: Date.parse('2026-12-07T00:00:00Z'), end: Date.parse('2026-12-07T08:00:00Z'), people: ['Kenji'], missing: ['Ana'] });
  });

  it('counts windows, orders longest then soonest, and says them in every zone', () => {
    const plan = planOverlap({ people: [ana, kenji], now: monday, days: 7 });
    expect(plan.windows).toHaveLength(5);
    expect(plan.windows.every((w) => w.minutes === 30 && w.missing.length === 0)).toBe(true);
    const sunThu = planOverlap({ people: [ana, person('Noa', 'Asia/Jerusalem', '09:00-17:00', 'sun-thu')], now: monday, days: 7 });
    expect(sunThu.windows).toHaveLength(4);
    const described = describeWindow(plan.windows[0], 'America/New_York', [ana, kenji]);
    expect(described.start).toBe('2026-12-07T03:00:00-05:00');
    expect(described.local.map((l) => l.start)).toEqual(['2026-12-07T09:00:00+01:00', '2026-12-07T17:00:00+09:00']);
  });

  it('starts at now, rounded up to the grain, a window in progress is cut there, and so is one past the horizon', () => {
    const plan = planOverlap({ people: [ana, maya], now: Date.parse('2026-12-07T15:07:00Z'), days: 1 });
    // Today's is cut at 15:15; tomorrow's at the end of the one-day horizon (15:07 → 15:00).
    expect(plan.windows.map((w) => `${iso(w.start)}/${w.minutes}`)).toEqual(['2026-12-07T15:15:00Z/75', '2026-12-08T14:00:00Z/60']);
  });
});
