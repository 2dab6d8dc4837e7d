// The clip page's data: `clips:get` (details, decisions), `transcripts:get` (segments, job, hint), `events:list`
// (reactions, replies, seen) and the replies found in the inbox. Live: refetched on clips:changed or activity:changed
// for this clip, jobs:progress for its transcription, sync:finished and share:changed.
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { ClipDetail } from '../../../shared/contract/clips';
import { LISTED_STATES } from '../../../shared/inbox';
import { HandoffError } from '../../../shared/result';
import { useApi } from '../api/context';
import { useLoad } from '../components/use-load';
import type { Segment } from '../lib/player-keys';
import { formatDuration } from '../lib/time';
import type { Reaction } from './reaction-markers';

export type ClipEvent = CallOutput<'events:list'>['events'][number];
export type Transcript = CallOutput<'transcripts:get'>;
export type JobSummary = NonNullable<Transcript['job']>;

export interface ReplyItem {
  id: string;
  title: string;
  author: string;
  recordedAt: string;
}

export interface ClipView {
  clip: ClipDetail;
  segments: Segment[];
  reactions: Reaction[];
  events: ClipEvent[];
  transcript: Transcript;
}

const LISTED = new Set<string>(LISTED_STATES);

export function useClipSource(id: string) {
  const api = useApi();
  const [job, setJob] = useState<JobSummary | null>(null);
  const load = useLoad(async (): Promise<ClipView> => {
    // Any of the three calls can be the first to answer not-found for a missing clip; whichever it is, the reader
    // gets the same sentence.
    const [clip, transcript, { events }] = await Promise.all([
      api.clips.get({ id }),
      api.transcripts.get({ clipId: id }),
      api.events.list({ clipId: id }),
    ]).catch((e: unknown) => {
      if (e instanceof HandoffError && e.code === 'not-found') throw new HandoffError('not-found', 'This update is not in your library (it may have been deleted).');
      throw e;
    });
    const reactions = events
      .filter((e) => e.kind === 'reaction' && e.atMs !== null)
      .map((e): Reaction => ({ id: e.id, atMs: e.atMs ?? 0, emoji: e.emoji ?? e.text ?? '👍', author: e.author }))
      .concat(
        events
          .filter((e) => e.kind === 'comment' && e.atMs !== null)
          .map((e) => ({ id: e.id, atMs: e.atMs ?? 0, emoji: '💬', author: e.author, label: `${e.author} commented at ${formatDuration(e.atMs) ?? '0:00'}: ${(e.text ?? '').slice(0, 80)}` })),
      )
      .sort((a, b) => a.atMs - b.atMs);
    const segments = transcript.segments.length > 0 ? transcript.segments : clip.segments;
    return { clip, segments, reactions, events, transcript };
  }, [api, id]);
  const { reload } = load;
  // Replies: the clips answering this one (one indexed query), and reply events whose clip has not arrived yet.
  // Loaded beside the page rather than holding it up.
  const replies = useLoad(async (): Promise<ReplyItem[]> => {
    const [thread, { events }] = await Promise.all([api.clips.list({ replyTo: id, limit: 500 }), api.events.list({ clipId: id })]);
    const found = new Map<string, ReplyItem>();
    for (const c of thread.clips)
      if (LISTED.has(c.state)) found.set(c.id, { id: c.id, title: c.title, author: c.author, recordedAt: c.recordedAt });
    for (const e of events)
      if (e.kind === 'reply' && e.replyClipId && !found.has(e.replyClipId))
        found.set(e.replyClipId, { id: e.replyClipId, title: e.text ?? 'Video reply', author: e.author, recordedAt: e.createdAt });
    return [...found.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }, [api, id]);
  const reloadReplies = replies.reload;

  useEffect(() => {
    const offs = [
      api.on('clips:changed', (p) => {
        if (p.ids.length === 0 || p.ids.includes(id)) reload();
        reloadReplies();
      }),
      api.on('activity:changed', (p) => {
        if (p.clipIds.length === 0 || p.clipIds.includes(id)) reload();
        reloadReplies();
      }),
      api.on('sync:finished', () => (reload(), reloadReplies())),
      api.on('jobs:progress', (j) => {
        if (j.clipId !== id) return;
        setJob(j);
        if (j.state !== 'running' && j.state !== 'queued') reload();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, id, reload, reloadReplies]);

  return { ...load, job, replies: replies.state };
}
