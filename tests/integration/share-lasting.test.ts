// Lasting and end-to-end encrypted bucket links through the share service, against s3rver with a real SQLite file and
// a fake clock: a lasting link has no signature and still plays after SigV4's 7 days would have ended, its objects
// are deleted by the prune once its own expiry passes, and at once by revoke; an encrypted link's objects, fetched
// raw, are not video to ffprobe and do not show the clip's title or transcript.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/library/database';
import { createLogger } from '../../electron/core/logger';
import { MAX_PRESIGN_SECONDS } from '../../electron/core/share/s3-publish';
import { encryptedLinkDir } from '../../electron/core/share/encrypted-local';
import { createShareService, type ShareService } from '../../electron/core/share/share-service';
import { startTestS3, type TestS3 } from '../support/s3';
import { hasFfmpeg, makeTestClip, type TestClip } from '../support/test-clip';

const DAY = 86_400_000;

/** Async, not spawnSync: s3rver answers ffprobe from this very process. */
function ffprobe(url: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', url]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe.skipIf(!hasFfmpeg())('lasting and encrypted bucket links (s3rver, fake clock)', () => {
  let s3: TestS3;
  let db: Db;
  let clip: TestClip;
  let share: ShareService;
  let nowMs = Date.parse('2026-12-01T10:00:00Z');
  let publicBase: string | null;

  beforeAll(async () => {
    s3 = await startTestS3();
    publicBase = `${s3.endpoint}/${s3.bucket}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-lasting-'));
    db = openDatabase(path.join(dir, 'library.sqlite'), createLogger('test', { level: 'warn' }));
    clip = makeTestClip(db, path.join(dir, 'clips'));
    share = createShareService({
      db,
      clock: () => new Date(nowMs),
      baseUrl: () => 'http://127.0.0.1:1',
      clipsDir: path.join(dir, 'clips'),
      kdfIterations: 1000,
      // The service destroys the client after each use, as with a real workspace.
      s3: async () => ({
        client: new S3Client({
          endpoint: s3.endpoint,
          region: 'us-east-1',
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
        bucket: s3.bucket,
        prefix: 'team/',
        publicBase,
      }),
    });
  });
  afterAll(async () => {
    db?.close();
    await s3?.close();
  });

  it('a lasting link is unsigned, plays after the presigned limit would have passed, and is pruned at its expiry', async () => {
    nowMs = Date.parse('2026-12-01T10:00:00Z');
    const link = await share.create({ clipId: clip.clip.id, expires: '30d', allowDownload: true, lasting: true });
    expect(link.where).toBe('anywhere');
    expect(link.url).toMatch(new RegExp(`^${publicBase}/team/share/[A-Za-z0-9_-]{32}/index\\.html$`));
    expect(link.expiresAt).toBe(new Date(nowMs + 30 * DAY).toISOString());
    const page = await (await fetch(link.url)).text();
    expect(page).not.toContain('X-Amz');
    expect(page).toContain('<video id="player" src="video.mp4"');

    // Eight days on, past any presigned URL's 7: nothing to prune, and the page and its video still answer.
    nowMs += MAX_PRESIGN_SECONDS * 1000 + DAY;
    expect((await share.prune()).pruned).toEqual([]);
    expect(share.list(clip.clip.id).links.find((l) => l.token === link.token)?.status).toBe('active');
    expect((await fetch(link.url)).status).toBe(200);
    const video = new URL('video.mp4', link.url).href;
    const ranged = await fetch(video, { headers: { Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(readFileSync(clip.video).subarray(100, 200))).toBe(true);
    expect((await ffprobe(video)).status).toBe(0);

    // Past its own 30 days: the prune deletes its objects, and the link is gone from the bucket.
    nowMs = Date.parse('2026-12-01T10:00:00Z') + 30 * DAY + 1000;
    const { pruned } = await share.prune();
    expect(pruned).toEqual([{ token: link.token, clipId: clip.clip.id, deleted: 4 }]);
    expect((await fetch(link.url)).status).toBe(404);
    expect((await fetch(video)).status).toBe(404);
    expect(share.list(clip.clip.id).links.find((l) => l.token === link.token)?.status).toBe('expired');
    expect((await share.prune()).pruned).toEqual([]);
  });

  it('revoke deletes a lasting link at once; a never-expiring one is never pruned', async () => {
    nowMs = Date.parse('2026-12-01T10:00:00Z');
    const kept = await share.create({ clipId: clip.clip.id, expires: 'never', allowDownload: true, lasting: true });
    const revoked = await share.create({ clipId: clip.clip.id, expires: '30d', allowDownload: true, lasting: true });
    expect(kept.expiresAt).toBeNull();
    await share.revoke(revoked.token);
    expect((await fetch(revoked.url)).status).toBe(404);
    nowMs += 3650 * DAY;
    await share.prune();
    expect((await fetch(kept.url)).status).toBe(200);
  });

  it('an encrypted link: the raw objects are not video and do not show the clip; the key stays in the fragment', async () => {
    nowMs = Date.parse('2026-12-01T10:00:00Z');
    const link = await share.create({ clipId: clip.clip.id, expires: '30d', allowDownload: true, lasting: true, encrypt: true });
    const [pageUrl, fragment] = link.url.split('#');
    expect(fragment).toMatch(/^k=[A-Za-z0-9_-]{43}$/);
    const page = await (await fetch(pageUrl)).text();
    expect(page).toContain('An encrypted video');
    for (const secret of ['Weekly update', 'Approve the new release plan', 'weekly update', fragment.slice(2)]) expect(page).not.toContain(secret);
    for (const name of ['video.enc', 'meta.enc', 'captions.enc']) {
      const raw = Buffer.from(await (await fetch(new URL(name, pageUrl))).arrayBuffer());
      expect(raw.length).toBeGreaterThan(16);
      expect(raw.includes(Buffer.from('ftyp'))).toBe(false);
      expect(raw.includes(Buffer.from('Weekly update'))).toBe(false);
      expect(raw.includes(Buffer.from('WEBVTT'))).toBe(false);
    }
    const probe = await ffprobe(new URL('video.enc', pageUrl).href);
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toMatch(/Invalid data/);
    const sw = await fetch(new URL('sw.js', pageUrl));
    expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/);

    const withPassword = await share.create({ clipId: clip.clip.id, expires: '7d', allowDownload: true, lasting: true, encrypt: true, password: 'pw 1' });
    expect(withPassword.url).not.toContain('#');
    expect(await (await fetch(withPassword.url)).text()).toContain('"kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":1000');
  });

  it('refuses a password without encryption, and a lasting link on a bucket that is not public', async () => {
    await expect(share.create({ clipId: clip.clip.id, expires: '7d', allowDownload: true, password: 'x' })).rejects.toThrow(/unless the link is encrypted/);
    const saved = publicBase;
    publicBase = null;
    try {
      await expect(share.create({ clipId: clip.clip.id, expires: '7d', allowDownload: true, lasting: true })).rejects.toThrow(/serve objects publicly/);
    } finally {
      publicBase = saved;
    }
  });

  it('refuses an encrypted link on the LAN share server, where browsers cannot decrypt (plain http)', async () => {
    const lan = createShareService({ db, clock: () => new Date(nowMs), baseUrl: () => 'http://192.168.1.20:4321', clipsDir: path.dirname(clip.dir), s3: async () => null });
    await expect(lan.create({ clipId: clip.clip.id, expires: '7d', allowDownload: true, encrypt: true })).rejects.toThrow(/cannot be served on the local network/);
    const plain = await lan.create({ clipId: clip.clip.id, expires: '7d', allowDownload: true });
    expect(plain.where).toBe('local-network');
  });

  it('an encrypted link on this computer keeps its files until its expiry (then the prune deletes them) or a revoke', async () => {
    nowMs = Date.parse('2026-12-01T10:00:00Z');
    const clipsDir = path.dirname(clip.dir);
    const local = createShareService({ db, clock: () => new Date(nowMs), baseUrl: () => 'http://127.0.0.1:4321', clipsDir, kdfIterations: 1000, s3: async () => null });
    const expiring = await local.create({ clipId: clip.clip.id, expires: '1h', allowDownload: true, encrypt: true });
    const revoked = await local.create({ clipId: clip.clip.id, expires: '7d', allowDownload: true, encrypt: true, password: 'pw' });
    expect(expiring.where).toBe('this-computer');
    const dirOf = (token: string) => encryptedLinkDir(clipsDir, token);
    expect(readdirSync(dirOf(expiring.token)).sort()).toEqual(['captions.enc', 'index.html', 'meta.enc', 'video.enc']);
    await local.revoke(revoked.token);
    expect(existsSync(dirOf(revoked.token))).toBe(false);
    expect((await local.prune()).pruned).toEqual([]);
    nowMs += 2 * 3600_000;
    expect((await local.prune()).pruned).toEqual([{ token: expiring.token, clipId: clip.clip.id, deleted: 4 }]);
    expect(existsSync(dirOf(expiring.token))).toBe(false);
  });
});
