// Pure helpers for the team loop's screens: a title when none was typed, where a share link works, and comment text
// split into plain text and links (rendered as text nodes and anchors, never as HTML).

/** "Update, Tuesday 14:05" in the given zone: the title of an update published without one. */
export function fallbackTitle(nowIso: string, timezone: string): string {
  const at = new Date(nowIso);
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'long' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `Update, ${weekday} ${time}`;
}

/** The title to publish with: what was typed, else the transcript's first sentence, else the weekday and time. */
export function titleToPublish(typed: string, suggestion: string, nowIso: string, timezone: string): string {
  return typed.trim() || suggestion.trim() || fallbackTitle(nowIso, timezone);
}

export interface LinkLike {
  url: string;
  kind: 'local' | 's3';
  expiresAt: string | null;
}

/** Where a link opens: only here (loopback), on the local network, or anywhere (a bucket page) until it expires. */
export function whereLinkWorks(link: LinkLike, formatDate: (iso: string) => string): string {
  const until = link.expiresAt ? `, until ${formatDate(link.expiresAt)}` : '';
  if (link.kind === 's3') return `Works anywhere${until}`;
  let host = '';
  try {
    host = new URL(link.url).hostname;
  } catch {
    return `Works where this address is reachable${until}`;
  }
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return `Works on this computer only${until}`;
  return `Works on your local network while this app runs${until}`;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;

/** Splits comment text into text and http(s) links; trailing punctuation stays text. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let href = match[0];
    const trailing = /[.,;:!?)\]]+$/.exec(href)?.[0] ?? '';
    if (trailing) href = href.slice(0, -trailing.length);
    const start = match.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: href, href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export interface CommentLike {
  id: string;
  parentId: string | null;
  createdAt: string;
}

/** Top-level comments in time order, each with its replies in time order (a reply whose parent is missing stands alone). */
export function threadComments<T extends CommentLike>(comments: T[]): { comment: T; replies: T[] }[] {
  const sorted = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const ids = new Set(sorted.map((c) => c.id));
  const threads = new Map<string, { comment: T; replies: T[] }>();
  for (const c of sorted) if (!c.parentId || !ids.has(c.parentId)) threads.set(c.id, { comment: c, replies: [] });
  for (const c of sorted) if (c.parentId && threads.has(c.parentId)) threads.get(c.parentId)!.replies.push(c);
  return [...threads.values()];
}
