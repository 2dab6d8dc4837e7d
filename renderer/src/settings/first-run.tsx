import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { detectTimezone, isValidTimezone, parseWorkingHours } from '../lib/time';
import type { Settings } from '../../../shared/contract/settings';
import { HandoffError } from '../../../shared/result';
import { TimezonePicker } from './timezone-picker';
import { WorkingHoursInput } from './working-hours-input';
import { WorkdaysPicker } from './workdays-picker';
import { parseWorkdays } from '../../../shared/norms/workdays';

const STEPS = ['profile', 'hours', 'workspace'] as const;

/** Whether to welcome: not for someone who finished or skipped it, nor for a profile already set (e.g. from the CLI). */
export function needsFirstRun(settings: Settings): boolean {
  return !settings['ui.onboarded'] && settings['profile.name'].trim() === '';
}

/**
 * Welcome panel: name and timezone, working hours, then the team workspace. Joining a workspace writes my people/
 * file there at once, so teammates see me before I publish. A folder that does not exist is created only after the
 * person confirms it. It does not block the app behind it.
 */
export function FirstRun({ settings }: { settings: Settings }) {
  const api = useApi();
  const [step, setStep] = useState(0);
  const [name, setName] = useState(settings['profile.name']);
  const [timezone, setTimezone] = useState(settings['profile.timezone'] || detectTimezone());
  const [hours, setHours] = useState(settings['profile.workingHours']);
  const [workdays, setWorkdays] = useState(settings['profile.workdays']);
  const [kind, setKind] = useState<'folder' | 's3'>('folder');
  const [folder, setFolder] = useState('');
  const [s3, setS3] = useState({ bucket: '', endpoint: '', prefix: '' });
  const [current, setCurrent] = useState<string | null>(null);
  const [confirmCreate, setConfirmCreate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.workspace.get().then(
      (info) => setCurrent(info.description),
      () => setCurrent(null), // the step then asks for a folder without showing the current one
    );
  }, [api]);

  async function finish(create: boolean) {
    setBusy(true);
    setError(null);
    try {
      await api.profile.set({ name: name.trim(), timezone, workingHours: hours, workdays });
      if (kind === 's3') {
        if (!s3.bucket.trim()) return setError('Enter the bucket name, or choose a folder.');
        await api.workspace.useS3({ bucket: s3.bucket.trim(), endpoint: s3.endpoint.trim(), prefix: s3.prefix.trim() || undefined, pathStyle: s3.endpoint.trim() !== '' });
      } else if (folder.trim()) {
        try {
          await api.workspace.useFolder({ dir: folder.trim(), ...(create ? { create: true } : {}) });
        } catch (e) {
          if (e instanceof HandoffError && e.code === 'not-found') {
            setConfirmCreate(folder.trim());
            return;
          }
          throw e;
        }
      }
      await api.settings.set({ values: { 'ui.onboarded': true } });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function next(event: FormEvent) {
    event.preventDefault();
    const currentStep = STEPS[step];
    if (currentStep === 'profile' && !name.trim()) return setError('Enter your name, or skip for now.');
    if (currentStep === 'profile' && !isValidTimezone(timezone)) return setError('Pick a timezone from the list.');
    if (currentStep === 'hours' && !parseWorkingHours(hours)) return setError('Enter a start and an end time.');
    if (currentStep === 'hours' && !parseWorkdays(workdays)) return setError('Pick at least one workday.');
    setError(null);
    if (step < STEPS.length - 1) return setStep(step + 1);
    void finish(false);
  }

  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">Welcome to Handoff</h2>
      <p className="hint">
        Step {step + 1} of {STEPS.length}. Teammates see your name, and your timezone and hours place your updates in
        their inbox. You can change this later in Settings.
      </p>
      <form onSubmit={next} noValidate>
        {STEPS[step] === 'profile' && (
          <>
            <div className="field">
              <label htmlFor="first-run-name">Your name</label>
              <input id="first-run-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="name" autoFocus />
            </div>
            <TimezonePicker value={timezone} onChange={setTimezone} label="Your timezone" />
          </>
        )}
        {STEPS[step] === 'hours' && (
          <>
            <WorkingHoursInput value={hours} onChange={setHours} />
            <WorkdaysPicker value={workdays} onChange={setWorkdays} />
          </>
        )}
        {STEPS[step] === 'workspace' && (
          <fieldset className="field">
            <legend>Team workspace</legend>
            <label className="check">
              <input type="radio" name="first-run-kind" checked={kind === 'folder'} onChange={() => setKind('folder')} /> A folder
            </label>
            <label className="check">
              <input type="radio" name="first-run-kind" checked={kind === 's3'} onChange={() => setKind('s3')} /> An S3 bucket
            </label>
            {kind === 's3' ? (
              <>
                {(['bucket', 'endpoint', 'prefix'] as const).map((key) => (
                  <div className="field" key={key}>
                    <label htmlFor={`first-run-s3-${key}`}>S3 {key}{key === 'bucket' ? '' : ' (optional)'}</label>
                    <input id={`first-run-s3-${key}`} value={s3[key]} onChange={(e) => setS3({ ...s3, [key]: e.target.value })} />
                  </div>
                ))}
                <p className="hint">Credentials come from the standard AWS environment or profile.</p>
              </>
            ) : null}
          </fieldset>
        )}
        {STEPS[step] === 'workspace' && kind === 'folder' && (
          <div className="field">
            <label htmlFor="first-run-folder">Team workspace folder (a synced or shared folder)</label>
            <input
              id="first-run-folder"
              value={folder}
              onChange={(e) => (setFolder(e.target.value), setConfirmCreate(null))}
              placeholder={current ?? ''}
            />
            <p className="hint">
              Leave it empty to keep {current ? <code>{current}</code> : 'the current workspace'}.
            </p>
            {confirmCreate ? (
              <p role="alert" className="field-error" data-testid="first-run-confirm-create">
                {confirmCreate} does not exist.{' '}
                <button type="button" disabled={busy} onClick={() => void finish(true)}>
                  Create it and join
                </button>
              </p>
            ) : null}
          </div>
        )}
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
            {step < STEPS.length - 1 ? 'Next' : 'Join and finish'}
          </button>
          <button type="button" className="link" disabled={busy} onClick={() => void api.settings.set({ values: { 'ui.onboarded': true } }).catch((e: unknown) => setError(errorMessage(e)))}>
            Skip for now
          </button>
        </div>
      </form>
    </section>
  );
}
