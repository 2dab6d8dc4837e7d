// What deserves a desktop notification, decided by pure functions: a teammate's update arrived, or a deadline of
// mine (an update asking me for something) is near. The shell only shows what these return.
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
  clipId: string;
  title: string;
  body: string;
}

export function arrivalNotices(arrived: NotifiableClip[], myId: string | null): Notice[] {
  return arrived
    .filter((clip) => clip.authorId === null || clip.authorId !== myId)
    .map((clip) => ({
      key: `arrived:${clip.id}`,
      clipId: clip.id,
      title: `New update from ${clip.author}`,
      body: clip.ask ? `${clip.title || 'Untitled'} — asks: ${clip.ask}` : clip.title || 'Untitled update',
    }));
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
    if (left <= 0 || left > options.leadMs || options.alreadyShown.has(key)) continue;
    notices.push({
      key,
      clipId: clip.id,
      title: `Reply due ${format.format(new Date(due))}`,
      body: `${clip.author}: ${clip.ask ?? clip.title}`,
    });
  }
  return notices;
}
