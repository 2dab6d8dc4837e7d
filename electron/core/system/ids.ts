import { randomBytes } from 'node:crypto';

/**
 * A random url-safe id of `bytes` random bytes that never starts with '-': ids and tokens are typed as command-line
 * arguments (`handoff show ID`, `handoff revoke TOKEN`), where a leading dash reads as an option. Redrawing the 1 in
 * 64 that would start with one costs under 0.03 bits.
 */
export function newId(bytes: number): string {
  for (;;) {
    const id = randomBytes(bytes).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
