import { useId } from 'react';

/** Working hours as two time fields; the value is the settings format "HH:MM-HH:MM". */
export function WorkingHoursInput({ value, onChange }: { value: string; onChange: (hours: string) => void }) {
  const id = useId();
  const [start = '09:00', end = '17:00'] = value.split('-');
  return (
    <fieldset className="field hours">
      <legend>Working hours</legend>
      <label htmlFor={`${id}-start`}>Start</label>
      <input id={`${id}-start`} type="time" value={start} onChange={(e) => onChange(`${e.target.value}-${end}`)} required />
      <label htmlFor={`${id}-end`}>End</label>
      <input id={`${id}-end`} type="time" value={end} onChange={(e) => onChange(`${start}-${e.target.value}`)} required />
    </fieldset>
  );
}
