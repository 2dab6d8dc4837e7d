// Time zone arithmetic for the inbox, all through luxon (the IANA database via Intl): no offset is ever computed by
// hand, so DST changes, 30/45-minute zones and ±12..14 zones come out right. Pure and browser-safe.
import { DateTime, IANAZone } from 'luxon';

export function isValidTimezone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}

function instant(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  if (!dt.isValid) throw new RangeError(`Cannot place ${iso} in ${zone}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return dt;
}

/** The calendar date (YYYY-MM-DD) in `zone` at the instant `iso`. */
export function localDate(iso: string, zone: string): string {
  return instant(iso, zone).toISODate() as string;
}

/** ISO 8601 local time with the UTC offset in force at that instant, e.g. 2026-03-29T03:30:00+02:00. */
export function localTime(iso: string, zone: string): string {
  return instant(iso, zone).toISO({ suppressMilliseconds: true }) as string;
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
