// handoff://clip/<id> opens a clip. Links arrive as open-url (macOS) or in a second instance's argv (Windows, Linux).
// Everything here is outside input: parsed leniently, never throwing (see shared/shell-route.ts).
import { clipRoute, INBOX_ROUTE, isClipId, linkSeconds } from '../../shared/shell-route';

export const DEEP_LINK_SCHEME = 'handoff';

export type DeepLink = { kind: 'clip'; id: string; atSeconds: number | null } | { kind: 'inbox' };

/** null when `raw` is not a handoff:// link at all; a handoff:// link to something unknown opens the inbox. */
export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // handoff://clip/<id>: the URL parser puts "clip" in the host for this non-special scheme.
  const parts = [url.hostname, ...url.pathname.split('/')].filter(Boolean);
  if (parts.length !== 2 || parts[0] !== 'clip' || !isClipId(parts[1])) return { kind: 'inbox' };
  return { kind: 'clip', id: parts[1], atSeconds: linkSeconds(url.searchParams.get('t')) };
}

export function deepLinkFromArgv(argv: unknown): DeepLink | null {
  if (!Array.isArray(argv)) return null;
  for (const arg of argv) {
    if (typeof arg === 'string' && arg.startsWith(`${DEEP_LINK_SCHEME}:`)) return parseDeepLink(arg);
  }
  return null;
}

/** Where the renderer should go for a link: its hash route. */
export function routeFor(link: DeepLink): string {
  return link.kind === 'clip' ? clipRoute(link.id, link.atSeconds) : INBOX_ROUTE;
}
