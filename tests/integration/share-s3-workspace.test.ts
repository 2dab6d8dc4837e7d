// Issue 7, last bullet, wired end to end: on an S3 workspace `handoff share` publishes a self-contained page to the
// bucket (s3rver on 127.0.0.1, real AWS SDK) and prints its presigned URL; a password is refused; `handoff revoke`
// deletes the page and media so the presigned URLs find nothing. Fetched with plain node:http, no browser.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareLink } from '../../shared/contract/share';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, s3Env, startS3rver, tempDir } from '../support/workspace-helpers';

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const decodeAttr = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe.skipIf(!hasFfmpeg())('share links on an S3 workspace (s3rver)', () => {
  let s3: { endpoint: string; close: () => Promise<void> };
  let dataDir: string;
  let clipId: string;
  const bucket = 'team-share';

  beforeAll(async () => {
    s3 = await startS3rver(bucket);
    dataDir = tempDir('share-s3-ws');
    const video = makeTinyMp4(path.join(tempDir('share-s3-media'), 'clip.mp4'));
    expect((await handoff(dataDir, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin'])).code).toBe(0);
    clipId = await addClipFromFile(dataDir, video, { recordedAt: new Date('2026-11-20T09:00:00Z'), title: 'Budget review' });
    const use = await handoff(dataDir, ['workspace', 'use-s3', '--endpoint', s3.endpoint, '--bucket', bucket, '--prefix', 'acme', '--path-style'], s3Env);
    expect(use.code, use.stderr).toBe(0);
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('refuses a password on an S3 link, with a clear error and nothing uploaded or recorded', async () => {
    const run = await handoff(dataDir, ['--json', 'share', clipId, '--password', 'secret'], s3Env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/password cannot protect a link on an S3 workspace/);
    const links = (await handoff(dataDir, ['--json', 'links', clipId], s3Env)).json<ShareLink[]>();
    expect(links).toEqual([]);
  });

  it('publishes a presigned page whose presigned video answers Range with 206; revoke deletes it', async () => {
    const run = await handoff(dataDir, ['--json', 'share', clipId, '--expires', '3d'], s3Env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/no share server/);
    const link = run.json<{ url: string; token: string; expiresAt: string }>();
    expect(link.url.startsWith(`${s3.endpoint}/${bucket}/acme/share/${link.token}/index.html?`)).toBe(true);
    expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe(String(3 * 86400));

    const page = await get(link.url);
    expect(page.status).toBe(200);
    const html = page.body.toString('utf8');
    expect(html).toContain('Budget review');
    const src = decodeAttr(/<video id="player" src="([^"]+)"/.exec(html)?.[1] ?? '');
    expect(src.startsWith(`${s3.endpoint}/${bucket}/acme/share/${link.token}/video.mp4?`)).toBe(true);
    expect(new URL(src).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const ranged = await get(src, { Range: 'bytes=0-99' });
    expect(ranged.status).toBe(206);
    expect(ranged.body.length).toBe(100);

    const listed = (await handoff(dataDir, ['--json', 'links', clipId], s3Env)).json<ShareLink[]>();
    expect(listed).toEqual([expect.objectContaining({ token: link.token, kind: 's3', url: link.url, status: 'active', hasPassword: false })]);

    const revoked = await handoff(dataDir, ['--json', 'revoke', link.token], s3Env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await get(link.url)).status).toBe(404);
    expect((await get(src, { Range: 'bytes=0-99' })).status).toBe(404);
    const after = (await handoff(dataDir, ['--json', 'links', clipId], s3Env)).json<ShareLink[]>();
    expect(after[0].status).toBe('revoked');
  });

  it('a workspace sync is not confused by the share pages in the bucket', async () => {
    const sync = await handoff(dataDir, ['--json', 'sync'], s3Env);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.json<{ problems: unknown[] }>().problems).toEqual([]);
  });
});
