import { useCallback, useEffect, useState } from 'react';
import type { ClipSummary } from '../../../shared/contract/clips';
import { useApi, useSettings } from '../api/context';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; clips: ClipSummary[] };

export function InboxPage() {
  const api = useApi();
  const { settings } = useSettings();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const refresh = useCallback(() => {
    api.clips
      .list({ limit: 100 })
      .then(({ clips }) => setLoad({ status: 'ready', clips }))
      .catch((e: unknown) => setLoad({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
  }, [api]);

  useEffect(() => {
    refresh();
    return api.on('clips:changed', refresh);
  }, [api, refresh]);

  const name = settings?.['profile.name'];
  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <h1 id="inbox-title">Inbox</h1>
      {name ? <p className="greeting" data-testid="greeting">Signed in as {name}</p> : null}
      {load.status === 'loading' && <p role="status">Loading updates…</p>}
      {load.status === 'error' && (
        <div role="alert" className="error-state">
          <p>Could not load the inbox: {load.message}</p>
          <button type="button" onClick={refresh}>
            Try again
          </button>
        </div>
      )}
      {load.status === 'ready' && load.clips.length === 0 && (
        <div className="empty-state" data-testid="inbox-empty">
          <h2>No updates yet</h2>
          <p>
            Record your screen, camera and mic to send your first update, or import a video with{' '}
            <code>handoff import FILE</code>.
          </p>
        </div>
      )}
      {load.status === 'ready' && load.clips.length > 0 && (
        <ul className="clip-list" aria-label="Updates">
          {load.clips.map((clip) => (
            <li key={clip.id} className="clip-row">
              <span className="clip-title">{clip.title || 'Untitled update'}</span>
              <span className="clip-meta">
                {clip.author} · {new Date(clip.recordedAt).toLocaleString()}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
