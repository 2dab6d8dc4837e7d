import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../electron/host/sessions';
import { adoptSessionKey, sessionKeyHeaders, setSessionKey, withSessionKey } from '../../renderer/src/api/session-key';

describe('browser-mode sessions', () => {
  it('needs the cookie and the page key together for data, the cookie alone for the page', () => {
    const store = new SessionStore();
    const session = store.create();
    expect(store.known([session.id])).toBe(true);
    expect(store.verify([session.id], session.key)).toBe(true);
    expect(store.verify([session.id], null)).toBe(false);
    expect(store.verify([session.id], session.id)).toBe(false);
    expect(store.verify([], session.key)).toBe(false);
    expect(store.verify(['planted', session.id], session.key)).toBe(true);
  });

  it('keeps a bounded number of sessions, dropping the oldest', () => {
    const store = new SessionStore();
    const first = store.create();
    for (let i = 0; i < 100; i++) store.create();
    expect(store.known([first.id])).toBe(false);
  });
});

describe('the page key in the renderer', () => {
  it('moves the key from the address bar into storage and keeps the route', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    const replaced: string[] = [];
    const history = { replaceState: (_d: unknown, _u: string, url: string) => void replaced.push(url) };
    expect(adoptSessionKey({ href: 'http://127.0.0.1:5/?session-key=K1&x=1#/clip/a' }, history, storage)).toBe('K1');
    expect(replaced).toEqual(['/?x=1#/clip/a']);
    // A reload without it in the URL finds it in storage.
    expect(adoptSessionKey({ href: 'http://127.0.0.1:5/#/inbox' }, history, storage)).toBe('K1');
    expect(replaced).toHaveLength(1);
  });

  it('adds the key to media and socket paths and to call headers', () => {
    setSessionKey('a/b');
    expect(withSessionKey('/media/x/video.mp4')).toBe('/media/x/video.mp4?session-key=a%2Fb');
    expect(withSessionKey('/events?x=1')).toBe('/events?x=1&session-key=a%2Fb');
    expect(sessionKeyHeaders()).toEqual({ 'x-handoff-key': 'a/b' });
    setSessionKey(null);
    expect(withSessionKey('/events')).toBe('/events');
  });
});
