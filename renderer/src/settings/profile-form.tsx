import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { detectTimezone, isValidTimezone, parseWorkingHours } from '../lib/time';
import type { Settings } from '../../../shared/contract/settings';
import { TimezonePicker } from './timezone-picker';
import { WorkingHoursInput } from './working-hours-input';

export function ProfileForm({ settings }: { settings: Settings }) {
  const api = useApi();
  const [name, setName] = useState(settings['profile.name']);
  const [timezone, setTimezone] = useState(settings['profile.timezone'] || detectTimezone());
  const [hours, setHours] = useState(settings['profile.workingHours']);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  // A change saved elsewhere (first run, another window) replaces the fields.
  useEffect(() => {
    setName(settings['profile.name']);
    setTimezone(settings['profile.timezone'] || detectTimezone());
    setHours(settings['profile.workingHours']);
  }, [settings]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isValidTimezone(timezone)) return setStatus({ kind: 'error', message: 'Pick a timezone from the list.' });
    if (!parseWorkingHours(hours)) return setStatus({ kind: 'error', message: 'Enter a start and an end time.' });
    try {
      await api.settings.set({ values: { 'profile.name': name.trim(), 'profile.timezone': timezone, 'profile.workingHours': hours } });
      setStatus({ kind: 'saved' });
    } catch (e) {
      setStatus({ kind: 'error', message: errorMessage(e) });
    }
  }

  return (
    <section aria-labelledby="profile-title" className="settings-section">
      <h2 id="profile-title">Profile</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="profile-name">Name</label>
          <input id="profile-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="name" />
        </div>
        <TimezonePicker value={timezone} onChange={setTimezone} />
        <WorkingHoursInput value={hours} onChange={setHours} />
        <div className="actions">
          <button type="submit" className="primary">
            Save profile
          </button>
          <span role="status" className={status.kind === 'error' ? 'field-error' : 'hint'}>
            {status.kind === 'saved' ? 'Saved.' : status.kind === 'error' ? status.message : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
