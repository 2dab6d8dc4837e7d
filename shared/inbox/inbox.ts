// The timezone-ordered inbox as a pure function over plain data (DESIGN.md "The timezone-ordered inbox"): the same
// rules run in core (CLI, contract) and could run in the renderer.
import type { TranscriptState } from '../contract/transcription';
import { dayStateIn, localDateAndTime, localTime, offsetMinutes, type DayState } from './zones';

export type Urgency = 'fyi' | 'reply-needed' | 'urgent';

/** The clip states the inbox lists (and a thread of replies shows): not one still recording, nor one that failed. */
export const LISTED_STATES = ['ready', 'syncing', 'processing'] as const;

export interface InboxClipInput {
  id: string;
  title: string;
  authorId: string | null;
  author: string;
  authorTimezone: string;
  recordedAt: string;
  ask: string | null;
  recipients: string[];
  dueAt: string | null;
  urgency: Urgency;
  replyTo: string | null;
  state: string;
  durationMs: number | null;
  /** Whether the clip was made here (recorded/imported locally) rather than synced from a teammate. */
  local: boolean;
  /** clips.transcript_state; 'none' when absent. */
  transcriptState?: TranscriptState;
  /** Whether I have marked it seen (a 'seen' event by me). */
  seenByMe?: boolean;
  /** A local clip of mine not yet published to the workspace (absent: treated as published). */
  draft?: boolean;
}

export interface InboxViewer {
  /** profile.id; clips by this author are "mine". */
  id: string;
  name: string;
  timezone: string;
  now: string;
}

export interface InboxClip {
  id: string;
  title: string;
  author: string;
  authorTimezone: string;
  recordedAt: string;
  senderLocalTime: string;
  viewerLocalTime: string;
  dueAt: string | null;
  dueViewerLocalTime: string | null;
  urgency: Urgency;
  ask: string | null;
  replyTo: string | null;
  state: string;
  durationMs: number | null;
  workday: string;
  mine: boolean;
  /** recordedAt is after the viewer's now: shown as it is, flagged. */
  future: boolean;
  transcriptState: TranscriptState;
  /** A teammate's update I have not opened yet (my own are never unread). */
  unread: boolean;
  /** My recording not published yet: only I can see it. */
  draft: boolean;
}

export interface InboxWorkday {
  date: string;
  timezones: { timezone: string; state: DayState }[];
  clips: InboxClip[];
}

export interface Inbox {
  viewer: { timezone: string; now: string };
  needsReply: InboxClip[];
  /** My unpublished recordings, newest first, listed apart (they stay in their workday too, marked). */
  drafts: InboxClip[];
  workdays: InboxWorkday[];
}

export interface InboxInput {
  viewer: InboxViewer;
  clips: InboxClipInput[];
  /** Timezones of the team's people (duplicates are fine). */
  teamTimezones: string[];
  /** Clip ids I have already answered (a video reply, comment, decision or "done" by me, or a reply clip of mine). */
  repliedByMe: ReadonlySet<string>;
}

export function isMine(clip: Pick<InboxClipInput, 'authorId' | 'local'>, viewer: Pick<InboxViewer, 'id'>): boolean {
  return clip.authorId === viewer.id || (clip.authorId === null && clip.local);
}

export function asksSomething(clip: Pick<InboxClipInput, 'ask' | 'urgency'>): boolean {
  return (clip.ask !== null && clip.ask.trim() !== '') || clip.urgency === 'reply-needed' || clip.urgency === 'urgent';
}

export function addressedTo(clip: Pick<InboxClipInput, 'recipients'>, viewer: Pick<InboxViewer, 'id' | 'name'>): boolean {
  if (clip.recipients.length === 0) return true;
  const name = viewer.name.trim().toLowerCase();
  return clip.recipients.some((r) => r === viewer.id || (name !== '' && r.trim().toLowerCase() === name));
}

const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, 'reply-needed': 1, fyi: 2 };

/** By dueAt ascending, clips without a deadline after those with one, urgent before reply-needed on ties, then recordedAt. */
export function compareNeedsReply(a: InboxClipInput, b: InboxClipInput): number {
  const da = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const db = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  const ua = URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
  if (ua !== 0) return ua;
  const ra = Date.parse(a.recordedAt) - Date.parse(b.recordedAt);
  if (ra !== 0) return ra;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Distinct zones ordered east to west at `now` (the order the day sweeps the team), then by name. */
export function orderZones(zones: string[], nowIso: string): string[] {
  return [...new Set(zones)].sort((a, b) => offsetMinutes(nowIso, b) - offsetMinutes(nowIso, a) || (a < b ? -1 : a > b ? 1 : 0));
}

export function buildInbox(input: InboxInput): Inbox {
  const { viewer } = input;
  const nowMs = Date.parse(viewer.now);
  const zones = orderZones([...input.teamTimezones, viewer.timezone], viewer.now);

  const view = (clip: InboxClipInput): InboxClip => {
    const sender = localDateAndTime(clip.recordedAt, clip.authorTimezone);
    return {
      id: clip.id,
      title: clip.title,
      author: clip.author,
      authorTimezone: clip.authorTimezone,
      recordedAt: clip.recordedAt,
      senderLocalTime: sender.time,
      viewerLocalTime: localTime(clip.recordedAt, viewer.timezone),
      dueAt: clip.dueAt,
      dueViewerLocalTime: clip.dueAt ? localTime(clip.dueAt, viewer.timezone) : null,
      urgency: clip.urgency,
      ask: clip.ask,
      replyTo: clip.replyTo,
      state: clip.state,
      durationMs: clip.durationMs,
      workday: sender.date,
      mine: isMine(clip, viewer),
      future: Date.parse(clip.recordedAt) > nowMs,
      transcriptState: clip.transcriptState ?? 'none',
      unread: !isMine(clip, viewer) && !clip.seenByMe,
      draft: isMine(clip, viewer) && clip.local && Boolean(clip.draft),
    };
  };

  // Each clip is placed in its zones once; needs-reply shows the same objects as the workdays.
  const views = new Map<InboxClipInput, InboxClip>();
  const byDay = new Map<string, { clip: InboxClip; ms: number }[]>();
  for (const clip of input.clips) {
    const shown = view(clip);
    views.set(clip, shown);
    const list = byDay.get(shown.workday) ?? [];
    list.push({ clip: shown, ms: Date.parse(clip.recordedAt) });
    byDay.set(shown.workday, list);
  }

  const workdays: InboxWorkday[] = [...byDay.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((date) => ({
      date,
      timezones: zones.map((timezone) => ({ timezone, state: dayStateIn(date, timezone, viewer.now) })),
      clips: (byDay.get(date) ?? [])
        .sort((a, b) => a.ms - b.ms || (a.clip.id < b.clip.id ? -1 : 1))
        .map((entry) => entry.clip),
    }));

  const needsReply = input.clips
    .filter((clip) => !isMine(clip, viewer) && asksSomething(clip) && addressedTo(clip, viewer) && !input.repliedByMe.has(clip.id))
    .sort(compareNeedsReply)
    .map((clip) => views.get(clip) ?? view(clip));

  const drafts = [...views.values()]
    .filter((clip) => clip.draft)
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || (a.id < b.id ? -1 : 1));

  return { viewer: { timezone: viewer.timezone, now: viewer.now }, needsReply, drafts, workdays };
}
