// Share server (LAN on/off, port), the record shortcut and the desktop app's update check, saved with settings:set.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { SaveRow, type SaveStatus } from './save-row';
import { ShareServerStatus, useShareServer } from '../clip/share-server-status';

export function AppSettings({ settings }: { settings: Settings }) {
  const api = useApi();
  const id = useId();
  const [lan, setLan] = useState(settings['share.lan']);
  const [port, setPort] = useState(String(settings['share.port']));
  const [shortcut, setShortcut] = useState(settings['shortcuts.record']);
  const [updates, setUpdates] = useState(settings['updates.checkAtStart']);
  const [status, setStatus] = useState<SaveStatus>(null);
  const server = useShareServer();
  useEffect(() => {
    setLan(settings['share.lan']);
    setPort(String(settings['share.port']));
    setShortcut(settings['shortcuts.record']);
    setUpdates(settings['updates.checkAtStart']);
  }, [settings]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) return setStatus({ ok: false, text: 'The port is a number from 1 to 65535.' });
    try {
      await api.settings.set({ values: { 'share.lan': lan, 'share.port': portNumber, 'shortcuts.record': shortcut.trim(), 'updates.checkAtStart': updates } });
      // The share server moves to the new address at once; its state line below says whether that worked.
      setStatus({ ok: true, text: 'Saved.' });
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    }
  }
  return (
    <section className="settings-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Sharing and shortcuts</h2>
      <ShareServerStatus state={server} />
      <form onSubmit={save}>
        <label className="check">
          <input type="checkbox" checked={lan} onChange={(e) => setLan(e.target.checked)} /> Share links reachable on the local network (LAN)
        </label>
        <div className="field">
          <label htmlFor={`${id}-port`}>Share server port</label>
          <input id={`${id}-port`} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-key`}>Start recording shortcut</label>
          <input id={`${id}-key`} value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={64} />
        </div>
        <label className="check">
          <input type="checkbox" checked={updates} onChange={(e) => setUpdates(e.target.checked)} /> Check for a new version when the
          desktop app starts (asks GitHub)
        </label>
        <SaveRow label="Save" status={status} />
      </form>
    </section>
  );
}
