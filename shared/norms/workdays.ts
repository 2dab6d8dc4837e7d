// Workdays as people write them: `mon-fri`, `sun-thu` (a range may wrap past Sunday), `mon,tue,thu`, or a mix
// (`mon-wed,fri`). Weekdays are numbered like luxon's: 1 = Monday … 7 = Sunday.
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const DEFAULT_WORKDAYS = 'mon-fri';
const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function dayNumber(name: string): Weekday | null {
  const index = NAMES.indexOf(name.slice(0, 3) as (typeof NAMES)[number]);
  // Full names are accepted too ("monday"), but only when they really are the day's name.
  if (index < 0 || !['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][index].startsWith(name)) return null;
  return (index + 1) as Weekday;
}

/** The set of weekdays `text` names, in Monday-first order; null when it names none or has a word that is not a day. */
export function parseWorkdays(text: string): Weekday[] | null {
  if (typeof text !== 'string') return null;
  const parts = text.trim().toLowerCase().split(/\s*,\s*/);
  const days = new Set<Weekday>();
  for (const part of parts) {
    if (part === '') return null;
    const range = /^([a-z]+)\s*-\s*([a-z]+)$/.exec(part);
    if (range) {
      const from = dayNumber(range[1]);
      const to = dayNumber(range[2]);
      if (from === null || to === null) return null;
      // sun-thu wraps: Sunday, then Monday to Thursday.
      for (let d = from, steps = 0; steps < 7; d = ((d % 7) + 1) as Weekday, steps++) {
        days.add(d);
        if (d === to) break;
      }
    } else {
      const day = dayNumber(part);
      if (day === null) return null;
      days.add(day);
    }
  }
  return days.size ? [...days].sort((a, b) => a - b) : null;
}

/** The canonical text of a set of weekdays: runs of three or more as ranges (wrapping past Sunday), others listed. */
export function formatWorkdays(days: readonly Weekday[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'mon-sun';
  // Start a run after a day off, so a run wrapping past Sunday (sun-thu) stays one range.
  let first = 1;
  while (set.has(first as Weekday) && first <= 7) first++;
  const order = Array.from({ length: 7 }, (_, i) => ((((first - 1 + i) % 7) + 1) as Weekday));
  const runs: Weekday[][] = [];
  for (const day of order) {
    if (!set.has(day)) continue;
    const last = runs.at(-1);
    if (last && (last.at(-1)! % 7) + 1 === day) last.push(day);
    else runs.push([day]);
  }
  // Monday first, except a run that wraps from Sunday (sun-thu) leads, as people say it.
  const key = (run: Weekday[]) => (run[0] === 7 && run.length > 1 ? 0 : run[0]);
  return runs
    .sort((a, b) => key(a) - key(b))
    .map((run) => (run.length >= 3 ? `${NAMES[run[0] - 1]}-${NAMES[run.at(-1)! - 1]}` : run.map((d) => NAMES[d - 1]).join(',')))
    .join(',');
}

export function weekdayName(day: Weekday): string {
  return NAMES[day - 1];
}
