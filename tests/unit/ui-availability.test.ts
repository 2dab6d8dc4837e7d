import { describe, expect, it } from 'vitest';
import { availability } from '../../renderer/src/norms/availability';

describe('a teammate’s availability in the strip', () => {
  const kenji = { name: 'Kenji', timezone: 'Asia/Tokyo', workingHours: '09:00-17:30', workdays: 'mon-fri' };
  it.each([
    // Saturday noon in Tokyo: off all day, back Monday 09:00 (Monday 01:00 in Berlin).
    ['2026-12-05T03:00:00Z', { working: false, dayOff: true, back: 'back Mon 09:00 (your Mon 01:00)' }],
    // Monday 10:00 in Tokyo: working.
    ['2026-12-07T01:00:00Z', { working: true, dayOff: false, back: null }],
    // Monday 20:00 in Tokyo: off hours on a workday, back Tuesday.
    ['2026-12-07T11:00:00Z', { working: false, dayOff: false, back: 'back Tue 09:00 (your Tue 01:00)' }],
  ])('at %s', (at, expected) => {
    expect(availability(kenji, 'Europe/Berlin', new Date(at))).toEqual(expected);
  });

  it('says nothing it cannot know', () => {
    expect(availability({ ...kenji, workingHours: null }, 'Europe/Berlin', new Date())).toBeNull();
    // A sun-thu teammate on a Friday.
    expect(availability({ ...kenji, timezone: 'Asia/Jerusalem', workdays: 'sun-thu' }, 'Europe/Berlin', new Date('2026-12-04T10:00:00Z'))).toMatchObject({ dayOff: true, back: 'back Sun 09:00 (your Sun 08:00)' });
  });
});
