// The overlap planner: the windows in the next N days when all (or at least K) of the named people are within their
// working hours on their workdays, on a 15-minute grain. Every zone offset in use is a multiple of 15 minutes, so the
// grid, aligned on UTC quarter hours, falls on quarter hours in every zone.
import { localTime } from '../inbox/zones';
import { shiftsAfter, type WorkingCalendar } from './calendar';

export const GRAIN_MS = 15 * 60_000;

export interface OverlapPerson {
  name: string;
  calendar: WorkingCalendar;
}

export interface OverlapWindow {
  /** UTC ms, on the grain. */
  start: number;
  end: number;
  minutes: number;
  /** Working for the whole window. */
  people: string[];
  /** Not working for all of it. */
  missing: string[];
}

export interface OverlapPlan {
  /** Windows meeting the requirement, best first: longest, then soonest. */
  windows: OverlapWindow[];
  /** When there is none: the soonest window with the most people that can be had, and who is missing. */
  partial: OverlapWindow | null;
  required: number;
}

export function planOverlap(input: { people: OverlapPerson[]; now: number; days: number; minPeople?: number }): OverlapPlan {
  const { people } = input;
  const required = Math.min(Math.max(1, input.minPeople ?? people.length), people.length);
  if (people.length === 0) return { windows: [], partial: null, required: 0 };
  const from = Math.ceil(input.now / GRAIN_MS) * GRAIN_MS;
  const to = input.now + input.days * 86_400_000;
  const slots = Math.max(0, Math.floor((to - from) / GRAIN_MS));
  // present[p][i]: person p works the whole of slot i.
  const present = people.map((person) => {
    const marks = new Uint8Array(slots);
    for (const shift of shiftsAfter(person.calendar, from)) {
      if (shift.start >= to) break;
      const first = Math.max(0, Math.ceil((shift.start - from) / GRAIN_MS));
      const last = Math.min(slots, Math.floor((shift.end - from) / GRAIN_MS));
      for (let i = first; i < last; i++) marks[i] = 1;
    }
    return marks;
  });
  const counts = new Uint16Array(slots);
  for (const marks of present) for (let i = 0; i < slots; i++) counts[i] += marks[i];

  // Who works slot i, as text (for a partial window, whose people must stay the same throughout to say who is missing).
  const who = (i: number) => present.map((marks) => marks[i]).join('');
  const runs = (need: number, sameSet: boolean): OverlapWindow[] => {
    const found: OverlapWindow[] = [];
    for (let i = 0; i < slots; ) {
      if (counts[i] < need) {
        i++;
        continue;
      }
      let j = i;
      const set = sameSet ? who(i) : '';
      while (j < slots && counts[j] >= need && (!sameSet || who(j) === set)) j++;
      const inside = people.filter((_, p) => present[p].subarray(i, j).every((mark) => mark === 1)).map((person) => person.name);
      const start = from + i * GRAIN_MS;
      const end = from + j * GRAIN_MS;
      found.push({ start, end, minutes: (end - start) / 60_000, people: inside, missing: people.map((p) => p.name).filter((n) => !inside.includes(n)) });
      i = j;
    }
    return found;
  };

  const windows = runs(required, false).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  if (windows.length) return { windows, partial: null, required };
  const most = counts.reduce((max, count) => Math.max(max, count), 0);
  const partial = most > 0 ? (runs(most, true)[0] ?? null) : null;
  return { windows, partial, required };
}

/** A window in my time and in every person's local time (ISO 8601 with offsets). */
export function describeWindow(window: OverlapWindow, viewerZone: string, people: OverlapPerson[]) {
  const startIso = new Date(window.start).toISOString();
  const endIso = new Date(window.end).toISOString();
  return {
    start: localTime(startIso, viewerZone),
    end: localTime(endIso, viewerZone),
    minutes: window.minutes,
    people: window.people,
    missing: window.missing,
    local: people.map((person) => ({
      name: person.name,
      timezone: person.calendar.timezone,
      start: localTime(startIso, person.calendar.timezone),
      end: localTime(endIso, person.calendar.timezone),
    })),
  };
}
