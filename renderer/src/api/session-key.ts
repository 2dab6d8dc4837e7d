// Browser mode's page key (electron/host/sessions.ts). The host hands it over once in the URL after the launch token
// is traded; it is kept in localStorage, which browsers scope to this origin including its port (cookies are shared by
// every port of 127.0.0.1), and goes back only to this origin: as a header on calls, as a parameter on media and events.
import { SESSION_KEY_HEADER, SESSION_KEY_PARAM } from '../../../shared/browser-session';

const STORAGE_ITEM = 'handoff.sessionKey';

interface PageLocation {
  href: string;
}
interface PageHistory {
  replaceState(data: unknown, unused: string, url: string): void;
}
type KeyStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Moves a key from the address bar into storage (so it is not bookmarked or shared) and returns the current key. */
export function adoptSessionKey(location: PageLocation, history: PageHistory, storage: KeyStorage): string | null {
  const url = new URL(location.href);
  const offered = url.searchParams.get(SESSION_KEY_PARAM);
  if (offered) {
    storage.setItem(STORAGE_ITEM, offered);
    url.searchParams.delete(SESSION_KEY_PARAM);
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return storage.getItem(STORAGE_ITEM);
}

let current: string | null = null;

export function setSessionKey(key: string | null): void {
  current = key;
}

/** `path` with the page key appended, for requests that cannot carry a header (media elements, the WebSocket). */
export function withSessionKey(path: string): string {
  if (!current) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${SESSION_KEY_PARAM}=${encodeURIComponent(current)}`;
}

export function sessionKeyHeaders(): Record<string, string> {
  return current ? { [SESSION_KEY_HEADER]: current } : {};
}
