import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { useViewer } from '../components/use-viewer';
import { clipHref } from '../lib/route';
import { formatDateTime, formatDuration } from '../lib/time';

/** Every decision recorded on an update: what, who, when, which update; filtered as you type. */
export function DecisionsPage() {
  const api = useApi();
  const { viewer } = useViewer();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const { state, reload } = useLoad(() => api.decisions.list({ query: debounced }), [api, debounced]);
  useEffect(() => api.on('sync:finished', reload), [api, reload]);
  useEffect(() => api.on('activity:changed', reload), [api, reload]);
  const tz = viewer?.timezone ?? 'UTC';
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Decisions
      </h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="decisions-filter" className="block-label">
          Find a decision
        </label>
        <input id="decisions-filter" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </form>
      {state.status === 'loading' ? <p role="status">Loading decisions…</p> : null}
      {state.status === 'error' ? <ErrorState title="Could not load decisions" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.value.decisions.length === 0 ? (
        <EmptyState title={debounced ? `No decision matches “${debounced}”` : 'No decisions recorded yet'} testId="decisions-empty">
          <p>When someone records a decision on an update, it is listed here with who decided, when and on which update.</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.value.decisions.length > 0 ? (
        <ul className="decisions" aria-label="Decisions" data-testid="decisions-list">
          {state.value.decisions.map((d) => (
            <li key={d.id}>
              <strong>{d.text}</strong>
              <span className="hint">
                {' '}
                — {d.author}, {formatDateTime(d.createdAt, tz)} on{' '}
                <a href={clipHref(d.clipId, d.atMs === null ? undefined : d.atMs / 1000)}>
                  {d.clipTitle || 'Untitled update'}
                  {d.atMs === null ? '' : ` at ${formatDuration(d.atMs)}`}
                </a>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
