// A person's working calendar (DESIGN.md "Response-time norms"): IANA zone, daily hours, workdays. Working time is
// the union of shifts; a shift belongs to the local date it starts on (22:00-06:00 on a Friday runs into Saturday),
// and its ends are wall-clock times placed in the zone by luxon, so a DST night moves the UTC instants of a 09:00-17:00
// day and a night shift across a DST change is an hour shorter or longer, as it is for the person working it.
import { DateTime } from 'luxon';
import { formatAt, isValidTimezone, parseWorkingHours } from '../inbox/zones';
import { DEFAULT_WORKDAYS, parseWorkdays, type Weekday } from './workdays';

export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Far enough to cross any run of days off a person can name (at least one workday a week is required). */
const MAX_DAYS_SCANNED = 400;

export interface CalendarSpec {
  timezone: string;
  workingHours: string;
  /** e.g. mon-fri, sun-thu, mon,tue,thu; default mon-fri. */
  workdays?: string | null;
}

export interface Shift {
  /** UTC epoch milliseconds. */
  start: number;
  end: number;
  /** The local date the shift starts on, and its day number (days since 1970-01-01). */
  date: string;
  day: number;
}

export interface WorkingCalendar {
  readonly timezone: string;
  readonly startMin: number;
  readonly endMin: number;
  readonly workdays: readonly Weekday[];
  /** Shift per UTC-epoch-numbered local date (null: day off); filled as asked, so repeated questions cost no luxon call. */
  readonly shifts: Map<number, Shift | null>;
  /** UTC offset in minutes per UTC hour, where luxon found the same offset at both ends of that hour. */
  readonly offsets: Map<number, number>;
  /**
   * Working time of all shifts on the days before day n, relative to the first day asked about (so it may be negative),
   * for days lo..hi: working time between two instants is then a difference, however many weeks lie between them.
   */
  readonly sums: { lo: number; hi: number; before: Map<number, number> };
}

export function createCalendar(spec: CalendarSpec): WorkingCalendar {
  if (!isValidTimezone(spec.timezone)) throw new RangeError(`Unknown time zone "${spec.timezone}"`);
  const hours = parseWorkingHours(spec.workingHours);
  if (!hours) throw new RangeError(`Working hours must look like 09:00-17:30, got "${spec.workingHours}"`);
  const workdays = parseWorkdays(spec.workdays ?? DEFAULT_WORKDAYS);
  if (!workdays) throw new RangeError(`Workdays must look like mon-fri, sun-thu or mon,tue,thu, got "${spec.workdays}"`);
  return { timezone: spec.timezone, startMin: hours.startMin, endMin: hours.endMin, workdays, shifts: new Map(), offsets: new Map(), sums: { lo: Number.NaN, hi: Number.NaN, before: new Map() } };
}

/**
 * Calendars by what defines them, so the shifts, offsets and sums one inbox read worked out serve the next (the app
 * keeps one cache per service). Bounded: past `limit` distinct calendars it starts over.
 */
export function createCalendarCache(limit = 1000) {
  const made = new Map<string, WorkingCalendar>();
  return (spec: CalendarSpec): WorkingCalendar => {
    const key = `${spec.timezone}|${spec.workingHours}|${spec.workdays ?? DEFAULT_WORKDAYS}`;
    let cal = made.get(key);
    if (!cal) {
      cal = createCalendar(spec);
      if (made.size >= limit) made.clear();
      made.set(key, cal);
    }
    return cal;
  };
}
export type CalendarCache = ReturnType<typeof createCalendarCache>;

/** Day number n (days since 1970-01-01) → weekday, 1 = Monday. 1970-01-01 was a Thursday. */
function weekdayOf(n: number): Weekday {
  return ((((n + 3) % 7) + 7) % 7) + 1 as Weekday;
}

function wallClock(n: number, minutes: number, zone: string): number {
  const d = new Date((n + Math.floor(minutes / 1440)) * DAY_MS);
  const rest = minutes % 1440;
  return DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: Math.floor(rest / 60), minute: rest % 60 },
    { zone },
  ).toMillis();
}

/** The shift that starts on local date number `n`, or null on a day off. */
export function shiftOn(cal: WorkingCalendar, n: number): Shift | null {
  const known = cal.shifts.get(n);
  if (known !== undefined) return known;
  let shift: Shift | null = null;
  if (cal.workdays.includes(weekdayOf(n))) {
    const start = wallClock(n, cal.startMin, cal.timezone);
    const end = wallClock(n, cal.endMin > cal.startMin ? cal.endMin : cal.endMin + 1440, cal.timezone);
    if (end > start) shift = { start, end, date: new Date(n * DAY_MS).toISOString().slice(0, 10), day: n };
  }
  cal.shifts.set(n, shift);
  return shift;
}

/** Shifts that end after `t`, in order. A local date starts at most 14 h before its UTC date and a shift lasts < 26 h. */
export function* shiftsAfter(cal: WorkingCalendar, t: number): Generator<Shift> {
  const first = Math.floor(t / DAY_MS) - 2;
  for (let n = first; n < first + MAX_DAYS_SCANNED; n++) {
    const shift = shiftOn(cal, n);
    if (shift && shift.end > t) yield shift;
  }
}

/** Shifts that start before `t`, latest first. */
export function* shiftsBefore(cal: WorkingCalendar, t: number): Generator<Shift> {
  const first = Math.floor(t / DAY_MS) + 1;
  for (let n = first; n > first - MAX_DAYS_SCANNED; n--) {
    const shift = shiftOn(cal, n);
    if (shift && shift.start < t) yield shift;
  }
}

export function isWorkingAt(cal: WorkingCalendar, t: number): boolean {
  for (const shift of shiftsAfter(cal, t)) return shift.start <= t;
  return false;
}

/** `t` itself when the person is working then, else the start of their next shift. */
export function nextWorkingMoment(cal: WorkingCalendar, t: number): number {
  for (const shift of shiftsAfter(cal, t)) return Math.max(t, shift.start);
  throw new RangeError('no working time ahead');
}

/** The shift in progress at `t`, else the next one. */
export function currentOrNextShift(cal: WorkingCalendar, t: number): Shift {
  for (const shift of shiftsAfter(cal, t)) return shift;
  throw new RangeError('no working time ahead');
}

/** The instant when `ms` of working time counted from `t` has passed (0 → the next working moment). */
export function addWorkingMs(cal: WorkingCalendar, t: number, ms: number): number {
  let left = ms;
  for (const shift of shiftsAfter(cal, t)) {
    const from = Math.max(t, shift.start);
    const available = shift.end - from;
    if (left <= available) return from + left;
    left -= available;
  }
  throw new RangeError('no working time ahead');
}

const shiftMs = (cal: WorkingCalendar, n: number) => {
  const shift = shiftOn(cal, n);
  return shift ? shift.end - shift.start : 0;
};

/** Working time of the shifts on days before day `n`, relative to the first day ever asked (see WorkingCalendar.sums). */
function workBeforeDay(cal: WorkingCalendar, n: number): number {
  const sums = cal.sums;
  if (Number.isNaN(sums.lo)) {
    sums.lo = sums.hi = n;
    sums.before.set(n, 0);
  }
  for (; sums.hi < n; sums.hi++) sums.before.set(sums.hi + 1, (sums.before.get(sums.hi) as number) + shiftMs(cal, sums.hi));
  for (; sums.lo > n; sums.lo--) sums.before.set(sums.lo - 1, (sums.before.get(sums.lo) as number) - shiftMs(cal, sums.lo - 1));
  return sums.before.get(n) as number;
}

/** Working time up to `t` on the calendar's own scale: every shift before the one in progress (or next), and its part. */
function workUpTo(cal: WorkingCalendar, t: number): number {
  for (const shift of shiftsAfter(cal, t)) return workBeforeDay(cal, shift.day) + Math.max(0, t - shift.start);
  throw new RangeError('no working time ahead');
}

/** Working time from `a` to `b`; negative when `b` is before `a`. */
export function workingMsBetween(cal: WorkingCalendar, a: number, b: number): number {
  return workUpTo(cal, b) - workUpTo(cal, a);
}

/** The length of a nominal working day (what "overdue by a working day" means for this person). */
export function workdayMs(cal: WorkingCalendar): number {
  return ((cal.endMin - cal.startMin + 1440) % 1440 || 1440) * 60_000;
}

/** Day number of a YYYY-MM-DD date. */
export function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Whether local date `date` is one of the person's workdays. */
export function isWorkday(cal: WorkingCalendar, date: string): boolean {
  return cal.workdays.includes(weekdayOf(dayNumberOf(date)));
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;
/**
 * `t` as ISO 8601 local time with its offset in the calendar's zone (what luxon's toISO gives, without milliseconds).
 * The offset comes from luxon, asked once per UTC hour: zones change offset at most once an hour, so when both ends of
 * the hour agree, every instant inside it has that offset; when they differ, luxon is asked for `t` itself. The text
 * is then laid out from the shifted instant, which is five times cheaper than building and formatting a DateTime.
 */
export function localIso(cal: WorkingCalendar, t: number): string {
  const hour = Math.floor(t / HOUR_MS);
  let offset = cal.offsets.get(hour);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR_MS, cal.timezone);
    if (first === offsetAt((hour + 1) * HOUR_MS - 1, cal.timezone)) {
      cal.offsets.set(hour, first);
      offset = first;
    } else offset = offsetAt(t, cal.timezone);
  }
  // Laid out as luxon's toISO({ suppressMilliseconds: true }) would (the inbox's zone placements do the same).
  return formatAt(t, offset, cal.timezone)?.time ?? (DateTime.fromMillis(t, { zone: cal.timezone }).toISO({ suppressMilliseconds: true }) as string);
}
