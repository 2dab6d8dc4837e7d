// The timezone-ordered inbox as a pure function over plain data (DESIGN.md "The timezone-ordered inbox"): the same
// rules run in core (CLI, contract) and could run in the renderer.
import type { TranscriptState } from '../contract/transcription';
import { localDateAndTime, localTime, offsetMinutes } from './zones';
import { HOUR_MS, localIso, type WorkingCalendar } from '../norms/calendar';
import { zoneDayState, type ZoneDayState } from '../norms/day-state';
import { overdueByAWorkday, replyPlan, replyStatus, type Norms, type ReplyState } from '../norms/reply-by';

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
  /** When its author published it: the send instant a reply window counts from (else recordedAt). */
  publishedAt?: string | null;
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
  /** On needs-reply items when norms are known: when my reply is expected (ISO with my offset; null: no window). */
  replyBy?: string | null;
  replyState?: ReplyState;
  /** My working hours left until replyBy; negative once past; null with no window. */
  workingHoursLeft?: number | null;
  /** Overdue by one of my working days: time to propose talking live. */
  escalate?: boolean;
}

export interface InboxWorkday {
  date: string;
  timezones: { timezone: string; state: ZoneDayState }[];
  clips: InboxClip[];
}

export interface Inbox {
  viewer: { timezone: string; now: string };
  needsReply: InboxClip[];
  /** My unpublished recordings, newest first, listed apart (they stay in their workday too, marked). */
  drafts: InboxClip[];
  workdays: InboxWorkday[];
  /** A windowed read (the library's inbox:get): this page's size and cursor; `nextBefore` null on the oldest page. */
  page?: { days: number; before: string | null; nextBefore: string | null };
  /** Totals beyond the page: every open ask is listed; drafts are counted past the newest ones listed, up to 1,000. */
  counts?: { needsReply: number; drafts: number; clipsInPage: number };
}

export interface InboxInput {
  viewer: InboxViewer;
  clips: InboxClipInput[];
  /** Timezones of the team's people (duplicates are fine). */
  teamTimezones: string[];
  /** Clip ids I have already answered (an answering event or a reply clip by me). */
  repliedByMe: ReadonlySet<string>;
  /**
   * The candidates for "Needs your reply" when `clips` is only a page of the inbox (the library reads them through an
   * index); absent: taken from `clips`.
   */
  asks?: InboxClipInput[];
  /** The drafts to list when `clips` is only a page; absent: those among `clips`. */
  draftClips?: InboxClipInput[];
  /** Response-time norms: my calendar counts my reply windows; the team's calendars mark days off in the headers. */
  norms?: { viewerCalendar: WorkingCalendar; norms: Norms; teamCalendars: readonly WorkingCalendar[] };
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

/** compareNeedsReply's order with each instant parsed once, not per comparison (thousands of open asks sort often). */
function sortNeedsReply(open: InboxClipInput[]): InboxClipInput[] {
  return open
    .map((clip) => ({ clip, due: clip.dueAt ? Date.parse(clip.dueAt) : Number.POSITIVE_INFINITY, at: Date.parse(clip.recordedAt) }))
    .sort(
      (a, b) =>
        (a.due === b.due ? 0 : a.due < b.due ? -1 : 1) ||
        URGENCY_RANK[a.clip.urgency] - URGENCY_RANK[b.clip.urgency] ||
        a.at - b.at ||
        (a.clip.id < b.clip.id ? -1 : a.clip.id > b.clip.id ? 1 : 0),
    )
    .map((entry) => entry.clip);
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
  const views = new Map<string, InboxClip>();
  const byDay = new Map<string, { clip: InboxClip; ms: number }[]>();
  for (const clip of input.clips) {
    const shown = view(clip);
    views.set(clip.id, shown);
    const list = byDay.get(shown.workday) ?? [];
    list.push({ clip: shown, ms: Date.parse(clip.recordedAt) });
    byDay.set(shown.workday, list);
  }

  const workdays: InboxWorkday[] = [...byDay.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((date) => ({
      date,
      timezones: zones.map((timezone) => ({ timezone, state: zoneDayState(date, timezone, viewer.now, input.norms?.teamCalendars ?? []) })),
      clips: (byDay.get(date) ?? [])
        .sort((a, b) => a.ms - b.ms || (a.clip.id < b.clip.id ? -1 : 1))
        .map((entry) => entry.clip),
    }));

  const open = (input.asks ?? input.clips).filter(
    (clip) => !isMine(clip, viewer) && asksSomething(clip) && addressedTo(clip, viewer) && !input.repliedByMe.has(clip.id),
  );
  const needsReply = input.norms
    ? withReplyBy(open, input.norms, viewer, nowMs).map(({ clip, due }) => Object.assign(views.get(clip.id) ?? view(clip), due))
    : sortNeedsReply(open).map((clip) => views.get(clip.id) ?? view(clip));

  const draftViews = input.draftClips ? input.draftClips.map((clip) => views.get(clip.id) ?? view(clip)) : [...views.values()];
  const drafts = draftViews
    .filter((clip) => clip.draft)
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || (a.id < b.id ? -1 : 1));

  return { viewer: { timezone: viewer.timezone, now: viewer.now }, needsReply, drafts, workdays };
}

type ReplyDue = Required<Pick<InboxClip, 'replyBy' | 'replyState' | 'workingHoursLeft' | 'escalate'>>;

/** Each open ask with my replyBy and state, ordered by replyBy (none last), then urgency, then recordedAt. */
function withReplyBy(
  open: InboxClipInput[],
  norms: NonNullable<InboxInput['norms']>,
  viewer: InboxViewer,
  nowMs: number,
): { clip: InboxClipInput; due: ReplyDue; by: number; at: number }[] {
  const cal = norms.viewerCalendar;
  const rows = open.map((clip) => {
    const sentAt = Date.parse(clip.publishedAt ?? clip.recordedAt);
    const plan = replyPlan({ sentAt, dueAt: clip.dueAt ? Date.parse(clip.dueAt) : null, urgency: clip.urgency }, cal, norms.norms);
    if (!plan) {
      return { clip, by: Number.POSITIVE_INFINITY, at: Date.parse(clip.recordedAt), due: { replyBy: null, replyState: 'on-track', workingHoursLeft: null, escalate: false } as ReplyDue };
    }
    const status = replyStatus(plan, cal, nowMs, false);
    const due: ReplyDue = {
      // My calendar knows my zone's offsets; another viewing zone (--viewer-tz) goes through luxon directly.
      replyBy: cal.timezone === viewer.timezone ? localIso(cal, plan.replyBy) : localTime(new Date(plan.replyBy).toISOString(), viewer.timezone),
      replyState: status.state,
      workingHoursLeft: Math.round((status.workingMsLeft / HOUR_MS) * 100) / 100,
      escalate: overdueByAWorkday(status, cal),
    };
    return { clip, by: plan.replyBy, due, at: Date.parse(clip.recordedAt) };
  });
  return rows.sort(
    (a, b) =>
      (a.by === b.by ? 0 : a.by < b.by ? -1 : 1) ||
      URGENCY_RANK[a.clip.urgency] - URGENCY_RANK[b.clip.urgency] ||
      a.at - b.at ||
      (a.clip.id < b.clip.id ? -1 : a.clip.id > b.clip.id ? 1 : 0),
  );
}
