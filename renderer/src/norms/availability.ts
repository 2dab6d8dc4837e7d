// Whether a teammate is at work now by their whole calendar (hours and workdays), and when they are back if not.
import { localDate } from '../../../shared/inbox/zones';
import { createCalendar, isWorkday, isWorkingAt } from '../../../shared/norms/calendar';
import { backText } from '../../../shared/norms/format';
import type { Teammate } from '../lib/inbox-model';

/** Null when their hours are unknown or their calendar cannot be read (then the caller shows what it knows). */
export function availability(person: Teammate, myTimezone: string, now: Date): { working: boolean; dayOff: boolean; back: string | null } | null {
  if (!person.workingHours) return null;
  let calendar;
  try {
    calendar = createCalendar({ timezone: person.timezone, workingHours: person.workingHours, workdays: person.workdays });
  } catch {
    // A teammate's file is validated when synced; an older row without usable hours simply shows less.
    return null;
  }
  const at = now.getTime();
  const working = isWorkingAt(calendar, at);
  // Off for the whole of their today (a weekend, a day they do not work): no overlap to offer today.
  const dayOff = !working && !isWorkday(calendar, localDate(now.toISOString(), person.timezone));
  return { working, dayOff, back: backText(calendar, at, myTimezone) };
}
