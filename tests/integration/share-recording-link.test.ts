// A share link that exists from the moment recording starts (issue 21 item 4): copied while talking, opened before
// the clip exists it answers "recording in progress — ready in a moment" and refreshes itself; after stop the same
// address is an ordinary link that plays the clip. Real recorder (synthetic camera and tone), real share server; on an
// S3 workspace the bucket (s3rver) serves the link, as it must while the sender's laptop sleeps.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import type { RecordOptions } from '../../shared/contract/recorder';
import { startTestS3, type TestS3 } from '../support/s3';

const repo = path.resolve(__dirname, '..', '..');
const ffmpegMissing = spawnSync('ffmpeg', ['-version']).status !== 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const RECORDING: RecordOptions = {
  display: null, region: null, camera: 'synthetic', mic: 'synthetic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
  fps: 10, maxHeight: 240, quality: 'low', synthetic: null, title: 'Link while recording', replyTo: null, maxSeconds: null, publishOnStop: false,
};

describe.skipIf(ffmpegMissing)('a share link while recording', () => {
  let tmp = '';
  let core: Core;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-rec-link-'));
    core = composeCore({
      dataDir: tmp, resourcesDir: path.join(repo, 'resources'), version: 'test', env: process.env, platform: process.platform,
      logger: createMemoryLogger('rec-link'), clock: () => new Date(),
    });
    expect((await core.dispatch('settings:set', { values: { 'share.port': await freePort(), 'transcription.live': false } })).ok).toBe(true);
    await core.shareRunner.start();
  });
  afterAll(async () => {
    await core.shareRunner.stop();
    await core.settle();
    core.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('says "recording in progress" and refreshes itself until the clip exists, then plays it at the same address', async () => {
    const { id } = await core.recorder.start(RECORDING);
    const reserved = await core.dispatch('share:forRecording', { id });
    if (!reserved.ok) throw new Error(reserved.error.message);
    const { url, token } = reserved.value as { url: string; token: string };

    const during = await fetch(url);
    expect(during.status).toBe(200);
    expect(during.headers.get('refresh')).toBe('3');
    const waiting = await during.text();
    expect(waiting).toContain('Recording in progress — ready in a moment');
    expect(waiting).toContain('<meta http-equiv="refresh" content="3">');
    // No clip yet, so no link row yet: the list of the recording's links is empty.
    expect((await core.dispatch('share:list', { clipId: id })).ok).toBe(false);

    await core.recorder.stop();
    const after = await fetch(url);
    expect(after.status).toBe(200);
    expect(after.headers.get('refresh')).toBeNull();
    const page = await after.text();
    expect(page).not.toContain('Recording in progress');
    expect(page).toContain('<video');
    const listed = await core.dispatch('share:list', { clipId: id });
    expect(listed.ok && (listed.value as { links: { token: string; status: string }[] }).links).toEqual([expect.objectContaining({ token, status: 'active' })]);

    // A token that was never handed out is still nothing.
    expect((await fetch(url.replace(token, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')))).status).toBe(404);
  }, 60_000);
  it("is the clip's link after stop even when nobody opened it: the clip's page lists it instead of making another", async () => {
    const { id } = await core.recorder.start({
      display: null, region: null, camera: 'synthetic', mic: 'synthetic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
      fps: 10, maxHeight: 240, quality: 'low', synthetic: null, title: 'Copied, not opened', replyTo: null, maxSeconds: null, publishOnStop: false,
    });
    const reserved = await core.dispatch('share:forRecording', { id });
    if (!reserved.ok) throw new Error(reserved.error.message);
    const { url, token } = reserved.value as { url: string; token: string };
    await core.recorder.stop();

    const listed = await core.dispatch('share:list', { clipId: id });
    expect(listed.ok && (listed.value as { links: { token: string; url: string; status: string }[] }).links).toEqual([expect.objectContaining({ token, url, status: 'active' })]);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<video');
  }, 60_000);
});

describe.skipIf(ffmpegMissing)('a share link while recording, on an S3 workspace', () => {
  const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
  let tmp = '';
  let s3: TestS3;
  let core: Core;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-rec-link-s3-'));
    s3 = await startTestS3('rec-links');
    core = composeCore({
      dataDir: tmp, resourcesDir: path.join(repo, 'resources'), version: 'test', env: { ...process.env, ...s3Env }, platform: process.platform,
      logger: createMemoryLogger('rec-link-s3'), clock: () => new Date(),
    });
    expect((await core.dispatch('settings:set', { values: { 'transcription.live': false, 'workspace.autoPublish': false } })).ok).toBe(true);
    const used = await core.dispatch('workspace:useS3', { endpoint: s3.endpoint, bucket: s3.bucket, pathStyle: true });
    if (!used.ok) throw new Error(used.error.message);
  });
  afterAll(async () => {
    await core.settle();
    core.close();
    await s3.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const reserve = async (id: string) => {
    const reserved = await core.dispatch('share:forRecording', { id, expires: '24h' });
    if (!reserved.ok) throw new Error(reserved.error.message);
    return reserved.value as { url: string; token: string; where: string; expiresAt: string };
  };

  it('the bucket says "in progress" at once, then serves the player at the same address', async () => {
    const { id } = await core.recorder.start(RECORDING);
    const link = await reserve(id);
    expect(link.where).toBe('anywhere');
    expect(link.url.startsWith(`${s3.endpoint}/${s3.bucket}/share/${link.token}/index.html?`)).toBe(true);
    const during = await fetch(link.url);
    expect(during.status).toBe(200);
    const waiting = await during.text();
    expect(waiting).toContain('Recording in progress — ready in a moment');
    expect(waiting).toContain('<meta http-equiv="refresh" content="5">');

    await core.recorder.stop();
    await core.recorder.whenFollowed(id);
    const page = await (await fetch(link.url)).text();
    expect(page).not.toContain('Recording in progress');
    expect(page).toContain('<video');
    // The page's video is the clip, uploaded next to it and readable by the presigned address the page carries.
    const video = /<video[^>]*src="([^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(video).toBeTruthy();
    const media = await fetch(video!, { headers: { range: 'bytes=0-11' } });
    expect([200, 206]).toContain(media.status);
    expect(Buffer.from(await media.arrayBuffer()).subarray(4, 8).toString('latin1')).toBe('ftyp');
    const listed = await core.dispatch('share:list', { clipId: id });
    expect(listed.ok && (listed.value as { links: { token: string; url: string; status: string }[] }).links).toEqual([
      expect.objectContaining({ token: link.token, url: link.url, status: 'active' }),
    ]);
  }, 90_000);

  it('a cancelled recording leaves a page that says so, not "ready in a moment" for good', async () => {
    const { id } = await core.recorder.start({ ...RECORDING, title: 'Cancelled one' });
    const link = await reserve(id);
    await core.recorder.cancel();
    await core.recorder.whenFollowed(id);
    const page = await (await fetch(link.url)).text();
    expect(page).toContain('This recording was cancelled');
    expect(page).not.toContain('refresh');
  }, 90_000);
});
