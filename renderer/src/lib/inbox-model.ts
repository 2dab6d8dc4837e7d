// The inbox as the workspace side returns it from `inbox:get`, and the client-side stand-in that builds the same
// shape from `clips:list` until that call exists. Components take these types as props and know nothing else.
import type { ClipSummary } from '../../../shared/contract/clips';
import type { InboxClip as SharedInboxClip } from '../../../shared/inbox';
import { dayStateIn, formatClock, workdayOf, type DayState } from './time';

export type { TranscriptState } from '../../../shared/contract/transcription';
import type { Urgency } from '../../../shared/inbox';
export type { Urgency };

/**
 * A row as components need it: the fields of the inbox's own clip (shared/inbox) that rows show. `ask` is optional
 * because the provisional inbox built from `clips:list` may not know it.
 */
export type InboxClip = Pick<
  SharedInboxClip,
  'id' | 'title' | 'author' | 'authorTimezone' | 'recordedAt' | 'senderLocalTime' | 'viewerLocalTime' | 'dueAt' | 'urgency' | 'durationMs' | 'transcriptState' | 'unread'
> & { ask?: string | null };

export interface WorkdayZone {
  timezone: string;
  state: DayState;
}

export interface Workday {
  date: string;
  timezones: WorkdayZone[];
  clips: InboxClip[];
}

export interface InboxData {
  viewer: { timezone: string; now: string };
  needsReply: InboxClip[];
  workdays: Workday[];
}

export interface Teammate {
  name: string;
  timezone: string;
  workingHours: string | null;
}

export function toInboxClip(clip: ClipSummary, viewerTimezone: string): InboxClip {
  return {
    id: clip.id,
    title: clip.title,
    author: clip.author,
    authorTimezone: clip.authorTimezone,
    recordedAt: clip.recordedAt,
    senderLocalTime: formatClock(clip.recordedAt, clip.authorTimezone),
    viewerLocalTime: formatClock(clip.recordedAt, viewerTimezone),
    dueAt: clip.dueAt,
    urgency: clip.urgency,
    durationMs: clip.durationMs,
    // clips:list does not carry these yet; inbox:get will.
    transcriptState: 'none',
    unread: false,
    ask: clip.ask,
  };
}

const byDue = (a: InboxClip, b: InboxClip) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || a.recordedAt.localeCompare(b.recordedAt);

/** Groups clips by their sender's workday: workdays newest first, clips within a day in recorded (UTC) order. */
export function buildInbox(
  clips: ClipSummary[],
  viewer: { timezone: string; name: string; now: Date },
  convert: (clip: ClipSummary) => InboxClip = (clip) => toInboxClip(clip, viewer.timezone),
): InboxData {
  const days = new Map<string, InboxClip[]>();
  const zones = new Set<string>([viewer.timezone]);
  const needsReply: InboxClip[] = [];
  for (const summary of clips) {
    const clip = convert(summary);
    const date = workdayOf(clip.recordedAt, clip.authorTimezone);
    let list = days.get(date);
    if (!list) days.set(date, (list = []));
    list.push(clip);
    zones.add(clip.authorTimezone);
    const mine = viewer.name !== '' && clip.author === viewer.name;
    if (!mine && clip.urgency !== 'fyi') needsReply.push(clip);
  }
  const zoneList = [...zones].sort();
  const workdays = [...days.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([date, list]) => ({
      date,
      timezones: zoneList.map((timezone) => ({ timezone, state: dayStateIn(date, timezone, viewer.now) })),
      clips: list.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
    }));
  return { viewer: { timezone: viewer.timezone, now: viewer.now.toISOString() }, needsReply: needsReply.sort(byDue), workdays };
}

/** Everyone who sent something, with their latest known zone; working hours unknown until people:list exists. */
export function teammatesFromClips(clips: ClipSummary[], viewerName: string): Teammate[] {
  const latest = new Map<string, ClipSummary>();
  for (const clip of clips) {
    if (clip.author === viewerName) continue;
    const seen = latest.get(clip.author);
    if (!seen || seen.recordedAt < clip.recordedAt) latest.set(clip.author, clip);
  }
  return [...latest.values()]
    .map((clip) => ({ name: clip.author, timezone: clip.authorTimezone, workingHours: null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface InboxFilters {
  person: string;
  urgency: Urgency | '';
}

export function matchesFilters(clip: InboxClip, filters: InboxFilters): boolean {
  return (!filters.person || clip.author === filters.person) && (!filters.urgency || clip.urgency === filters.urgency);
}

export type InboxRow = { kind: 'header'; key: string; workday: Workday; count: number } | { kind: 'clip'; key: string; clip: InboxClip };

/** Flattens workdays into one list of header and clip rows for the virtualizer, dropping days the filters empty. */
export function flattenWorkdays(workdays: Workday[], filters: InboxFilters): InboxRow[] {
  const rows: InboxRow[] = [];
  for (const workday of workdays) {
    const clips = workday.clips.filter((clip) => matchesFilters(clip, filters));
    if (clips.length === 0) continue;
    rows.push({ kind: 'header', key: `day-${workday.date}`, workday, count: clips.length });
    for (const clip of clips) rows.push({ kind: 'clip', key: clip.id, clip });
  }
  return rows;
}

export function peopleIn(data: InboxData): string[] {
  const names = new Set<string>();
  for (const day of data.workdays) for (const clip of day.clips) names.add(clip.author);
  return [...names].sort((a, b) => a.localeCompare(b));
}
