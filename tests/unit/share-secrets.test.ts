import { describe, expect, it } from 'vitest';
import {
  createBackoff,
  createRateLimiter,
  signView,
  verifyView,
  hashPassword,
  newShareToken,
  secretsEqual,
  signUnlock,
  tokenDigest,
  verifyPassword,
  verifyUnlock,
} from '../../electron/core/share/secrets';
import { expiryFrom, linkStatus, type LinkRow } from '../../electron/core/share/links-store';

describe('share tokens', () => {
  it('are 192-bit base64url and distinct', () => {
    const tokens = new Set(Array.from({ length: 200 }, newShareToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    }
  });

  it('compare equal only when identical, whatever the lengths', () => {
    const token = newShareToken();
    expect(secretsEqual(token, token)).toBe(true);
    expect(secretsEqual(token.slice(0, -1), token)).toBe(false);
    expect(secretsEqual(token + 'a', token)).toBe(false);
    expect(secretsEqual('', token)).toBe(false);
    expect(tokenDigest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest(token)).not.toContain(token);
  });
});

describe('link passwords', () => {
  it('hash with scrypt and a per-link salt, and verify', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
    expect(await verifyPassword('correct horse', 'plain-text')).toBe(false);
  });
});

describe('unlock cookies', () => {
  const key = Buffer.alloc(32, 7);
  it('are valid for their link until they expire, and not when tampered with', () => {
    const value = signUnlock(key, 'tokenA', 2_000);
    expect(verifyUnlock(key, 'tokenA', value, 1_000)).toBe(true);
    expect(verifyUnlock(key, 'tokenB', value, 1_000)).toBe(false);
    expect(verifyUnlock(key, 'tokenA', value, 2_001)).toBe(false);
    expect(verifyUnlock(Buffer.alloc(32, 8), 'tokenA', value, 1_000)).toBe(false);
    expect(verifyUnlock(key, 'tokenA', value.replace('2000', '9000'), 1_000)).toBe(false);
    expect(verifyUnlock(key, 'tokenA', null, 1_000)).toBe(false);
    expect(verifyUnlock(key, 'tokenA', 'garbage', 1_000)).toBe(false);
  });
});

describe('password attempt limiter', () => {
  it('allows the limit per client per window, then refuses until the window passes', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 5, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 5; i++) expect(limiter.take('1.2.3.4')).toBe(true);
    expect(limiter.take('1.2.3.4')).toBe(false);
    expect(limiter.take('5.6.7.8')).toBe(true);
    now = 59_999;
    expect(limiter.take('1.2.3.4')).toBe(false);
    now = 60_000;
    expect(limiter.take('1.2.3.4')).toBe(true);
  });
});

describe('link expiry', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['30m', '2026-01-01T00:30:00.000Z'],
    ['24h', '2026-01-02T00:00:00.000Z'],
    ['7d', '2026-01-08T00:00:00.000Z'],
  ])('%s from now', (given, expected) => {
    expect(expiryFrom(given, now)?.toISOString()).toBe(expected);
  });
  it('never is null, nonsense is refused', () => {
    expect(expiryFrom('never', now)).toBeNull();
    expect(() => expiryFrom('1w', now)).toThrow(/expires/);
  });
  it('status: revoked wins, then expired at the instant, else active', () => {
    const row = { expires_at: '2026-01-01T01:00:00.000Z', revoked_at: null } as LinkRow;
    expect(linkStatus(row, now)).toBe('active');
    expect(linkStatus(row, new Date('2026-01-01T01:00:00Z'))).toBe('expired');
    expect(linkStatus({ ...row, revoked_at: '2026-01-01T00:00:00Z' }, now)).toBe('revoked');
    expect(linkStatus({ ...row, expires_at: null }, new Date('2099-01-01T00:00:00Z'))).toBe('active');
  });
});

describe('per-link password backoff and viewer sessions', () => {
  it('allows the free attempts, then doubles the wait, forgets after a quiet spell, and clears on success', () => {
    let now = 0;
    const backoff = createBackoff({ free: 3, baseMs: 1000, maxMs: 4000, forgetMs: 60_000, now: () => now });
    expect([backoff.take('a'), backoff.take('a'), backoff.take('a')]).toEqual([0, 0, 0]);
    expect(backoff.take('a')).toBe(1000);
    expect(backoff.take('b')).toBe(0);
    now += 1000;
    expect(backoff.take('a')).toBe(0);
    expect(backoff.take('a')).toBe(2000);
    now += 2000;
    expect(backoff.take('a')).toBe(0);
    expect(backoff.take('a')).toBe(4000);
    now += 4000;
    expect(backoff.take('a')).toBe(0);
    expect(backoff.take('a')).toBe(4000); // capped at maxMs
    now += 60_000;
    expect(backoff.take('a')).toBe(0);
    backoff.clear('a');
    expect([backoff.take('a'), backoff.take('a'), backoff.take('a')]).toEqual([0, 0, 0]);
  });

  it('signs a view for one link and one view only', () => {
    const key = Buffer.alloc(32, 1);
    const value = signView(key, 'tokenA', 7);
    expect(verifyView(key, 'tokenA', value)).toBe(7);
    expect(verifyView(key, 'tokenB', value)).toBeNull();
    expect(verifyView(key, 'tokenA', value.replace(/^7/, '8'))).toBeNull();
    expect(verifyView(Buffer.alloc(32, 2), 'tokenA', value)).toBeNull();
    expect(verifyView(key, 'tokenA', '%')).toBeNull();
    expect(verifyView(key, 'tokenA', null)).toBeNull();
  });
});
