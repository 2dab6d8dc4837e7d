import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chunkAad,
  chunkCount,
  chunkNonce,
  decryptBuffer,
  decryptChunk,
  E2E_TAG_BYTES,
  encryptBuffer,
  encryptedSize,
  encryptFile,
  keyFromPassword,
  newContentKey,
  newKdf,
} from '../../electron/core/share/encrypted-media';

const CHUNK = 1000;

describe('chunked AES-GCM for shared media', () => {
  it('round-trips a file chunk by chunk, sizes and chunk counts as the page computes them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-e2e-'));
    const plain = randomBytes(3 * CHUNK + 123);
    writeFileSync(path.join(dir, 'in'), plain);
    const key = newContentKey();
    const info = await encryptFile(key, 'video', path.join(dir, 'in'), path.join(dir, 'out'), CHUNK);
    const data = readFileSync(path.join(dir, 'out'));
    expect(chunkCount(info)).toBe(4);
    expect(data.length).toBe(encryptedSize(info));
    expect(data.length).toBe(plain.length + 4 * E2E_TAG_BYTES);
    expect(data.includes(plain.subarray(0, 64))).toBe(false);
    expect(decryptBuffer(key, 'video', info, data).equals(plain)).toBe(true);
    // Any single chunk opens on its own: what seeking needs.
    const step = CHUNK + E2E_TAG_BYTES;
    expect(decryptChunk(key, 'video', info, 2, data.subarray(2 * step, 3 * step)).equals(plain.subarray(2 * CHUNK, 3 * CHUNK))).toBe(true);
    expect(decryptChunk(key, 'video', info, 3, data.subarray(3 * step)).equals(plain.subarray(3 * CHUNK))).toBe(true);
  });

  it('encrypts an empty file as one tag-only chunk', () => {
    const key = newContentKey();
    const { info, data } = encryptBuffer(key, 'captions', Buffer.alloc(0), CHUNK);
    expect(data.length).toBe(E2E_TAG_BYTES);
    expect(decryptBuffer(key, 'captions', info, data).length).toBe(0);
  });

  it('refuses a tampered chunk, a reordered chunk, a chunk of another file and a wrong key', () => {
    const key = newContentKey();
    const plain = randomBytes(2 * CHUNK);
    const { info, data } = encryptBuffer(key, 'video', plain, CHUNK);
    const step = CHUNK + E2E_TAG_BYTES;
    const tampered = Buffer.from(data);
    tampered[step + 10] ^= 1;
    expect(() => decryptBuffer(key, 'video', info, tampered)).toThrow(/chunk 1 of video does not open/);
    const swapped = Buffer.concat([data.subarray(step), data.subarray(0, step)]);
    expect(() => decryptBuffer(key, 'video', info, swapped)).toThrow(/chunk 0 of video/);
    expect(() => decryptChunk(key, 'captions', info, 0, data.subarray(0, step))).toThrow(/does not open/);
    expect(() => decryptBuffer(newContentKey(), 'video', info, data)).toThrow(/wrong key/);
    // A truncated file (its last chunk dropped) is refused before decrypting, and a lie about the size fails the AAD.
    expect(() => decryptBuffer(key, 'video', info, data.subarray(0, step))).toThrow(/expected/);
    expect(() => decryptChunk(key, 'video', { ...info, size: CHUNK }, 0, data.subarray(0, step))).toThrow(/does not open/);
  });

  it('never reuses a nonce within a file and binds index, count and size as additional data', () => {
    const base = randomBytes(12);
    const nonces = new Set(Array.from({ length: 5000 }, (_, i) => chunkNonce(base, i).toString('hex')));
    expect(nonces.size).toBe(5000);
    expect(chunkNonce(base, 0).equals(base)).toBe(true);
    expect(chunkAad('video', 3, { size: 4500, chunkSize: CHUNK }).toString()).toBe('handoff-e2e/1 video 3/5 4500');
  });

  it('decrypts in WebCrypto exactly as the page does, with a key from the fragment or from a password', async () => {
    const kdf = newKdf(1000);
    const key = await keyFromPassword('correct horse', kdf);
    const plain = randomBytes(CHUNK + 5);
    const { info, data } = encryptBuffer(key, 'video', plain, CHUNK);
    const subtle = globalThis.crypto.subtle;
    const material = await subtle.importKey('raw', new TextEncoder().encode('correct horse'), 'PBKDF2', false, ['deriveKey']);
    const derived = await subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(Buffer.from(kdf.salt, 'base64url')), iterations: kdf.iterations },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
    const step = CHUNK + E2E_TAG_BYTES;
    const opened = await subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(chunkNonce(Buffer.from(info.nonce, 'base64url'), 1)), additionalData: new Uint8Array(chunkAad('video', 1, info)), tagLength: 128 },
      derived,
      new Uint8Array(data.subarray(step)),
    );
    expect(Buffer.from(opened).equals(plain.subarray(CHUNK))).toBe(true);
    const wrong = await keyFromPassword('wrong horse', kdf);
    expect(() => decryptBuffer(wrong, 'video', info, data)).toThrow(/wrong key/);
  });
});
