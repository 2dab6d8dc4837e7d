// The inbox from the workspace side: `inbox:get` (grouped by the sender's workday, needs-reply on top) and
// `people:list` (the teammate strip). Refetched when clips change, a sync finishes or a transcription ends, at most
// one reload at a time (coalesced-reload.ts).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { createCoalescedReload } from '../lib/coalesced-reload';
import { provisionalInbox, type InboxData, type Teammate } from '../lib/inbox-model';

/** Newest clips shown at once, grouped here, while `inbox:get` (which orders the whole library) is on its way. */
const FIRST_PAGE = 100;

export type InboxSource =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: InboxData; teammates: Teammate[]; complete: boolean };

type Remote = CallOutput<'inbox:get'>;
export function useInboxSource(viewer: { timezone: string; name: string }, now: Date, reloadKey: number): InboxSource {
  const api = useApi();
  const [remote, setRemote] = useState<{ inbox: Remote; people: CallOutput<'people:list'>['people'] } | null>(null);
  const [provisional, setProvisional] = useState<InboxData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const haveRemote = useRef(false);

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
        const [inbox, people] = await Promise.all([api.inbox.get({ viewerTimezone: viewer.timezone }), api.people.list()]);
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

  return useMemo((): InboxSource => {
    if (error) return { status: 'error', message: error };
    if (!remote) return provisional ? { status: 'ready', data: provisional, teammates: [], complete: false } : { status: 'loading' };
    const teammates = remote.people
      .filter((p) => !p.isMe && p.name !== viewer.name)
      .map((p) => ({ name: p.name, timezone: p.timezone, workingHours: p.workingHours || null, workdays: p.workdays }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { status: 'ready', data: remote.inbox, teammates, complete: true };
  }, [remote, provisional, error, viewer.name]);
}
