import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveClipUrl, serveClipFile, clipUrl } from '../../electron/main/clip-protocol';
import { tempDir } from '../support/temp-core';

const folder = tempDir();
const clipsDir = path.join(folder.dir, 'clips');
const ID = 'Abc123_-xyz';
mkdirSync(path.join(clipsDir, ID), { recursive: true });
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
writeFileSync(path.join(clipsDir, ID, 'video.mp4'), bytes);
writeFileSync(path.join(folder.dir, 'secret.txt'), 'secret');
afterAll(() => folder.remove());

const known = (id: string) => id === ID;

describe('clip:// resolution', () => {
  it('maps a known clip and file to its path, keeping the id case', () => {
    const target = resolveClipUrl(clipUrl(ID, 'video.mp4'), clipsDir, known);
    expect(target).toEqual({ ok: true, file: path.join(clipsDir, ID, 'video.mp4'), contentType: 'video/mp4' });
  });

  it.each([
    ['clip://media/../secret.txt', 'dot-dot'],
    ['clip://media/Abc123_-xyz/../../secret.txt', 'dot-dot after an id'],
    ['clip://media/%2e%2e/secret.txt', 'encoded dot-dot'],
    ['clip://media/Abc123_-xyz%2F..%2F..%2Fsecret.txt', 'encoded slashes'],
    ['clip://media/..%5c..%5csecret.txt/video.mp4', 'encoded backslashes'],
    ['clip://media//etc/passwd', 'absolute path'],
    ['clip://media/Abc123_-xyz/%00video.mp4', 'NUL byte'],
    ['clip://media/Abc123_-xyz/library.sqlite', 'a file that is not media'],
    ['clip://media/Unknown123/video.mp4', 'unknown id'],
    ['clip://other/Abc123_-xyz/video.mp4', 'another host'],
    ['file:///etc/passwd', 'another scheme'],
    ['clip://media/%E0%A4%A/video.mp4', 'broken percent-encoding'],
  ])('refuses %s (%s)', (url) => {
    const target = resolveClipUrl(url, clipsDir, known);
    expect(target.ok).toBe(false);
  });
});

describe('clip:// responses', () => {
  const target = resolveClipUrl(clipUrl(ID, 'video.mp4'), clipsDir, known);

  it('serves the whole file with its type', async () => {
    const response = await serveClipFile(target, null);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers a range so media can seek', async () => {
    const response = await serveClipFile(target, 'bytes=100-199');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    const suffix = await serveClipFile(target, 'bytes=-10');
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(990));
  });

  it('says 416 for a range past the end and ignores a malformed one', async () => {
    const past = await serveClipFile(target, 'bytes=5000-');
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
    const malformed = await serveClipFile(target, 'bytes=abc');
    expect(malformed.status).toBe(200);
  });

  it('answers 404 for a refused target and a missing file', async () => {
    expect((await serveClipFile({ ok: false, status: 404 }, null)).status).toBe(404);
    const missing = resolveClipUrl(clipUrl(ID, 'thumb.jpg'), clipsDir, known);
    expect((await serveClipFile(missing, null)).status).toBe(404);
  });
});
