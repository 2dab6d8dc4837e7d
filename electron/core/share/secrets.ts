// The share links' secrets: tokens, password hashes and signed unlock cookies. All comparisons of secrets go through
// digests of equal length and timingSafeEqual, so neither the length nor the content of a secret leaks through timing.
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { newId } from '../system/ids';

/** 24 random bytes = 192 bits, base64url (32 characters). */
export function newShareToken(): string {
  return newId(24);
}

/** The lookup key stored next to the token: the index never compares the secret itself. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs 128 MiB per attempt; 2^15 keeps a check near 50 ms and 32 MiB on
// these 2-core machines while staying far beyond brute force of a rate-limited endpoint.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  return { N, r, p, maxmem: 256 * N * r };
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the parameters can be raised later without breaking old links. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, scryptOptions(SCRYPT.N, SCRYPT.r, SCRYPT.p));
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (![N, r, p].every(Number.isInteger) || expected.length === 0) return false;
  const key = await scryptAsync(password, salt, expected.length, scryptOptions(N, r, p));
  return timingSafeEqual(key, expected);
}

/** A cookie value proving the password of one link was given: `<expiryMs>.<hmac>`. */
export function signUnlock(secret: Buffer, token: string, expiresMs: number): string {
  const mac = createHmac('sha256', secret).update(`${token}.${expiresMs}`).digest('base64url');
  return `${expiresMs}.${mac}`;
}

export function verifyUnlock(secret: Buffer, token: string, value: string | null, nowMs: number): boolean {
  if (!value) return false;
  const dot = value.indexOf('.');
  const expiresMs = Number(value.slice(0, dot));
  if (dot <= 0 || !Number.isSafeInteger(expiresMs) || expiresMs < nowMs) return false;
  return secretsEqual(value, signUnlock(secret, token, expiresMs));
}

/** Fixed-window attempt counter per client key (IP): `take` says whether one more attempt is allowed. */
export function createRateLimiter(options: { limit: number; windowMs: number; now: () => number }) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key: string): boolean {
      const now = options.now();
      // Prune old windows as we go, so a stream of distinct clients cannot grow the map without bound.
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
      }
      const window = windows.get(key);
      if (!window || now - window.start >= options.windowMs) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      window.count += 1;
      return window.count <= options.limit;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * Attempts per key (a link) with exponential backoff: `free` attempts, then each next one waits twice as long as the
 * last (baseMs, 2·baseMs, … up to maxMs). A per-address limit alone lets every address of 127.0.0.0/8 (or of a LAN)
 * guess anew. An attempt counts when it starts, so parallel guesses cannot slip between check and verdict; a right
 * password clears the key, and a key left alone for `forgetMs` starts over.
 */
export function createBackoff(options: { free: number; baseMs: number; maxMs: number; forgetMs: number; now: () => number }) {
  const state = new Map<string, { attempts: number; lastAt: number; nextAt: number }>();
  return {
    /** 0 when an attempt may go ahead now (and counts it); otherwise the milliseconds to wait. */
    take(key: string): number {
      const now = options.now();
      let entry = state.get(key);
      if (entry && now - entry.lastAt >= options.forgetMs) entry = undefined;
      entry ??= { attempts: 0, lastAt: now, nextAt: now };
      if (now < entry.nextAt) return entry.nextAt - now;
      entry.attempts += 1;
      entry.lastAt = now;
      const over = entry.attempts - options.free;
      entry.nextAt = over >= 0 ? now + Math.min(options.maxMs, options.baseMs * 2 ** over) : now;
      state.set(key, entry);
      return 0;
    },
    clear(key: string): void {
      state.delete(key);
    },
  };
}
export type Backoff = ReturnType<typeof createBackoff>;

/** A viewer's session on one link: `<viewId>.<hmac>`, so only the browser that opened a view can name or time it. */
export function signView(secret: Buffer, token: string, viewId: number): string {
  const mac = createHmac('sha256', secret).update(`view:${token}:${viewId}`).digest('base64url');
  return `${viewId}.${mac}`;
}

/** The view id a cookie value proves for this link, or null. */
export function verifyView(secret: Buffer, token: string, value: string | null): number | null {
  if (!value) return null;
  const viewId = Number(value.slice(0, value.indexOf('.')));
  if (!Number.isSafeInteger(viewId) || viewId <= 0) return null;
  return secretsEqual(value, signView(secret, token, viewId)) ? viewId : null;
}
