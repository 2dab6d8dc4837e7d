// End-to-end encryption of a shared clip's files: AES-256-GCM over fixed-size plaintext chunks, so a viewer's browser
// can decrypt any chunk on its own (playback starts early and seeking fetches only the chunks it needs). Each chunk's
// nonce is a random per-file base nonce with the chunk index XORed into its last 4 bytes (never reused under one key),
// and the file name, chunk index, chunk count and plaintext size are bound as additional data: a chunk moved, swapped
// between files, dropped or truncated fails authentication. The same layout is decrypted by the page's service worker
// with WebCrypto (encrypted-assets.ts), which is why the format is this plain.
import { createCipheriv, createDecipheriv, pbkdf2, randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { HandoffError } from '../../../shared/result';

// 256 KiB: a seek waits for one chunk to arrive and be decrypted before its first byte, so smaller chunks answer
// sooner (bench:share: 1 MiB chunks without read-ahead seeked in 1.52× the plain page's time, 256 KiB with read-ahead
// in 1.27×); the 16-byte tag per chunk costs 0.006%.
export const E2E_CHUNK_BYTES = 256 * 1024;
export const E2E_TAG_BYTES = 16;
/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const E2E_PBKDF2_ITERATIONS = 600_000;

/** What a browser needs to find and check one encrypted file; nothing in it is secret. */
export interface EncryptedFileInfo {
  /** Plaintext bytes. */
  size: number;
  chunkSize: number;
  /** 12-byte base nonce, base64url. */
  nonce: string;
}

export interface KdfInfo {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** 16 random bytes, base64url. */
  salt: string;
}

export function chunkCount(info: { size: number; chunkSize: number }): number {
  return Math.max(1, Math.ceil(info.size / info.chunkSize));
}

/** The encrypted size: every chunk (an empty file is one empty chunk) gains a 16-byte tag. */
export function encryptedSize(info: { size: number; chunkSize: number }): number {
  return info.size + chunkCount(info) * E2E_TAG_BYTES;
}

export function chunkNonce(base: Buffer, index: number): Buffer {
  if (base.length !== 12) throw new HandoffError('invalid-input', 'a base nonce is 12 bytes');
  const nonce = Buffer.from(base);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ index) >>> 0, 8);
  return nonce;
}

export function chunkAad(name: string, index: number, info: { size: number; chunkSize: number }): Buffer {
  return Buffer.from(`handoff-e2e/1 ${name} ${index}/${chunkCount(info)} ${info.size}`, 'utf8');
}

export function newContentKey(): Buffer {
  return randomBytes(32);
}

export function newKdf(iterations = E2E_PBKDF2_ITERATIONS): KdfInfo {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: randomBytes(16).toString('base64url') };
}

/** The AES key a password opens, exactly as the page derives it with WebCrypto (PBKDF2-HMAC-SHA256, 256 bits). */
export function keyFromPassword(password: string, kdf: KdfInfo): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password.normalize('NFC'), Buffer.from(kdf.salt, 'base64url'), kdf.iterations, 32, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function encryptChunk(key: Buffer, nonce: Buffer, aad: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Encrypts bytes in memory (captions, the page body): small files. */
export function encryptBuffer(key: Buffer, name: string, plain: Buffer, chunkSize = E2E_CHUNK_BYTES): { info: EncryptedFileInfo; data: Buffer } {
  const base = randomBytes(12);
  const info: EncryptedFileInfo = { size: plain.length, chunkSize, nonce: base.toString('base64url') };
  const parts: Buffer[] = [];
  for (let i = 0; i < chunkCount(info); i++) {
    parts.push(encryptChunk(key, chunkNonce(base, i), chunkAad(name, i, info), plain.subarray(i * chunkSize, (i + 1) * chunkSize)));
  }
  return { info, data: Buffer.concat(parts) };
}

/** Encrypts a file chunk by chunk into `output` (memory stays at one chunk), for the video. */
export async function encryptFile(key: Buffer, name: string, input: string, output: string, chunkSize = E2E_CHUNK_BYTES): Promise<EncryptedFileInfo> {
  const { size } = await stat(input);
  const base = randomBytes(12);
  const info: EncryptedFileInfo = { size, chunkSize, nonce: base.toString('base64url') };
  const source = await open(input, 'r');
  try {
    const target = await open(output, 'w');
    try {
      const buffer = Buffer.alloc(chunkSize);
      for (let i = 0; i < chunkCount(info); i++) {
        const want = Math.min(chunkSize, size - i * chunkSize);
        const { bytesRead } = await source.read(buffer, 0, want, i * chunkSize);
        if (bytesRead !== want) throw new HandoffError('internal', `${input} changed while it was being encrypted`);
        await target.write(encryptChunk(key, chunkNonce(base, i), chunkAad(name, i, info), buffer.subarray(0, want)));
      }
      await target.sync();
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  return info;
}

/** Decrypts chunk `index` of an encrypted file (`data` is that chunk's ciphertext with its tag). */
export function decryptChunk(key: Buffer, name: string, info: EncryptedFileInfo, index: number, data: Buffer): Buffer {
  if (data.length < E2E_TAG_BYTES) throw new HandoffError('invalid-input', 'an encrypted chunk is shorter than its tag');
  const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(Buffer.from(info.nonce, 'base64url'), index));
  decipher.setAAD(chunkAad(name, index, info));
  decipher.setAuthTag(data.subarray(data.length - E2E_TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - E2E_TAG_BYTES)), decipher.final()]);
  } catch (error) {
    // OpenSSL says only "Unsupported state or unable to authenticate data": the two causes a user can act on are these.
    throw new HandoffError('invalid-input', `chunk ${index} of ${name} does not open with this key: wrong key, or the file was changed (${(error as Error).message})`);
  }
}

/** Decrypts a whole encrypted file held in memory (tests, small files). */
export function decryptBuffer(key: Buffer, name: string, info: EncryptedFileInfo, data: Buffer): Buffer {
  if (data.length !== encryptedSize(info)) throw new HandoffError('invalid-input', `${name} is ${data.length} bytes, expected ${encryptedSize(info)}`);
  const step = info.chunkSize + E2E_TAG_BYTES;
  const parts: Buffer[] = [];
  for (let i = 0; i < chunkCount(info); i++) parts.push(decryptChunk(key, name, info, i, data.subarray(i * step, (i + 1) * step)));
  return Buffer.concat(parts);
}
