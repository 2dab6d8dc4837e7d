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
const EXPLICIT_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

function explicitInstantMs(iso: string): number | null {
  const match = EXPLICIT_INSTANT.exec(iso);
  if (!match) return null;
  const [year, month, day] = match.slice(1, 4).map(Number);
  // Date.parse rolls 30 February over into March; fromISO refuses it, and so does this.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
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
const spanOffsets = new Map<string, number | null>();
const SPANS_KEPT = 100_000;

function spanOffset(ms: number, zone: string): number | null {
  const span = Math.floor(ms / SPAN_MS);
  const key = `${zone}|${span}`;
  let offset = spanOffsets.get(key);
  if (offset === undefined) {
    const start = DateTime.fromMillis(span * SPAN_MS, { zone }).offset;
    const end = DateTime.fromMillis(span * SPAN_MS + SPAN_MS - 1, { zone }).offset;
    offset = start === end && Number.isFinite(start) ? start : null;
    // Bounded: a long-running app sees spans without end; dropping them all now and then costs one lookup each.
    if (spanOffsets.size >= SPANS_KEPT) spanOffsets.clear();
    spanOffsets.set(key, offset);
  }
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local date and ISO time (luxon's toISO with suppressMilliseconds) for an instant at a known offset. */
function formatAt(ms: number, offset: number, zone: string): { date: string; time: string } | null {
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  const date = `${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const millis = local.getUTCMilliseconds();
  const clock = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${millis ? `.${String(millis).padStart(3, '0')}` : ''}`;
  // luxon writes Z only for its universal zone; a named zone at offset 0 (Europe/London in winter) is +00:00.
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const suffix = offset === 0 && zone === 'UTC' ? 'Z' : `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
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
