// handoff://clip/<id> opens a clip. Links arrive as open-url (macOS) or in a second instance's argv (Windows, Linux).
export const DEEP_LINK_SCHEME = 'handoff';

export type DeepLink = { kind: 'clip'; id: string; atSeconds: number | null };

export function parseDeepLink(raw: string): DeepLink | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // handoff://clip/<id>: the URL parser puts "clip" in the host for this non-special scheme.
  const parts = [url.hostname, ...url.pathname.split('/')].filter(Boolean);
  if (parts.length !== 2 || parts[0] !== 'clip' || !/^[A-Za-z0-9_-]{6,64}$/.test(parts[1])) return null;
  const t = Number(url.searchParams.get('t'));
  return { kind: 'clip', id: parts[1], atSeconds: Number.isFinite(t) && t > 0 ? t : null };
}

export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (arg.startsWith(`${DEEP_LINK_SCHEME}://`)) return parseDeepLink(arg);
  }
  return null;
}

/** Where the renderer should go for a link: its hash route. */
export function routeFor(link: DeepLink): string {
  return `#/clip/${link.id}${link.atSeconds ? `?t=${link.atSeconds}` : ''}`;
}
