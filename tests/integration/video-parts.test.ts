// A video stored as parts objects (published while recording on S3), read by a teammate from a real bucket on
// s3rver: a real MP4 (ffmpeg) is cut into its head and 64 KiB data parts exactly as the publisher cuts it, with a
// manifest describing the layout. Kenji's core syncs it (syncing until every part is there), plays ranges that
// straddle parts through the media route the player uses, and fetches it whole (SHA-256 checked). Hostile manifests —
// a huge count, sizes that do not add up, chunks out of bounds, a part of the wrong size — are refused with a clear
// problem, and the sync goes on with the other updates.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import { mdatDataStart } from '../../electron/core/workspace/live-publish';
import { partKey } from '../../electron/core/workspace/video-parts';
import { startTestS3, type TestS3 } from '../support/s3';
import { repoRoot } from '../support/temp-core';
import { hasFfmpeg, makeTinyMp4, s3Env, tempDir, testManifest } from '../support/workspace-helpers';

const ffmpeg = hasFfmpeg();
const bucket = 'parts-team';
const CHUNK = 64 * 1024;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!ffmpeg)('a video stored as parts objects', () => {
  let s3: TestS3;
  let core: Core;
  let video: Buffer;
  let headBytes = 0;
  let count = 0;

  const put = (key: string, body: Buffer | string) => s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  /** Uploads `video` as parts for update `id`; `skip` leaves those part numbers out. */
  async function putParts(id: string, skip: number[] = []): Promise<void> {
    for (let k = 0; k <= count; k++) {
      if (skip.includes(k)) continue;
      const body = k === 0 ? video.subarray(0, headBytes) : video.subarray(headBytes + (k - 1) * CHUNK, headBytes + k * CHUNK);
      await put(partKey(id, k), body);
    }
  }
  const manifest = (id: string, parts: unknown, extra: Record<string, unknown> = {}) => {
    const m = testManifest(id, video, { title: `parts ${id}`, ...extra });
    return JSON.stringify({ ...m, files: { video: { ...m.files.video, parts } } });
  };
  const stateOf = (id: string) => (core.db.prepare('SELECT state FROM clips WHERE id = ?').pluck().get(id) as string | undefined) ?? null;

  beforeAll(async () => {
    s3 = await startTestS3(bucket);
    const file = makeTinyMp4(path.join(tempDir('parts-media'), 'talk.mp4'), 30);
    video = readFileSync(file);
    headBytes = await mdatDataStart(file);
    count = Math.ceil((video.length - headBytes) / CHUNK);
    core = composeCore({
      dataDir: tempDir('kenji'),
      resourcesDir: path.join(repoRoot, 'resources'),
      version: '0.0.0-test',
      env: { ...process.env, ...s3Env },
      platform: process.platform,
      logger: createMemoryLogger(),
      clock: () => new Date('2026-11-21T03:00:00Z'),
    });
    const used = await core.dispatch('workspace:useS3', { bucket, endpoint: s3.endpoint, pathStyle: true });
    if (!used.ok) throw new Error(used.error.message);
  }, 60_000);

  afterAll(async () => {
    await core?.media.whenIdle();
    await core?.settle();
    core?.close();
    await s3?.close();
  });

  it('syncs once every part is there, plays ranges across parts, and fetches the whole file with its SHA-256', async () => {
    expect(count).toBeGreaterThanOrEqual(3);
    const id = 'partsgood1';
    await putParts(id, [count]);
    await put(`updates/${id}/manifest.json`, manifest(id, { headBytes, chunkBytes: CHUNK, count }));
    let report = await core.workspace.sync({ full: true });
    // The last part has not arrived: the update is there, syncing, never broken.
    expect(report.syncing.map((s) => s.key)).toContain(`updates/${id}/manifest.json`);
    expect(stateOf(id)).toBe('syncing');
    await putParts(id);
    report = await core.workspace.sync({ full: true });
    expect(report.syncing).toEqual([]);
    expect(stateOf(id)).toBe('ready');

    // The player's requests: the start (ftyp), a range over the head/data boundary and over two data parts, the end.
    const ranges: [number, number][] = [
      [0, 1023],
      [headBytes - 100, headBytes + 100],
      [headBytes + CHUNK - 10, headBytes + 2 * CHUNK + 10],
      [video.length - 5000, video.length - 1],
    ];
    for (const [start, end] of ranges) {
      const response = await core.media.serve(id, 'video.mp4', `bytes=${start}-${end}`);
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${video.length}`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(video.subarray(start, end + 1)), `bytes ${start}-${end}`).toBe(true);
    }
    expect(Buffer.from(await (await core.media.serve(id, 'video.mp4', 'bytes=0-7')).arrayBuffer()).toString('latin1', 4, 8)).toBe('ftyp');

    await core.media.whenIdle();
    const fetched = await core.media.fetch(id, 'offline');
    expect(sha(readFileSync(fetched))).toBe(sha(video));
  }, 60_000);

  it('a whole fetch with a part gone fails as missing, and a wrong part is refused by its SHA-256', async () => {
    const id = 'partsgone1';
    await putParts(id);
    await put(`updates/${id}/manifest.json`, manifest(id, { headBytes, chunkBytes: CHUNK, count }));
    await core.workspace.sync({ full: true });
    expect(stateOf(id)).toBe('ready');
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: partKey(id, 2) }));
    await expect(core.media.fetch(id, 'offline')).rejects.toMatchObject({ code: 'not-found' });
    expect((await core.media.status(id)).state).toBe('missing');

    const other = 'partsswap1';
    await putParts(other);
    // Same length, other bytes: only the SHA-256 can tell.
    const wrong = Buffer.from(video.subarray(headBytes, headBytes + CHUNK));
    wrong[100] ^= 0xff;
    await put(partKey(other, 1), wrong);
    await put(`updates/${other}/manifest.json`, manifest(other, { headBytes, chunkBytes: CHUNK, count }));
    await core.workspace.sync({ full: true });
    await expect(core.media.fetch(other, 'offline')).rejects.toMatchObject({ code: 'conflict' });
  }, 60_000);

  it('refuses hostile layouts with a clear problem and goes on with the rest', async () => {
    const hostile: [string, unknown, RegExp][] = [
      ['partsbig01', { headBytes, chunkBytes: CHUNK, count: 10_000_000 }, /count/],
      ['partssum01', { headBytes, chunkBytes: CHUNK, count: count + 1 }, /do not add up/],
      ['partshead1', { headBytes: video.length + 1, chunkBytes: CHUNK, count: 0 }, /do not add up/],
      ['partstiny1', { headBytes, chunkBytes: 1024, count: Math.ceil((video.length - headBytes) / 1024) }, /chunkBytes/],
      ['partsneg01', { headBytes: -5, chunkBytes: CHUNK, count }, /headBytes/],
    ];
    for (const [id, parts] of hostile) {
      await putParts(id);
      await put(`updates/${id}/manifest.json`, manifest(id, parts));
    }
    // A part longer than the layout says (the head part, here): the video does not match its manifest.
    const long = 'partslong1';
    await putParts(long);
    await put(partKey(long, 0), Buffer.concat([video.subarray(0, headBytes), Buffer.alloc(10)]));
    await put(`updates/${long}/manifest.json`, manifest(long, { headBytes, chunkBytes: CHUNK, count }));
    const fine = 'partsfine1';
    await putParts(fine);
    await put(`updates/${fine}/manifest.json`, manifest(fine, { headBytes, chunkBytes: CHUNK, count }));

    const report = await core.workspace.sync({ full: true });
    for (const [id, , message] of hostile) {
      const found = report.problems.find((p) => p.key === `updates/${id}/manifest.json`);
      expect(found, id).toMatchObject({ kind: 'malformed' });
      expect(found!.message).toMatch(message);
      expect(stateOf(id)).toBeNull();
    }
    expect(report.problems.find((p) => p.key === `updates/${long}/manifest.json`)).toMatchObject({ kind: 'video-mismatch' });
    expect(stateOf(fine)).toBe('ready');
  }, 60_000);
});
