import { useMemo, useState } from 'react';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { useNow } from '../components/use-now';
import { useViewer, type Viewer } from '../components/use-viewer';
import { InboxFilterBar } from '../inbox/inbox-filters';
import { InboxList } from '../inbox/inbox-list';
import { Drafts, NeedsReply } from '../inbox/needs-reply';
import { TeammateStrip } from '../inbox/teammate-strip';
import { DigestPanel } from '../norms/digest-panel';
import { useInboxSource, type OlderPages } from '../inbox/use-inbox-source';
import { flattenWorkdays, matchesFilters, peopleIn, type InboxFilters } from '../lib/inbox-model';

export function InboxPage() {
  const { viewer, error } = useViewer();
  return (
    <section aria-labelledby="page-title" className="inbox">
      <h1 id="page-title" tabIndex={-1}>
        Inbox
      </h1>
      {viewer?.name ? (
        <p className="greeting" data-testid="greeting">
          Signed in as {viewer.name}
        </p>
      ) : null}
      {error ? <ErrorState title="Could not load your profile" message={error} onRetry={() => window.location.reload()} /> : null}
      {viewer ? <InboxBody viewer={viewer} /> : !error && <p role="status">Loading updates…</p>}
    </section>
  );
}

function InboxBody({ viewer }: { viewer: Viewer }) {
  const now = useNow();
  const [reloadKey, setReloadKey] = useState(0);
  const [filters, setFilters] = useState<InboxFilters>({ person: '', urgency: '' });
  const who = useMemo(() => ({ timezone: viewer.timezone, name: viewer.name }), [viewer.timezone, viewer.name]);
  const source = useInboxSource(who, now, reloadKey);
  const rows = useMemo(() => (source.status === 'ready' ? flattenWorkdays(source.data.workdays, filters) : []), [source, filters]);
  const people = useMemo(() => (source.status === 'ready' ? peopleIn(source.data) : []), [source]);

  if (source.status === 'loading') return <p role="status">Loading updates…</p>;
  if (source.status === 'error') return <ErrorState title="Could not load the inbox" message={source.message} onRetry={() => setReloadKey((k) => k + 1)} />;
  const { data, teammates } = source;
  if (data.workdays.length === 0) {
    return (
      <EmptyState title="No updates yet" testId="inbox-empty">
        <p>
          <a href="#/record">Record</a> your screen, camera and mic to send your first update, or bring in a video with
          Import a video (below the menu), or by dropping the file on this window.
        </p>
      </EmptyState>
    );
  }
  const filtering = filters.person !== '' || filters.urgency !== '';
  return (
    <>
      <DigestPanel timezone={data.viewer.timezone} />
      <TeammateStrip teammates={teammates} me={viewer} now={now} />
      <NeedsReply clips={data.needsReply.filter((clip) => matchesFilters(clip, filters))} viewerTimezone={data.viewer.timezone} />
      <Drafts clips={data.drafts ?? []} viewerTimezone={data.viewer.timezone} />
      <div className="inbox-toolbar">
        <h2>Updates by workday</h2>
        <InboxFilterBar people={people} filters={filters} onChange={setFilters} />
        {!source.complete ? (
          <span role="status" className="hint">
            Loading more…
          </span>
        ) : null}
      </div>
      {rows.length === 0 && filtering ? (
        <EmptyState title="Nothing matches these filters" testId="inbox-filtered-empty">
          <button type="button" onClick={() => setFilters({ person: '', urgency: '' })}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <>
          <InboxList rows={rows} viewerTimezone={data.viewer.timezone} onNearEnd={source.older.available ? source.older.load : undefined} />
          <OlderWorkdays older={source.older} complete={source.complete} />
        </>
      )}
    </>
  );
}

/** The end of the list: older workdays load by themselves as you scroll; the button is there for the keyboard. */
function OlderWorkdays({ older, complete }: { older: OlderPages; complete: boolean }) {
  if (!complete) return null;
  if (older.error) {
    return (
      <div className="inbox-more" role="alert">
        Could not load older updates: {older.error}{' '}
        <button type="button" onClick={older.load}>
          Try again
        </button>
      </div>
    );
  }
  if (older.loading) {
    return (
      <p className="inbox-more" role="status">
        Loading older updates…
      </p>
    );
  }
  if (older.available) {
    return (
      <div className="inbox-more">
        <button type="button" onClick={older.load} data-testid="inbox-load-older">
          Show older updates
        </button>
      </div>
    );
  }
  return (
    <p className="inbox-more hint" data-testid="inbox-end">
      That is everything in your library.
    </p>
  );
}
