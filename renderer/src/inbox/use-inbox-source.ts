// The inbox from the workspace side: `inbox:get` (grouped by the sender's workday, needs-reply on top) and
// `people:list` (the teammate strip), a page of workdays at a time: `loadOlder` appends the next page (its cursor is
// the last page's `nextBefore`), and a reload (clips changed, a sync finished, a transcription ended) refetches every
// workday already shown in one call, at most one reload at a time (coalesced-reload.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { createCoalescedReload } from '../lib/coalesced-reload';
import { provisionalInbox, type InboxData, type Teammate } from '../lib/inbox-model';

/** Newest clips shown at once, grouped here, while the first `inbox:get` page is on its way. */
const FIRST_PAGE = 100;
/** Workdays per page: about a screenful or two for a busy team, and a small read however large the library. */
export const PAGE_DAYS = 7;
/** inbox:get's largest window: a reload asks for every day shown at once. */
const MAX_DAYS = 366;

export interface OlderPages {
  /** Whether older workdays exist beyond those shown. */
  available: boolean;
  loading: boolean;
  error: string | null;
  load(): void;
}

export type InboxSource =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: InboxData; teammates: Teammate[]; complete: boolean; older: OlderPages };

const noOlder: OlderPages = { available: false, loading: false, error: null, load: () => undefined };

type Remote = CallOutput<'inbox:get'>;
export function useInboxSource(viewer: { timezone: string; name: string }, now: Date, reloadKey: number): InboxSource {
  const api = useApi();
  const [remote, setRemote] = useState<{ inbox: Remote; people: CallOutput<'people:list'>['people'] } | null>(null);
  const [provisional, setProvisional] = useState<InboxData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const haveRemote = useRef(false);
  // How many workdays are shown: a reload asks for all of them; loading older pages grows it.
  const shownDays = useRef(PAGE_DAYS);
  const [older, setOlder] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });

  // Minutes matter (day over / in progress), not the exact instant: refetch once a minute, not on every tick.
  const minute = Math.floor(now.getTime() / 60_000);
  useEffect(() => {
    let live = true;
    if (!haveRemote.current) {
      api.clips.list({ limit: FIRST_PAGE }).then(
        (page) => live && setProvisional(provisionalInbox(page.clips, { timezone: viewer.timezone, now: new Date() })),
        () => undefined, // the full inbox below reports the failure
      );
    }
    const reload = createCoalescedReload(
      async () => {
        const days = Math.min(shownDays.current, MAX_DAYS);
        const [inbox, people] = await Promise.all([api.inbox.get({ viewerTimezone: viewer.timezone, days }), api.people.list()]);
        if (!live) return;
        haveRemote.current = true;
        setRemote({ inbox, people: people.people });
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    reload.request();
    const offs = [
      api.on('clips:changed', reload.request),
      api.on('activity:changed', reload.request),
      api.on('sync:finished', reload.request),
      api.on('jobs:progress', (job) => {
        if (job.state !== 'running' && job.state !== 'queued') reload.request();
      }),
    ];
    return () => {
      live = false;
      reload.dispose();
      offs.forEach((off) => off());
    };
  }, [api, reloadKey, viewer.timezone, minute]);

  const cursor = remote?.inbox.page?.nextBefore ?? null;
  const loadOlder = useCallback(() => {
    if (!cursor || older.loading || shownDays.current >= MAX_DAYS) return;
    setOlder({ loading: true, error: null });
    api.inbox.get({ viewerTimezone: viewer.timezone, days: PAGE_DAYS, before: cursor }).then(
      (page) => {
        shownDays.current += PAGE_DAYS;
        setRemote((current) => {
          // A reload may have landed meanwhile; append only days this page adds.
          if (!current) return current;
          const known = new Set(current.inbox.workdays.map((day) => day.date));
          return {
            ...current,
            inbox: { ...current.inbox, workdays: [...current.inbox.workdays, ...page.workdays.filter((day) => !known.has(day.date))], page: page.page },
          };
        });
        setOlder({ loading: false, error: null });
      },
      (e: unknown) => setOlder({ loading: false, error: errorMessage(e) }),
    );
  }, [api, cursor, older.loading, viewer.timezone]);

  return useMemo((): InboxSource => {
    if (error) return { status: 'error', message: error };
    if (!remote) return provisional ? { status: 'ready', data: provisional, teammates: [], complete: false, older: noOlder } : { status: 'loading' };
    const teammates = remote.people
      .filter((p) => !p.isMe && p.name !== viewer.name)
      .map((p) => ({ name: p.name, timezone: p.timezone, workingHours: p.workingHours || null, workdays: p.workdays }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const available = Boolean(cursor) && shownDays.current < MAX_DAYS;
    return { status: 'ready', data: remote.inbox, teammates, complete: true, older: { available, ...older, load: loadOlder } };
  }, [remote, provisional, error, viewer.name, cursor, older, loadOlder]);
}
