// Settings: my workdays (the days my reply windows count in) and the team's response-time norms (published to the
// workspace as a new norms file; the newest one is the team's).
import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { parseWorkdays } from '../../../shared/norms/workdays';
import type { Settings } from '../../../shared/contract/settings';

type Status = { kind: 'idle' | 'saved' } | { kind: 'error'; message: string };
const hoursValue = (value: number | null) => (value === null ? '' : String(value));
const parseHours = (text: string): number | null | undefined => {
  if (text.trim() === '') return null;
  const hours = Number(text);
  return Number.isFinite(hours) && hours > 0 ? hours : undefined;
};

function StatusText({ status }: { status: Status }) {
  return (
    <span role="status" className={status.kind === 'error' ? 'field-error' : 'hint'}>
      {status.kind === 'saved' ? 'Saved.' : status.kind === 'error' ? status.message : ''}
    </span>
  );
}

export function NormsSettings({ settings }: { settings: Settings }) {
  const api = useApi();
  const [workdays, setWorkdays] = useState(settings['profile.workdays']);
  const [daysStatus, setDaysStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => setWorkdays(settings['profile.workdays']), [settings]);
  const norms = useLoad(() => api.norms.get({}), [api]);
  const [urgent, setUrgent] = useState('');
  const [replyNeeded, setReplyNeeded] = useState('');
  const [normsStatus, setNormsStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    if (norms.state.status !== 'ready') return;
    setUrgent(hoursValue(norms.state.value.norms.urgent));
    setReplyNeeded(hoursValue(norms.state.value.norms['reply-needed']));
  }, [norms.state]);

  async function saveDays(event: FormEvent) {
    event.preventDefault();
    if (!parseWorkdays(workdays)) return setDaysStatus({ kind: 'error', message: 'Name days such as mon-fri, sun-thu or mon,tue,thu.' });
    try {
      const profile = await api.profile.set({ workdays });
      setWorkdays(profile.workdays);
      setDaysStatus({ kind: 'saved' });
    } catch (e) {
      setDaysStatus({ kind: 'error', message: errorMessage(e) });
    }
  }

  async function publishNorms(event: FormEvent) {
    event.preventDefault();
    const u = parseHours(urgent);
    const r = parseHours(replyNeeded);
    if (u === undefined || r === undefined) return setNormsStatus({ kind: 'error', message: 'Enter working hours as a positive number, or leave empty for none.' });
    try {
      await api.norms.set({ urgent: u, 'reply-needed': r });
      norms.reload();
      setNormsStatus({ kind: 'saved' });
    } catch (e) {
      setNormsStatus({ kind: 'error', message: errorMessage(e) });
    }
  }

  const current = norms.state.status === 'ready' ? norms.state.value : null;
  return (
    <section aria-labelledby="norms-title" className="settings-section">
      <h2 id="norms-title">Workdays and reply times</h2>
      <form onSubmit={saveDays} noValidate>
        <div className="field">
          <label htmlFor="profile-workdays">My workdays</label>
          <input id="profile-workdays" value={workdays} onChange={(e) => setWorkdays(e.target.value)} maxLength={64} placeholder="mon-fri" />
          <span className="hint">Replies you owe are counted in your working hours on these days.</span>
        </div>
        <div className="actions">
          <button type="submit">Save workdays</button>
          <StatusText status={daysStatus} />
        </div>
      </form>
      <form onSubmit={publishNorms} noValidate>
        <p className="hint">
          The team’s expected reply time per urgency, in each recipient’s working hours.{' '}
          {current?.publishedAt ? `Set by ${current.author}.` : 'These are the defaults; publishing makes them the team’s.'}
        </p>
        <div className="field">
          <label htmlFor="norms-urgent">Urgent (working hours)</label>
          <input id="norms-urgent" inputMode="decimal" value={urgent} onChange={(e) => setUrgent(e.target.value)} placeholder="none" />
        </div>
        <div className="field">
          <label htmlFor="norms-reply-needed">Reply needed (working hours)</label>
          <input id="norms-reply-needed" inputMode="decimal" value={replyNeeded} onChange={(e) => setReplyNeeded(e.target.value)} placeholder="none" />
        </div>
        <div className="actions">
          <button type="submit">Publish to the team</button>
          <StatusText status={normsStatus} />
        </div>
      </form>
    </section>
  );
}
