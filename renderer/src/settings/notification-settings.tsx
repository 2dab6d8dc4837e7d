// Which notifications to show (arrivals, deadlines and their lead time) and, in browser mode, the browser's permission.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { browserNotificationState, type BrowserNotificationState } from '../components/use-browser-notifications';
import { SaveRow, type SaveStatus } from './save-row';

const PERMISSION_TEXT: Record<BrowserNotificationState, string> = {
  desktop: 'Shown by your system’s notification center.',
  granted: 'This browser shows Handoff’s notifications while this tab is open.',
  default: 'This browser has not been allowed to show notifications yet.',
  denied: 'This browser blocks notifications from Handoff. Allow them in the site settings (the icon left of the address), then reload.',
  unsupported: 'This browser cannot show notifications.',
};

export function NotificationSettings({ settings }: { settings: Settings }) {
  const api = useApi();
  const id = useId();
  const [arrivals, setArrivals] = useState(settings['notifications.arrivals']);
  const [deadlines, setDeadlines] = useState(settings['notifications.deadlines']);
  const [lead, setLead] = useState(String(settings['notifications.deadlineLeadHours']));
  const [digest, setDigest] = useState(settings['notifications.digest']);
  const [permission, setPermission] = useState<BrowserNotificationState>(browserNotificationState());
  const [status, setStatus] = useState<SaveStatus>(null);
  useEffect(() => {
    setArrivals(settings['notifications.arrivals']);
    setDeadlines(settings['notifications.deadlines']);
    setLead(String(settings['notifications.deadlineLeadHours']));
    setDigest(settings['notifications.digest']);
  }, [settings]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const hours = Number(lead);
    if (!(hours >= 0.25 && hours <= 72)) return setStatus({ ok: false, text: 'The lead time is between 0.25 and 72 hours.' });
    try {
      await api.settings.set({ values: { 'notifications.arrivals': arrivals, 'notifications.deadlines': deadlines, 'notifications.deadlineLeadHours': hours, 'notifications.digest': digest } });
      setStatus({ ok: true, text: 'Saved.' });
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    }
  }

  async function allow() {
    setPermission(await Notification.requestPermission());
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Notifications</h2>
      <p className="hint" data-testid="notification-permission">
        {PERMISSION_TEXT[permission]}
      </p>
      {permission === 'default' ? (
        <button type="button" onClick={() => void allow()}>
          Allow notifications in this browser
        </button>
      ) : null}
      <form onSubmit={save}>
        <label className="check">
          <input type="checkbox" checked={arrivals} onChange={(e) => setArrivals(e.target.checked)} /> When a teammate’s update for me arrives
        </label>
        <label className="check">
          <input type="checkbox" checked={deadlines} onChange={(e) => setDeadlines(e.target.checked)} /> When a reply asked of me falls due
        </label>
        <label className="check">
          <input type="checkbox" checked={digest} onChange={(e) => setDigest(e.target.checked)} /> At the start of my workday, with the digest
        </label>
        <div className="field">
          <label htmlFor={`${id}-lead`}>Warn this many hours before it is due</label>
          <input id={`${id}-lead`} inputMode="decimal" value={lead} onChange={(e) => setLead(e.target.value)} disabled={!deadlines} />
        </div>
        <SaveRow label="Save notifications" status={status} />
      </form>
    </section>
  );
}
