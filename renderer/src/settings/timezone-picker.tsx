import { useId, useMemo } from 'react';
import { allTimezones, formatClock, isValidTimezone } from '../lib/time';

/** A text field that suggests every IANA zone the browser knows (type to filter), with the time there now. */
export function TimezonePicker({ value, onChange, label = 'Timezone' }: { value: string; onChange: (tz: string) => void; label?: string }) {
  const id = useId();
  const zones = useMemo(allTimezones, []);
  const valid = isValidTimezone(value);
  return (
    <div className="field">
      <label htmlFor={`${id}-tz`}>{label}</label>
      <input
        id={`${id}-tz`}
        list={`${id}-zones`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
      />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p id={`${id}-hint`} className={valid ? 'hint' : 'hint field-error'}>
        {valid ? `It is ${formatClock(new Date(), value)} there now.` : 'Pick a timezone from the list, e.g. Europe/Berlin.'}
      </p>
    </div>
  );
}
