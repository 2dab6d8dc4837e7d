// The inbox as the workspace side returns it from `inbox:get`, and the provisional one built from the newest page of
// `clips:list` by the same rules while that call is on its way. Components take these types as props and know
// nothing else.
import type { ClipSummary } from '../../../shared/contract/clips';
import { buildInbox as buildSharedInbox, type InboxClip as SharedInboxClip, type InboxClipInput } from '../../../shared/inbox';
import type { ZoneDayState } from '../../../shared/norms/day-state';

export type { TranscriptState } from '../../../shared/contract/transcription';
import type { Urgency } from '../../../shared/inbox';
export type { Urgency };

/** A row as components need it: the fields of the inbox's own clip (shared/inbox) that rows show. */
export type InboxClip = Pick<
  SharedInboxClip,
  'id' | 'title' | 'author' | 'authorTimezone' | 'recordedAt' | 'senderLocalTime' | 'viewerLocalTime' | 'dueAt' | 'urgency' | 'durationMs' | 'transcriptState' | 'unread' | 'ask' | 'draft'
> &
  Partial<Pick<SharedInboxClip, 'replyBy' | 'replyState' | 'workingHoursLeft' | 'escalate' | 'counts' | 'mine'>>;

export interface WorkdayZone {
  timezone: string;
  state: ZoneDayState;
}

export interface Workday {
  date: string;
  timezones: WorkdayZone[];
  clips: InboxClip[];
}

export interface InboxData {
  viewer: { timezone: string; now: string };
  needsReply: InboxClip[];
  /** My unpublished recordings, listed apart. */
  drafts: InboxClip[];
  workdays: Workday[];
}

export interface Teammate {
  name: string;
  timezone: string;
  workingHours: string | null;
  /** mon-fri, sun-thu, …; absent: mon-fri. */
  workdays?: string;
}

/**
 * The newest clips grouped by the inbox's own rules (shared/inbox) while `inbox:get` orders the whole library. What
 * `clips:list` does not carry stays neutral rather than guessed: no needs-reply (its rules need recipients and
 * replies), no unread dots, no transcription state. The zones are the senders' own, until people:list answers.
 */
export function provisionalInbox(clips: ClipSummary[], viewer: { timezone: string; now: Date }): InboxData {
  const input: InboxClipInput[] = clips.map((clip) => ({
    ...clip,
    authorId: null,
    recipients: [],
    replyTo: null,
    local: false,
    seenByMe: true,
  }));
  const inbox = buildSharedInbox({
    viewer: { id: '', name: '', timezone: viewer.timezone, now: viewer.now.toISOString() },
    clips: input,
    teamTimezones: clips.map((clip) => clip.authorTimezone),
    repliedByMe: new Set(),
  });
  return { ...inbox, needsReply: [] };
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
