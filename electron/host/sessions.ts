// Browser-mode sessions. Trading the launch token makes a session of two random secrets that say nothing about the
// token: an id that travels as an HttpOnly cookie, and a page key the page keeps in its own origin's localStorage and
// sends as a header (calls) or a query parameter (media, the event socket). Browsers send cookies to every port of
// 127.0.0.1, so any other local server the browser visits receives the id; on its own it opens only the public
// renderer files, never a call, an event or a clip's media.
import { randomBytes } from 'node:crypto';
import { tokensEqual } from './security';

export { SESSION_KEY_HEADER, SESSION_KEY_PARAM } from '../../shared/browser-session';

/** Each trade of the token makes one; the oldest go first beyond this, so a loop of trades cannot grow memory. */
const MAX_SESSIONS = 64;

export interface Session {
  id: string;
  key: string;
}

export class SessionStore {
  private readonly sessions = new Map<string, string>();

  create(): Session {
    const session = { id: randomBytes(32).toString('base64url'), key: randomBytes(32).toString('base64url') };
    this.sessions.set(session.id, session.key);
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    return session;
  }

  /** The cookie alone: enough for the renderer's own files, which hold no data. */
  known(ids: string[]): boolean {
    return ids.some((id) => this.sessions.has(id));
  }

  /** The cookie and the page key together: what calls, events and media need. */
  verify(ids: string[], key: string | null): boolean {
    return ids.some((id) => {
      const expected = this.sessions.get(id);
      return expected !== undefined && tokensEqual(key, expected);
    });
  }
}
