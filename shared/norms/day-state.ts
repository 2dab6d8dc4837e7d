// A workday header's state per zone, with days off: `weekend` when nobody of the team in that zone works that date.
import { dayStateIn, type DayState } from '../inbox/zones';
import { isWorkday, type WorkingCalendar } from './calendar';

export type ZoneDayState = DayState | 'weekend';

/**
 * The state of workday `date` in `zone` at `nowIso`: `weekend` when the people there (their calendars) all have that
 * date off; with no calendar known for the zone, the plain over / in-progress / not-started.
 */
export function zoneDayState(date: string, zone: string, nowIso: string, calendars: readonly WorkingCalendar[]): ZoneDayState {
  const here = calendars.filter((cal) => cal.timezone === zone);
  if (here.length && here.every((cal) => !isWorkday(cal, date))) return 'weekend';
  return dayStateIn(date, zone, nowIso);
}
