// The inbox's zone placements (shared/inbox/zones.ts) reuse an offset across a 6-hour span when luxon says none
// changes inside it. This checks the reused path gives exactly luxon's own answer, instant by instant, across DST
// changes both ways, 30/45-minute zones, Lord Howe's 30-minute DST, ±13/14 and −11 zones, a zone at offset 0 that is
// not UTC, UTC itself, milliseconds, and years at the edges of what the fast path formats.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDate, localDateAndTime, localTime } from '../../shared/inbox/zones';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Apia', 'Pacific/Pago_Pago', 'Europe/London', 'UTC', 'GMT', 'utc', 'Etc/UTC', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Eucla'];
// Around transitions of 2026 (EU 29 Mar / 25 Oct, US 8 Mar / 1 Nov, Lord Howe 5 Apr / 4 Oct) and ordinary days.
const CENTRES = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-07-01T12:00:00Z', '2026-12-31T23:59:59.999Z'];

function luxonWay(iso: string, zone: string) {
  const dt = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  return { date: dt.toISODate(), time: dt.toISO({ suppressMilliseconds: true }) };
}

describe('zone placement, reused offsets against luxon', () => {
  it('agrees at every 13 minutes (and a few odd milliseconds) for a day around each transition, in every zone', { timeout: 60_000 }, () => {
    let compared = 0;
    for (const centre of CENTRES) {
      const from = Date.parse(centre) - 12 * 3_600_000;
      for (let ms = from; ms <= from + 24 * 3_600_000; ms += 13 * 60_000 + (ms % 3 === 0 ? 123 : 0)) {
        const iso = new Date(ms).toISOString();
        for (const zone of ZONES) {
          expect(localDateAndTime(iso, zone), `${iso} in ${zone}`).toEqual(luxonWay(iso, zone));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5_000);
  });

  it('keeps the input forms luxon reads and the ones only it reads', () => {
    const cases = ['2026-03-29T03:30:00+02:00', '2026-03-29T01:30:00.5Z', '0999-06-01T00:00:00Z', '2026-06-01', '2026-06-01T12:00'];
    for (const iso of cases) {
      expect(localTime(iso, 'Asia/Tokyo'), iso).toBe(luxonWay(iso, 'Asia/Tokyo').time);
      expect(localDate(iso, 'America/Los_Angeles'), iso).toBe(luxonWay(iso, 'America/Los_Angeles').date);
    }
  });
});
