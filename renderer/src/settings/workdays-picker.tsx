// The days I work, as seven checkboxes (Monday first); the value is the workdays text the profile stores
// (`mon-fri`, `sun-thu`, `mon,tue,thu`), so it round-trips with the CLI's --workdays and Settings.
import { useId } from 'react';
import { formatWorkdays, parseWorkdays, type Weekday } from '../../../shared/norms/workdays';

const DAYS: { day: Weekday; label: string }[] = [
  { day: 1, label: 'Mon' },
  { day: 2, label: 'Tue' },
  { day: 3, label: 'Wed' },
  { day: 4, label: 'Thu' },
  { day: 5, label: 'Fri' },
  { day: 6, label: 'Sat' },
  { day: 7, label: 'Sun' },
];

export function WorkdaysPicker({ value, onChange }: { value: string; onChange(value: string): void }) {
  const id = useId();
  const chosen = new Set(parseWorkdays(value) ?? []);
  function toggle(day: Weekday, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(day);
    else next.delete(day);
    // No day at all is not a calendar; the text stays empty and the form says so.
    onChange(next.size ? formatWorkdays([...next]) : '');
  }
  return (
    <fieldset className="field workdays-picker" aria-describedby={`${id}-hint`}>
      <legend>Your workdays</legend>
      {DAYS.map(({ day, label }) => (
        <label key={day} className="check">
          <input type="checkbox" checked={chosen.has(day)} onChange={(e) => toggle(day, e.target.checked)} /> {label}
        </label>
      ))}
      <p className="hint" id={`${id}-hint`}>
        Replies asked of you are expected in your working hours on these days; teammates see when you are off.
      </p>
    </fieldset>
  );
}
