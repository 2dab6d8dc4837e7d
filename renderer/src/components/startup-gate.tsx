import { useEffect, useState, type ReactNode } from 'react';
import type { StartupStatus } from '../../../shared/contract/app';
import { useApi } from '../api/context';
import { ErrorState, errorMessage } from './error-state';

const POLL_MS = 500;

/**
 * Holds the app back while the core starts: the host answers `app:startup` itself while the core's thread migrates
 * the library, and `app:migration` says which step runs. A call the core answers (app:info) means it is up. The page
 * may connect after a step's event went out (a step can run for minutes), so it also asks now and then.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<StartupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    const off = api.on('app:migration', ({ step, total }) => live && setStatus((now) => (now?.state === 'ready' ? now : { state: 'migrating', step, total })));
    api.app
      .startup()
      .then(async (first) => {
        if (!live) return;
        if (first.state !== 'ready') {
          setStatus((now) => now ?? first);
          const poll = setInterval(() => {
            api.app
              .startup()
              .then((next) => live && next.state !== 'ready' && setStatus((now) => (now?.state === 'ready' ? now : next)))
              .catch((e: unknown) => live && setError(errorMessage(e)));
          }, POLL_MS);
          try {
            await api.app.info();
          } finally {
            clearInterval(poll);
          }
        }
        if (live) setStatus({ state: 'ready', step: null, total: null });
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
      off();
    };
  }, [api, attempt]);

  if (error) return <ErrorState title="Handoff could not open your library" message={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (status?.state === 'ready') return <>{children}</>;
  return (
    <div className="startup" data-testid="startup">
      <p role="status">
        {status?.state === 'migrating' && status.step !== null && status.total !== null
          ? `Updating your library… ${status.step}/${status.total}`
          : 'Starting Handoff…'}
      </p>
    </div>
  );
}
