// Phase-1 source for the clip page: finds the clip in `clips:list` pages. `clips:get` and `transcripts:get` replace
// this file when they land; the page only sees the returned shape.
import { useApi } from '../api/context';
import { HandoffError } from '../../../shared/result';
import type { ClipSummary } from '../../../shared/contract/clips';
import type { Segment } from '../lib/player-keys';
import type { Reaction } from './reaction-markers';
import { useLoad } from '../components/use-load';

export interface ClipView {
  clip: ClipSummary;
  segments: Segment[];
  reactions: Reaction[];
}

export function useClipSource(id: string) {
  const api = useApi();
  return useLoad(async (): Promise<ClipView> => {
    let before: string | undefined;
    for (;;) {
      const page = await api.clips.list({ limit: 500, before });
      const clip = page.clips.find((c) => c.id === id);
      if (clip) return { clip, segments: [], reactions: [] };
      if (page.clips.length < 500) throw new HandoffError('not-found', 'This update is not in your library (it may have been deleted).');
      before = page.clips[page.clips.length - 1].recordedAt;
    }
  }, [api, id]);
}
