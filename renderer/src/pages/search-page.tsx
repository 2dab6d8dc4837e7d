import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { EmptyState } from '../components/empty-state';
import { ErrorState, errorMessage } from '../components/error-state';
import { searchHref } from '../lib/route';
import { searchClips } from '../search/search-source';
import { SearchResults, type SearchHit } from '../search/search-results';

const DEBOUNCE_MS = 250;

type State = { status: 'idle' } | { status: 'searching' } | { status: 'error'; message: string } | { status: 'done'; query: string; hits: SearchHit[] };

export function SearchPage({ initialQuery }: { initialQuery: string }) {
  const api = useApi();
  const [query, setQuery] = useState(initialQuery);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) return setState({ status: 'idle' });
    let live = true;
    setState({ status: 'searching' });
    const timer = setTimeout(() => {
      // Keep the query in the address so back/forward and reload return to these results.
      window.history.replaceState(null, '', searchHref(q));
      searchClips(api, q).then(
        (hits) => live && setState({ status: 'done', query: q, hits }),
        (e: unknown) => live && setState({ status: 'error', message: errorMessage(e) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query, retry]);

  return (
    <section aria-labelledby="page-title" className="search">
      <h1 id="page-title" tabIndex={-1}>
        Search
      </h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search-input" className="block-label">Search updates</label>
        <input id="search-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" autoFocus />
      </form>
      <p role="status" className="hint">
        {state.status === 'searching' ? 'Searching…' : state.status === 'done' ? `${state.hits.length} result${state.hits.length === 1 ? '' : 's'}` : ''}
      </p>
      {state.status === 'idle' ? (
        <EmptyState title="Search your updates" testId="search-empty">
          <p>Type a word from a title, a name or an ask.</p>
        </EmptyState>
      ) : null}
      {state.status === 'error' ? <ErrorState title="Search failed" message={state.message} onRetry={() => setRetry((n) => n + 1)} /> : null}
      {state.status === 'done' && state.hits.length === 0 ? (
        <EmptyState title={`Nothing found for “${state.query}”`} testId="search-none">
          <p>Try another word.</p>
        </EmptyState>
      ) : null}
      {state.status === 'done' && state.hits.length > 0 ? <SearchResults hits={state.hits} /> : null}
    </section>
  );
}
