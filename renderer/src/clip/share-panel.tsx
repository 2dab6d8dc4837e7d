// Share links for one clip: create (expiry, password, no-download), copy to the clipboard, list with views, revoke.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ShareLink } from '../../../shared/contract/share';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { whereLinkWorks } from '../lib/team-text';
import { formatDateTime } from '../lib/time';
import { ShareServerStatus, useShareServer } from './share-server-status';
import { ShareReachFields, type ShareReach } from './share-reach';

async function copy(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export function SharePanel({ clipId, viewerTimezone }: { clipId: string; viewerTimezone: string }) {
  const api = useApi();
  const id = useId();
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [expires, setExpires] = useState('7d');
  const [password, setPassword] = useState('');
  const [noDownload, setNoDownload] = useState(false);
  const [reach, setReach] = useState<ShareReach>({ lasting: false, encrypt: false });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const server = useShareServer();

  const load = useCallback(() => {
    api.share.list({ clipId }).then(
      (r) => setLinks(r.links),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api, clipId]);
  useEffect(() => {
    load();
    return api.on('share:changed', (p) => {
      if (p.clipId === clipId) load();
    });
  }, [api, clipId, load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const link = await api.share.create({ clipId, expires, allowDownload: !noDownload, ...reach, ...(password ? { password } : {}) });
      setPassword('');
      load();
      try {
        await copy(link.url);
        setMessage('Link created and copied to the clipboard.');
      } catch (e) {
        setMessage(`Link created: ${link.url} (copying failed: ${errorMessage(e)})`);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="share-panel" aria-labelledby={`${id}-t`} data-testid="share-panel">
      <h2 id={`${id}-t`}>Share</h2>
      <ShareServerStatus state={server} />
      <form onSubmit={create} className="share-form">
        <div className="field">
          <label htmlFor={`${id}-exp`}>Expires</label>
          <select id={`${id}-exp`} value={expires} onChange={(e) => setExpires(e.target.value)}>
            <option value="1h">in 1 hour</option>
            <option value="24h">in 1 day</option>
            <option value="7d">in 7 days</option>
            <option value="30d">in 30 days</option>
            <option value="never">never</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-pw`}>Password (optional)</label>
          <input id={`${id}-pw`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </div>
        <label className="check">
          <input type="checkbox" checked={noDownload} onChange={(e) => setNoDownload(e.target.checked)} />
          Do not allow download
        </label>
        <ShareReachFields id={id} value={reach} onChange={setReach} />
        <button type="submit" className="primary" disabled={busy}>
          Create and copy link
        </button>
      </form>
      <p role="status" className="hint" data-testid="share-status">
        {message}
      </p>
      {error ? <p role="alert" className="field-error">{error}</p> : null}
      {links === null ? null : links.length === 0 ? (
        <p className="hint">No links yet.</p>
      ) : (
        <ul className="share-links" aria-label="Share links">
          {links.map((link) => (
            <li key={link.token} data-testid="share-link">
              <code>{link.url}</code>{' '}
              <span className="hint">
                {link.status}
                {link.expiresAt ? ` · expires ${formatDateTime(link.expiresAt, viewerTimezone)}` : ''}
                {link.hasPassword ? ' · password' : ''}
                {link.allowDownload ? '' : ' · no download'} ·{' '}
                {link.kind === 's3' ? 'views not counted (served by the bucket)' : `${link.views.length} view${link.views.length === 1 ? '' : 's'}`}
              </span>
              {link.status === 'active' ? <span className="hint link-reach"> · {whereLinkWorks({ ...link, expiresAt: null }, (iso) => iso)}</span> : null}
              {link.status === 'active' ? (
                <>
                  <button type="button" onClick={() => copy(link.url).then(() => setMessage('Link copied.'), (e: unknown) => setError(errorMessage(e)))}>
                    Copy link
                  </button>
                  <button type="button" className="danger" onClick={() => api.share.revoke({ token: link.token }).then(load, (e: unknown) => setError(errorMessage(e)))}>
                    Revoke
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
