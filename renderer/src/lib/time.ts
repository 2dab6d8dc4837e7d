// Time formatting and zone arithmetic for the UI. Wall-clock conversions go through luxon (the IANA database), never
// hand-made offsets; plain formatting uses cached Intl formatters because the inbox formats thousands of rows.
import { DateTime, Interval } from 'luxon';
import { dayStateIn as dayStateAt, isValidTimezone as isIanaZone, type DayState } from '../../../shared/inbox/zones';

export type { DayState };

export function detectTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isValidTimezone(tz: string): boolean {
  return isIanaZone(tz.trim());
}

export function allTimezones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/**
 * 12- or 24-hour clock, as the reader's locale writes times (en-GB 17:00, en-US 5:00 PM): the one rule every time in
 * the app follows, the time inputs included (the browser renders those by the same locale).
 */
export function uses12Hour(locale?: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h12' || cycle === 'h11';
}

/** "09:40" / "9:40 AM" in the given zone. */
export function formatClock(at: string | Date, tz: string, locale?: string): string {
  const f = formatter(`clock|${tz}|${locale ?? ''}`, () =>
    new Intl.DateTimeFormat(locale, { timeZone: tz, hour: uses12Hour(locale) ? 'numeric' : '2-digit', minute: '2-digit' }),
  );
  return f.format(typeof at === 'string' ? new Date(at) : at);
}

/** A wall-clock "HH:MM" (working hours, overlap windows) written as the locale writes times. */
export function formatHourMinute(hhmm: string, locale?: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return hhmm;
  return formatClock(new Date(Date.UTC(2000, 0, 1, Number(match[1]) % 24, Number(match[2]))), 'UTC', locale);
}

/** "Thu 26 Nov, 17:00" in the given zone. */
export function formatDateTime(at: string | Date, tz: string, locale?: string): string {
  const f = formatter(`datetime|${tz}|${locale ?? ''}`, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: uses12Hour(locale) ? 'numeric' : '2-digit',
      minute: '2-digit',
    }),
  );
  return f.format(typeof at === 'string' ? new Date(at) : at);
}

/** "in 12 h", "3 min ago", "in 2 d": how far `at` is from `now`, coarse on purpose (the absolute time sits beside it). */
export function formatRelative(at: string | Date, now: Date): string {
  const ms = (typeof at === 'string' ? Date.parse(at) : at.getTime()) - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'now';
  const amount = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} d`;
  return ms > 0 ? `in ${amount}` : `${amount} ago`;
}

/** "morning", "afternoon", "evening" or "night" at `at` in `tz`. */
export function partOfDay(at: string | Date, tz: string): 'morning' | 'afternoon' | 'evening' | 'night' {
  const hour = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at).setZone(tz).hour;
  return hour >= 5 && hour < 12 ? 'morning' : hour >= 12 && hour < 17 ? 'afternoon' : hour >= 17 && hour < 22 ? 'evening' : 'night';
}

/** "in 12 h, your night": a deadline or send time as the viewer feels it. */
export function formatForViewer(at: string | Date, now: Date, tz: string): string {
  return `${formatRelative(at, now)}, your ${partOfDay(at, tz)}`;
}

/** "Wednesday 25 November 2026" for a YYYY-MM-DD workday (a date, not an instant: no zone applies). */
export function formatWorkday(date: string): string {
  const f = formatter('workday', () => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  return f.format(new Date(`${date}T12:00:00Z`));
}

/** Whether the workday `date` is over, in progress or not started yet in `tz` at `now` (the inbox's own rule). */
export function dayStateIn(date: string, tz: string, now: Date): DayState {
  return dayStateAt(date, tz, now.toISOString());
}

/** "4:05", "1:02:03"; null when unknown. */
export function formatDuration(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Shows a local time the core sent: its wall-clock "HH:MM" from an ISO string with offset, or the text as is. */
export function displayLocalTime(value: string, locale?: string): string {
  const match = /T(\d{2}:\d{2})/.exec(value);
  return match ? formatHourMinute(match[1], locale) : value;
}

export interface WorkingHours {
  startMin: number;
  endMin: number;
}

export function parseWorkingHours(value: string | null | undefined): WorkingHours | null {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const [sh, sm, eh, em] = match.slice(1).map(Number);
  if (sh > 23 || eh > 24 || sm > 59 || em > 59) return null;
  return { startMin: sh * 60 + sm, endMin: eh * 60 + em };
}

export function formatWorkingHours(hours: WorkingHours): string {
  const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  return `${hhmm(hours.startMin)}-${hhmm(hours.endMin)}`;
}

/** Working hours on one local date as an interval (overnight shifts end the next day). */
function shiftOn(date: DateTime, hours: WorkingHours): Interval {
  const start = date.startOf('day').plus({ minutes: hours.startMin });
  const endDay = hours.endMin <= hours.startMin ? date.startOf('day').plus({ days: 1 }) : date.startOf('day');
  return Interval.fromDateTimes(start, endDay.plus({ minutes: hours.endMin }));
}

export interface TeammateStatus {
  localTime: string;
  inHours: boolean | null;
  /** Today's overlap with my working hours, in my time; null when either side's hours are unknown or none. */
  overlap: { start: string; end: string; minutes: number } | null;
}

export function teammateStatus(
  person: { timezone: string; workingHours: string | null },
  me: { timezone: string; workingHours: string | null },
  now: Date,
): TeammateStatus {
  const theirNow = DateTime.fromJSDate(now).setZone(person.timezone);
  const theirHours = parseWorkingHours(person.workingHours);
  const myHours = parseWorkingHours(me.workingHours);
  const localTime = formatClock(now, person.timezone);
  const inHours = theirHours
    ? [-1, 0].some((d) => shiftOn(theirNow.plus({ days: d }), theirHours).contains(theirNow))
    : null;
  if (!theirHours || !myHours) return { localTime, inHours, overlap: null };
  const myNow = DateTime.fromJSDate(now).setZone(me.timezone);
  const mine = shiftOn(myNow, myHours);
  // Their shifts on the days around mine (zones can be up to 26 h apart) that cut into my shift today.
  const pieces = [-2, -1, 0, 1, 2]
    .map((d) => shiftOn(mine.start!.setZone(person.timezone).plus({ days: d }), theirHours).intersection(mine))
    .filter((piece): piece is Interval => piece !== null && piece.isValid && piece.length('minutes') > 0);
  if (pieces.length === 0) return { localTime, inHours, overlap: null };
  const start = DateTime.min(...pieces.map((p) => p.start!))!.setZone(me.timezone);
  const end = DateTime.max(...pieces.map((p) => p.end!))!.setZone(me.timezone);
  const minutes = Math.round(pieces.reduce((sum, p) => sum + p.length('minutes'), 0));
  return { localTime, inHours, overlap: { start: formatClock(start.toJSDate(), me.timezone), end: formatClock(end.toJSDate(), me.timezone), minutes } };
}

/** A `<input type="datetime-local">` value read in `tz` → UTC ISO; null when empty or impossible (a DST gap). */
export function localInputToUtc(value: string, tz: string): string | null {
  if (!value) return null;
  const dt = DateTime.fromISO(value, { zone: tz });
  if (!dt.isValid) return null;
  // luxon moves a time inside a spring-forward gap; refuse it rather than silently pick another time.
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== value.slice(0, 16)) return null;
  return dt.toUTC().toISO();
}

/** UTC ISO → the `<input type="datetime-local">` value for that instant in `tz`. */
export function utcToLocalInput(iso: string, tz: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(tz).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A typed wall-clock time → "HH:MM": "8:30", "08:30", "17.30", "5:30 pm", "5 PM"; null when it is not one. */
export function parseHourMinute(text: string): string | null {
  const match = /^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])?\.?\s*m?\.?\s*$/i.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
