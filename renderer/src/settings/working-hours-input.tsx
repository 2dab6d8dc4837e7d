import { useEffect, useId, useState } from 'react';
import { formatHourMinute, parseHourMinute } from '../lib/time';

/**
 * A time typed as the app shows times (24-hour or 12-hour by the locale, like every other time on screen). The
 * browser's own time field follows the browser's language instead, so it could read 05:30 PM beside "17:30" here.
 */
function TimeField({ id, value, onChange, describedBy }: { id: string; value: string; onChange: (hhmm: string) => void; describedBy: string }) {
  const [text, setText] = useState(() => formatHourMinute(value));
  // A new value from outside (a reset, a save) replaces what is shown, unless it is what the text already says.
  useEffect(() => {
    setText((current) => (parseHourMinute(current) === value ? current : formatHourMinute(value)));
  }, [value]);
  const valid = parseHourMinute(text) !== null;
  return (
    <input
      id={id}
      className="time-field"
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={text}
      aria-invalid={!valid}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseHourMinute(e.target.value);
        if (parsed) onChange(parsed);
      }}
      onBlur={() => valid && setText(formatHourMinute(parseHourMinute(text)!))}
      required
    />
  );
}

/** Working hours as two time fields; the value is the settings format "HH:MM-HH:MM". */
export function WorkingHoursInput({ value, onChange }: { value: string; onChange: (hours: string) => void }) {
  const id = useId();
  const [start = '09:00', end = '17:00'] = value.split('-');
  return (
    <fieldset className="field hours">
      <legend>Working hours</legend>
      <label htmlFor={`${id}-start`}>Start</label>
      <TimeField id={`${id}-start`} value={start} onChange={(v) => onChange(`${v}-${end}`)} describedBy={`${id}-hint`} />
      <label htmlFor={`${id}-end`}>End</label>
      <TimeField id={`${id}-end`} value={end} onChange={(v) => onChange(`${start}-${v}`)} describedBy={`${id}-hint`} />
      <span id={`${id}-hint`} className="hint">
        for example {formatHourMinute('08:30')}
      </span>
    </fieldset>
  );
}
