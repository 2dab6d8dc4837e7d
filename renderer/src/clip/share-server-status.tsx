// The share server's state, live: running on port N (and where its links work), or not running and why, with a
// retry. Shown beside share links and in Settings, so a dead link is never a surprise.
import { useEffect, useState } from 'react';
import type { ShareServerState } from '../../../shared/contract/share-server';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';

export function useShareServer(): ShareServerState | null {
  const api = useApi();
  const [state, setState] = useState<ShareServerState | null>(null);
  useEffect(() => {
    let live = true;
    api.shareServer.status().then(
      (s) => live && setState(s),
      () => undefined, // an older host without the call: the panel simply shows no server line
    );
    const off = api.on('shareServer:changed', (s) => setState(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}

export function ShareServerStatus({ state }: { state: ShareServerState | null }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  if (!state || state.state === 'not-started') return null;
  if (state.state === 'running') {
    return (
      <p className="hint" data-testid="share-server-status" data-state="running">
        Share server running on port {state.port}: local links work {state.lan ? 'on your local network' : 'on this computer only'} while Handoff is open.
      </p>
    );
  }
  return (
    <div role="alert" className="field-error" data-testid="share-server-status" data-state="failed">
      <p>
        The share server is not running: {state.message ?? 'unknown reason'}. Local links cannot be opened until it is. Choose another port in{' '}
        <a href="#/settings">Settings</a> (it applies at once) or{' '}
        <button type="button" className="link-button" onClick={() => api.shareServer.retry().then(() => setError(null), (e: unknown) => setError(errorMessage(e)))}>
          try again
        </button>
        .
      </p>
      {error ? <p>{error}</p> : null}
    </div>
  );
}
