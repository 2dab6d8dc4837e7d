// Norms the human way: "reply by Tue 10:30 (in 3 working hours)", "back Mon 09:00 (your Mon 02:00)",
// "talk live: Tue 16:00–16:45 your time". English labels, times in the zone named.
import { DateTime } from 'luxon';
import { HOUR_MS, isWorkingAt, nextWorkingMoment, type WorkingCalendar } from './calendar';

export function dayAndTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone, locale: 'en-US' }).toFormat('ccc HH:mm');
}

export function time(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone, locale: 'en-US' }).toFormat('HH:mm');
}

/** "3 working hours", "1 working hour", "2.5 working hours", "45 working minutes" (absolute value). */
export function workingDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) {
    const minutes = Math.round(abs / 60_000);
    return `${minutes} working minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.round((abs / HOUR_MS) * 10) / 10;
  return `${hours} working hour${hours === 1 ? '' : 's'}`;
}

/**
 * "reply by Tue 10:30 (in 3 working hours)" or, once past, "reply by Tue 10:30 (2 working hours ago)"; a deadline that
 * passed while I was off (no working time since) reads "(passed)".
 */
export function replyByText(replyBy: number, workingMsLeft: number, viewerZone: string, overdue = workingMsLeft < 0): string {
  const when =
    overdue && Math.abs(workingMsLeft) < 60_000
      ? 'passed'
      : workingMsLeft >= 0 && !overdue
        ? `in ${workingDuration(workingMsLeft)}`
        : `${workingDuration(workingMsLeft)} ago`;
  return `reply by ${dayAndTime(replyBy, viewerZone)} (${when})`;
}

/** Null while the person is working at `now`; else "back Mon 09:00 (your Mon 02:00)". */
export function backText(cal: WorkingCalendar, now: number, viewerZone: string): string | null {
  if (isWorkingAt(cal, now)) return null;
  const back = nextWorkingMoment(cal, now);
  return `back ${dayAndTime(back, cal.timezone)} (your ${dayAndTime(back, viewerZone)})`;
}

/** "talk live: Tue 16:00–16:45 your time". */
export function talkLiveText(window: { start: number; end: number }, viewerZone: string): string {
  return `talk live: ${dayAndTime(window.start, viewerZone)}–${time(window.end, viewerZone)} your time`;
}
