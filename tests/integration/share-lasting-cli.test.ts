// `handoff share --lasting --encrypt`, `links --prune` and `workspace check-public`/`public-url` on an S3 workspace
// (s3rver), through the real CLI entry point: the JSON says {url, expiresAt, where}; a bucket that has no public URL is
// reported with exact instructions; revoke deletes the link's objects at once.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, s3Env, startS3rver, tempDir } from '../support/workspace-helpers';

describe.skipIf(!hasFfmpeg())('lasting links from the CLI (s3rver)', () => {
  let s3: { endpoint: string; close: () => Promise<void> };
  let dataDir: string;
  let clipId: string;
  const bucket = 'team-lasting';

  beforeAll(async () => {
    s3 = await startS3rver(bucket);
    dataDir = tempDir('share-lasting-cli');
    const video = makeTinyMp4(path.join(tempDir('share-lasting-media'), 'clip.mp4'));
    expect((await handoff(dataDir, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin'])).code).toBe(0);
    clipId = await addClipFromFile(dataDir, video, { recordedAt: new Date('2026-11-20T09:00:00Z'), title: 'Budget review' });
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('on a folder workspace a link is for this computer, and --lasting says it needs a bucket', async () => {
    const run = await handoff(dataDir, ['--json', 'share', clipId, '--expires', '30d']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), expiresAt: expect.any(String), where: 'this-computer', token: expect.any(String) });
    const lasting = await handoff(dataDir, ['share', clipId, '--lasting']);
    expect(lasting.code).not.toBe(0);
    expect(lasting.stderr).toMatch(/workspace use-s3/);
  });

  it('checks the bucket is public, with instructions when not; then shares a lasting encrypted link and revokes it', async () => {
    const use = await handoff(dataDir, ['workspace', 'use-s3', '--endpoint', s3.endpoint, '--bucket', bucket, '--prefix', 'acme', '--path-style'], s3Env);
    expect(use.code, use.stderr).toBe(0);
    const notSet = await handoff(dataDir, ['workspace', 'check-public'], s3Env);
    expect(notSet.code).toBe(1);
    expect(notSet.stdout).toContain('Not public: No public URL is set');
    expect(notSet.stdout).toContain(`"Resource":"arn:aws:s3:::${bucket}/acme/share/*"`);
    expect(notSet.stdout).toContain(`handoff workspace public-url ${s3.endpoint}/${bucket}`);
    const refused = await handoff(dataDir, ['share', clipId, '--lasting'], s3Env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/check-public/);

    const insecure = await handoff(dataDir, ['workspace', 'public-url', 'http://files.example.com/team'], s3Env);
    expect(insecure.code).not.toBe(0);
    expect((await handoff(dataDir, ['workspace', 'public-url', `${s3.endpoint}/${bucket}`], s3Env)).code).toBe(0);
    const check = await handoff(dataDir, ['--json', 'workspace', 'check-public'], s3Env);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.json()).toMatchObject({ public: true, instructions: null });

    const run = await handoff(dataDir, ['--json', 'share', clipId, '--lasting', '--encrypt', '--expires', 'never'], s3Env);
    expect(run.code, run.stderr).toBe(0);
    const link = run.json<{ url: string; expiresAt: string | null; where: string; token: string }>();
    expect(link).toMatchObject({ expiresAt: null, where: 'anywhere' });
    expect(link.url).toMatch(new RegExp(`^${s3.endpoint}/${bucket}/acme/share/${link.token}/index\\.html#k=[A-Za-z0-9_-]{43}$`));
    expect((await fetch(link.url)).status).toBe(200);

    const human = await handoff(dataDir, ['share', clipId, '--lasting', '--expires', '30d'], s3Env);
    expect(human.stdout).toContain('Who can open it: anyone with the link');
    expect(human.stdout).toContain('Views are not counted');
    expect((await handoff(dataDir, ['links', clipId], s3Env)).stdout).toContain('views not counted: the bucket serves this link');
    expect((await handoff(dataDir, ['links', '--prune'], s3Env)).stdout).toContain('Nothing to prune.');

    expect((await handoff(dataDir, ['revoke', link.token], s3Env)).code).toBe(0);
    expect((await fetch(link.url)).status).toBe(404);
    expect((await fetch(new URL('video.enc', link.url))).status).toBe(404);
  });
});
