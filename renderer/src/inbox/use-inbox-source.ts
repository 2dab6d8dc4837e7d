// Phase-1 source for the inbox: every clip from `clips:list` (paged), grouped here into the `inbox:get` shape. When
// `inbox:get` and `people:list` land, this file is the only one that changes.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClipSummary } from '../../../shared/contract/clips';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { buildInbox, teammatesFromClips, toInboxClip, type InboxClip, type InboxData, type Teammate } from '../lib/inbox-model';

const PAGE = 500;

export type InboxSource =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: InboxData; teammates: Teammate[]; complete: boolean };

export function useInboxSource(viewer: { timezone: string; name: string }, now: Date, reloadKey: number): InboxSource {
  const api = useApi();
  const [clips, setClips] = useState<ClipSummary[] | null>(null);
  const [complete, setComplete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  // Pages arrive one by one and each regroups everything so far: convert each clip (two zone formats) only once.
  const converted = useRef({ timezone: '', cache: new WeakMap<ClipSummary, InboxClip>() });

  useEffect(() => api.on('clips:changed', () => setChanges((n) => n + 1)), [api]);

  useEffect(() => {
    let live = true;
    setError(null);
    setComplete(false);
    (async () => {
      let all: ClipSummary[] = [];
      let before: string | undefined;
      // The first page is shown at once; later pages fill in while the person reads.
      for (;;) {
        const page = await api.clips.list({ limit: PAGE, before });
        if (!live) return;
        all = all.concat(page.clips);
        setClips(all);
        if (page.clips.length < PAGE || all.length >= page.total) break;
        before = page.clips[page.clips.length - 1].recordedAt;
      }
      if (live) setComplete(true);
    })().catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [api, changes, reloadKey]);

  // Minutes matter (day over / in progress), not the exact instant: regroup once a minute, not on every tick.
  const minute = Math.floor(now.getTime() / 60_000);
  return useMemo((): InboxSource => {
    if (error) return { status: 'error', message: error };
    if (!clips) return { status: 'loading' };
    const at = new Date(minute * 60_000);
    if (converted.current.timezone !== viewer.timezone) converted.current = { timezone: viewer.timezone, cache: new WeakMap() };
    const { cache } = converted.current;
    const convert = (summary: ClipSummary) => {
      let clip = cache.get(summary);
      if (!clip) cache.set(summary, (clip = toInboxClip(summary, viewer.timezone)));
      return clip;
    };
    return { status: 'ready', data: buildInbox(clips, { ...viewer, now: at }, convert), teammates: teammatesFromClips(clips, viewer.name), complete };
  }, [clips, error, complete, viewer, minute]);
}
