import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PRESIGN_SECONDS, publishS3Link, revokeS3Link } from '../../electron/core/share/s3-publish';
import { openDatabase } from '../../electron/core/library/database';
import { createLogger } from '../../electron/core/logger';
import { playerClipOf, segmentsOf } from '../../electron/core/share/link-page';
import { startTestS3, type TestS3 } from '../support/s3';
import { hasFfmpeg, makeTestClip, type TestClip } from '../support/test-clip';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function decodeAttr(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe.skipIf(!hasFfmpeg())('S3 share links (s3rver)', () => {
  let s3: TestS3;
  let clip: TestClip;
  let segments: ReturnType<typeof segmentsOf>;
  const now = new Date();

  beforeAll(async () => {
    s3 = await startTestS3();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-share-s3-'));
    const db = openDatabase(path.join(dir, 'library.sqlite'), createLogger('test', { level: 'warn' }));
    clip = makeTestClip(db, path.join(dir, 'clips'));
    segments = segmentsOf(db, clip.clip.id);
    db.close();
  });
  afterAll(async () => {
    await s3?.close();
  });

  const publish = (expiresInSeconds: number, allowDownload = true) =>
    publishS3Link({
      s3Client: s3.client,
      bucket: s3.bucket,
      prefix: 'team/',
      clip: { id: clip.clip.id, ...playerClipOf(clip.clip), segments },
      files: { video: clip.video, captions: clip.captions, thumb: clip.thumb },
      expiresInSeconds,
      allowDownload,
      now,
    });

  it('uploads a self-contained page whose media URLs are presigned with the link expiry', async () => {
    const link = await publish(3 * 86400);
    expect(link.url.startsWith(`${s3.endpoint}/${s3.bucket}/team/share/${link.token}/index.html?`)).toBe(true);
    const signed = new URL(link.url);
    expect(signed.searchParams.get('X-Amz-Expires')).toBe(String(3 * 86400));
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(link.expiresAt).toBe(new Date(now.getTime() + 3 * 86400_000).toISOString());
    expect(link.keys).toHaveLength(4);

    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<h1>Weekly update: release &lt;status&gt;</h1>');
    expect(html).toContain('<style>');
    expect(html).toContain('<script>(function () {');
    expect(html).not.toContain('/_/player');
    expect(html).not.toContain('?t=');

    const src = decodeAttr(/<video id="player" src="([^"]+)"/.exec(html)![1]);
    const track = decodeAttr(/<track kind="captions" src="([^"]+)"/.exec(html)![1]);
    const image = decodeAttr(/<meta property="og:image" content="([^"]+)"/.exec(html)![1]);
    for (const url of [src, track, image]) expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe(String(3 * 86400));

    const video = readFileSync(clip.video);
    const ranged = await fetch(src, { headers: { Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(video.subarray(100, 200))).toBe(true);
    const captions = await fetch(track);
    expect(await captions.text()).toBe(readFileSync(clip.captions, 'utf8'));
    expect((await fetch(image)).headers.get('content-type')).toBe('image/jpeg');
    const download = decodeAttr(/<a class="button" href="([^"]+)" download>/.exec(html)![1]);
    expect(new URL(download).searchParams.get('response-content-disposition')).toBe('attachment; filename="Weekly update release status.mp4"');
  });

  it('caps the expiry at 7 days and leaves out the download when forbidden', async () => {
    const link = await publish(30 * 86400, false);
    expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe(String(MAX_PRESIGN_SECONDS));
    const html = await (await fetch(link.url)).text();
    expect(html).not.toContain('download>');
  });

  it('revokes by deleting the page and media: the presigned URLs then find nothing', async () => {
    const link = await publish(3600);
    const other = await publish(3600);
    expect((await fetch(link.url)).status).toBe(200);
    expect(await revokeS3Link({ s3Client: s3.client, bucket: s3.bucket, prefix: 'team/', token: link.token })).toBe(4);
    expect((await fetch(link.url)).status).toBe(404);
    expect((await fetch(other.url)).status).toBe(200);
    await expect(revokeS3Link({ s3Client: s3.client, bucket: s3.bucket, prefix: 'team/', token: '../x' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('refuses a nonsensical expiry before uploading anything', async () => {
    await expect(publish(0)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
