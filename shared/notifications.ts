// What deserves a notification, decided by pure functions: a teammate's update for me arrived, or a reply asked of me
// falls due soon. Core's notifier (electron/core/notify) feeds them from the library and emits `app:notify`; the
// desktop shell and browser mode only show what comes out.
import { clipRoute } from './shell-route';

export interface NotifiableClip {
  id: string;
  title: string;
  author: string;
  authorId: string | null;
  dueAt: string | null;
  ask: string | null;
  repliedByMe: boolean;
}

export interface Notice {
  key: string;
  kind: 'arrival' | 'deadline' | 'summary' | 'digest';
  clipId: string | null;
  title: string;
  body: string;
  route: string;
}

/** At most this many arrivals are announced one by one per sync; the rest become one summary. */
export const MAX_ARRIVAL_NOTICES = 5;

export function arrivalNotices(arrived: NotifiableClip[], myId: string | null): Notice[] {
  return arrived
    .filter((clip) => clip.authorId === null || clip.authorId !== myId)
    .map((clip) => ({
      key: `arrival:${clip.id}`,
      kind: 'arrival' as const,
      clipId: clip.id,
      title: `New update from ${clip.author}`,
      body: clip.ask ? `${clip.title || 'Untitled'} — asks: ${clip.ask}` : clip.title || 'Untitled update',
      route: clipRoute(clip.id, null),
    }));
}

/**
 * A burst (a first sync, a week away) would otherwise fill the screen: the first few are shown one by one and the
 * rest as one summary that opens the inbox. Every item still counts as notified.
 */
export function limitArrivals(notices: Notice[], max = MAX_ARRIVAL_NOTICES): Notice[] {
  if (notices.length <= max) return notices;
  const shown = notices.slice(0, max - 1);
  const rest = notices.length - shown.length;
  return [
    ...shown,
    { key: `summary:${notices[max - 1].key}`, kind: 'summary', clipId: null, title: `${rest} more new updates`, body: 'Open your inbox to see them.', route: '#/inbox' },
  ];
}

/** Deadlines within `leadMs` from now (and not yet past), once per clip; times shown in the viewer's zone. */
export function deadlineNotices(
  clips: NotifiableClip[],
  options: { now: Date; leadMs: number; viewerTimeZone: string; alreadyShown: ReadonlySet<string> },
): Notice[] {
  const format = new Intl.DateTimeFormat('en', { timeZone: options.viewerTimeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
  const notices: Notice[] = [];
  for (const clip of clips) {
    if (!clip.dueAt || clip.repliedByMe) continue;
    const due = Date.parse(clip.dueAt);
    const left = due - options.now.getTime();
    const key = `deadline:${clip.id}`;
    if (Number.isNaN(due) || left <= 0 || left > options.leadMs || options.alreadyShown.has(key)) continue;
    notices.push({
      key,
      kind: 'deadline',
      clipId: clip.id,
      title: `Reply due ${format.format(new Date(due))}`,
      body: `${clip.author}: ${clip.ask ?? clip.title}`,
      route: clipRoute(clip.id, null),
    });
  }
  return notices;
}
