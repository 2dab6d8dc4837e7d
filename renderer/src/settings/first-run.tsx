import { useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { detectTimezone, isValidTimezone, parseWorkingHours } from '../lib/time';
import type { Settings } from '../../../shared/contract/settings';
import { TimezonePicker } from './timezone-picker';
import { WorkingHoursInput } from './working-hours-input';

const STEPS = ['name', 'timezone', 'hours'] as const;

/** Welcome panel shown until the profile is saved or skipped; it does not block the app behind it. */
export function FirstRun({ settings }: { settings: Settings }) {
  const api = useApi();
  const [step, setStep] = useState(0);
  const [name, setName] = useState(settings['profile.name']);
  const [timezone, setTimezone] = useState(settings['profile.timezone'] || detectTimezone());
  const [hours, setHours] = useState(settings['profile.workingHours']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(values: Parameters<typeof api.settings.set>[0]) {
    setBusy(true);
    setError(null);
    try {
      await api.settings.set(values);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function next(event: FormEvent) {
    event.preventDefault();
    const current = STEPS[step];
    if (current === 'name' && !name.trim()) return setError('Enter your name, or skip for now.');
    if (current === 'timezone' && !isValidTimezone(timezone)) return setError('Pick a timezone from the list.');
    if (current === 'hours' && !parseWorkingHours(hours)) return setError('Enter a start and an end time.');
    setError(null);
    if (step < STEPS.length - 1) return setStep(step + 1);
    void save({ values: { 'profile.name': name.trim(), 'profile.timezone': timezone, 'profile.workingHours': hours, 'ui.onboarded': true } });
  }

  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">Welcome to Handoff</h2>
      <p className="hint">
        Step {step + 1} of {STEPS.length}. Teammates see your name, and your timezone and hours place your updates in
        their inbox. You can change this later in Settings.
      </p>
      <form onSubmit={next} noValidate>
        {STEPS[step] === 'name' && (
          <div className="field">
            <label htmlFor="first-run-name">Your name</label>
            <input id="first-run-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="name" autoFocus />
          </div>
        )}
        {STEPS[step] === 'timezone' && <TimezonePicker value={timezone} onChange={setTimezone} label="Your timezone" />}
        {STEPS[step] === 'hours' && <WorkingHoursInput value={hours} onChange={setHours} />}
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          {step > 0 ? (
            <button type="button" onClick={() => setStep(step - 1)}>
              Back
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {step < STEPS.length - 1 ? 'Next' : 'Save profile'}
          </button>
          <button type="button" className="link" disabled={busy} onClick={() => void save({ values: { 'ui.onboarded': true } })}>
            Skip for now
          </button>
        </div>
      </form>
    </section>
  );
}
