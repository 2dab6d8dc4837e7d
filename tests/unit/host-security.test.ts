import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  newToken,
  readCookie,
  readCookies,
  safeDecode,
  tokensEqual,
} from '../../electron/host/security';

describe('browser-mode gatekeeping', () => {
  it('accepts only loopback Host headers on our own port', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true);
    expect(isAllowedHost('[::1]:4000', 4000)).toBe(true);
    expect(isAllowedHost('evil.example', 4000)).toBe(false);
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
  });

  it('refuses any Origin that is not this server', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 4000)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4000.evil.example', 4000)).toBe(false);
  });

  it('makes 256-bit url-safe tokens and compares them exactly', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token.slice(0, -1), token)).toBe(false);
    expect(tokensEqual(token + 'x', token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
    expect(tokensEqual(null, token)).toBe(false);
  });

  it('reads the session cookie and a bearer token', () => {
    expect(readCookie('a=1; handoff_session=abc%3D; b=2', 'handoff_session')).toBe('abc=');
    expect(readCookie('handoff_sessionx=1', 'handoff_session')).toBeNull();
    expect(readCookie(undefined, 'handoff_session')).toBeNull();
    expect(bearerToken('Bearer abc')).toBe('abc');
  });

  it('treats a cookie or path with bad percent-encoding as absent instead of throwing', () => {
    expect(readCookie('handoff_session=%', 'handoff_session')).toBeNull();
    expect(readCookie('handoff_session=%E0%A4%A', 'handoff_session')).toBeNull();
    // A planted malformed cookie does not hide the real one beside it.
    expect(readCookies('handoff_session=%; handoff_session=good', 'handoff_session')).toEqual(['good']);
    expect(safeDecode('%E0%A4%A')).toBeNull();
    expect(safeDecode('clips%3Alist')).toBe('clips:list');
    expect(bearerToken('Basic abc')).toBeNull();
  });
});
