// Time zone arithmetic for the inbox, all through luxon (the IANA database via Intl): no offset is ever computed by
// hand, so DST changes, 30/45-minute zones and ±12..14 zones come out right. Pure and browser-safe.
import { DateTime, IANAZone } from 'luxon';

// Zones found valid. luxon builds a new Intl.DateTimeFormat for every validity check (about 0.1 ms), and the inbox
// checks the zone of every clip; a name that is valid stays valid while the app runs. Only valid names are kept, so
// the set is bounded by the IANA database however many bad names arrive.
const validZones = new Set<string>();

export function isValidTimezone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

// An ISO 8601 instant with Z or an explicit offset names one moment whatever the machine's zone, so it can be read as
// epoch milliseconds and placed in the zone in one step: a third of the time of fromISO + setZone, which first
// resolves the machine's own zone (measured on 10k clips; the output is the same). Anything else goes the general way.
const EXPLICIT_INSTANT = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The inbox places each clip's instant in two or three zones, so the same string arrives twice in a row: kept once.
let lastIso = '';
let lastMs: number | null = null;

function explicitInstantMs(iso: string): number | null {
  if (iso === lastIso) return lastMs;
  let ms: number | null = null;
  // test() and slicing, not exec(): the inbox reads thousands of these per call, and a match array each was measurable.
  if (EXPLICIT_INSTANT.test(iso)) {
    const year = Number(iso.slice(0, 4));
    const month = Number(iso.slice(5, 7));
    const day = Number(iso.slice(8, 10));
    // Date.parse rolls 30 February over into March; fromISO refuses it, and so does this.
    const days = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
    if (month >= 1 && month <= 12 && day >= 1 && day <= days) {
      const parsed = Date.parse(iso);
      ms = Number.isNaN(parsed) ? null : parsed;
    }
  }
  lastIso = iso;
  lastMs = ms;
  return ms;
}

function instant(iso: string, zone: string): DateTime {
  const ms = explicitInstantMs(iso);
  const dt = ms !== null ? DateTime.fromMillis(ms, { zone }) : DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  if (!dt.isValid) throw new RangeError(`Cannot place ${iso} in ${zone}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return dt;
}

// The inbox places every clip's instant in two or three zones; placing through luxon costs ~8 µs each, so a page of
// 600 clips spent most of its time there. A zone's offset is asked of luxon once per 6-hour span (at both ends) and
// reused for every instant inside when the two agree, i.e. no transition falls inside; spans with a transition, and
// anything unusual (an unknown zone, a year outside 1000-9999), take luxon's own path for every instant. The rules
// stay luxon's; only the repeated lookups are saved. tests/unit/zones-fast-path.test.ts compares both ways.
const SPAN_MS = 6 * 3_600_000;
// Per zone, span number → offset (null: a transition inside). Maps keyed by number: a string key per lookup was a
// third of the cost of a placement.
const spanOffsets = new Map<string, Map<number, number | null>>();
const SPANS_KEPT = 20_000;

function spanOffset(ms: number, zone: string): number | null {
  const span = Math.floor(ms / SPAN_MS);
  let spans = spanOffsets.get(zone);
  if (!spans) spanOffsets.set(zone, (spans = new Map()));
  let offset = spans.get(span);
  if (offset === undefined) {
    const start = DateTime.fromMillis(span * SPAN_MS, { zone }).offset;
    const end = DateTime.fromMillis(span * SPAN_MS + SPAN_MS - 1, { zone }).offset;
    // Whole minutes only: an old local mean time (seconds in its offset) goes through luxon itself.
    offset = start === end && Number.isInteger(start) ? start : null;
    // Bounded: a long-running app sees spans without end; dropping a zone's now and then costs one lookup each.
    if (spans.size >= SPANS_KEPT) spans.clear();
    spans.set(span, offset);
  }
  return offset;
}

const TWO = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const DAY_MS = 86_400_000;

/** Year, month, day of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

// luxon writes Z only for its universal zone, which the names "UTC" and "GMT" (any case) give; a named zone at offset 0
// (Europe/London in winter, Etc/UTC) is +00:00.
const writesZ = (zone: string) => zone.length === 3 && (zone.toLowerCase() === 'utc' || zone.toLowerCase() === 'gmt');

/**
 * Local date and ISO time (luxon's toISO with suppressMilliseconds) for an instant at an offset known to be in force in
 * `zone` then; null outside years 1000-9999 or for an offset that is not whole minutes (luxon's own path handles those).
 */
export function formatAt(ms: number, offset: number, zone: string): { date: string; time: string } | null {
  if (!Number.isInteger(offset)) return null;
  const local = ms + offset * 60_000;
  const days = Math.floor(local / DAY_MS);
  const [year, month, day] = civilFromDays(days);
  if (year < 1000 || year > 9999) return null;
  const date = `${year}-${TWO[month]}-${TWO[day]}`;
  const inDay = local - days * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const millis = inDay - seconds * 1000;
  const clock = `${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}${millis ? `.${String(millis).padStart(3, '0')}` : ''}`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const suffix = offset === 0 && writesZ(zone) ? 'Z' : `${sign}${TWO[Math.floor(abs / 60)]}:${TWO[abs % 60]}`;
  return { date, time: `${date}T${clock}${suffix}` };
}

function placed(iso: string, zone: string): { date: string; time: string } {
  const ms = explicitInstantMs(iso);
  if (ms !== null && isValidTimezone(zone)) {
    const offset = spanOffset(ms, zone);
    const fast = offset === null ? null : formatAt(ms, offset, zone);
    if (fast) return fast;
  }
  const dt = instant(iso, zone);
  return { date: dt.toISODate() as string, time: dt.toISO({ suppressMilliseconds: true }) as string };
}

/** The calendar date and the local time with its offset (localDate and localTime) from one placement of the instant. */
export function localDateAndTime(iso: string, zone: string): { date: string; time: string } {
  return placed(iso, zone);
}

/** The calendar date (YYYY-MM-DD) in `zone` at the instant `iso`. */
export function localDate(iso: string, zone: string): string {
  return placed(iso, zone).date;
}

/** ISO 8601 local time with the UTC offset in force at that instant, e.g. 2026-03-29T03:30:00+02:00. */
export function localTime(iso: string, zone: string): string {
  return placed(iso, zone).time;
}

/** Offset in minutes east of UTC in force in `zone` at `iso`. */
export function offsetMinutes(iso: string, zone: string): number {
  return instant(iso, zone).offset;
}

export type DayState = 'over' | 'in-progress' | 'not-started';

/** Whether workday `date` is over, in progress or not started yet in `zone` at instant `nowIso`. */
export function dayStateIn(date: string, zone: string, nowIso: string): DayState {
  const today = localDate(nowIso, zone);
  if (today > date) return 'over';
  if (today === date) return 'in-progress';
  return 'not-started';
}

/** Parses "09:00-17:30" into minutes; null when malformed or empty. */
export function parseWorkingHours(text: string): { startMin: number; endMin: number } | null {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number);
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) return null;
  const startMin = h1 * 60 + m1;
  const endMin = h2 * 60 + m2;
  if (startMin > 24 * 60 || endMin > 24 * 60 || startMin === endMin) return null;
  return { startMin, endMin };
}
