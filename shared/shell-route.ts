// Routes that reach the renderer from outside the page (deep links, the tray, notifications, a second instance's
// argv) pass through here. It never throws: anything it does not recognise becomes the inbox, and a clip time out of
// range is dropped, so a hostile or mistyped link can neither crash the shell nor fail the `app:navigate` schema.
import { clipId } from './contract/clips';

export const INBOX_ROUTE = '#/inbox';

/** The longest recording time a link may point at (a day); beyond it the time is dropped and the clip opens at 0. */
export const MAX_LINK_SECONDS = 86_400;

const SIMPLE_ROUTES = new Set(['inbox', 'search', 'decisions', 'record', 'settings']);

/** A time from a link: finite, within [0, MAX_LINK_SECONDS], at millisecond precision; anything else is null. */
export function linkSeconds(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_LINK_SECONDS) return null;
  return Math.round(seconds * 1000) / 1000;
}

/** The contract's own rule for a clip id, so a link and a call agree on what one is. */
export function isClipId(value: string): boolean {
  return clipId.safeParse(value).success;
}

export function clipRoute(id: string, atSeconds: number | null): string {
  if (!isClipId(id)) return INBOX_ROUTE;
  // toString() of a number in range never uses an exponent (that starts at 1e21), and the rounding above keeps it short.
  return `#/clip/${id}${atSeconds === null || atSeconds === 0 ? '' : `?t=${atSeconds}`}`;
}

/** Any route string to one the renderer knows, in the form the `app:navigate` event accepts. */
export function normalizeShellRoute(route: unknown): string {
  if (typeof route !== 'string' || route.length > 2048) return INBOX_ROUTE;
  const match = /^#\/([a-z-]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(route);
  if (!match) return INBOX_ROUTE;
  const [, name, rest = '', query = ''] = match;
  if (name === 'clip') return clipRoute(rest, linkSeconds(new URLSearchParams(query).get('t')));
  if (SIMPLE_ROUTES.has(name) && rest === '' && query === '') return `#/${name}`;
  return INBOX_ROUTE;
}
