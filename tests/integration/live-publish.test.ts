// Publishing while recording, for real: ffmpeg records a synthetic camera and tone, the moov-first file it builds is
// uploaded as it grows (S3: parts objects, one per chunk, under updates/<id>/video.mp4.parts/, through a front that
// adds the multipart calls s3rver lacks, see s3-front.ts; a folder: a hidden temp file), and at stop only the head and
// the tail go up before the manifest. A teammate syncs it, plays a range and fetches it whole. A cancel, and a kill -9
// of the recording process followed by recovery, leave no manifest, no parts and no unfinished multipart upload (one an
// earlier version's journal names is aborted too).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CreateMultipartUploadCommand, GetObjectCommand, ListObjectsCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { elapsedAtLeast } from '../support/recorder-events';
import { createMemoryLogger } from '../../electron/core/logger';
import type { RecordOptions } from '../../shared/contract/recorder';
import { startTestS3, type TestS3 } from '../support/s3';
import { startS3Front, type S3Front } from '../support/s3-front';

const repo = path.resolve(__dirname, '..', '..');
const bucket = 'live-team';
const ffmpegMissing = spawnSync('ffmpeg', ['-version']).status !== 0;
if (ffmpegMissing) console.warn('live publish tests skipped: ffmpeg is not installed');
const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
const tuning = { chunkBytes: 64 * 1024 };

const options: RecordOptions = {
  display: null, region: null, camera: 'synthetic', mic: 'synthetic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
  fps: 10, maxHeight: 240, quality: 'standard', synthetic: null, title: 'Live publish', replyTo: null, maxSeconds: null, publishOnStop: true,
};

let tmp = '';
let s3: TestS3;
let front: S3Front;
const cores: Core[] = [];

function makeCore(dataDir: string): Core {
  const core = composeCore({
    dataDir,
    resourcesDir: path.join(repo, 'resources'),
    version: 'test',
    env: { ...process.env, ...s3Env },
    platform: process.platform,
    logger: createMemoryLogger('live-publish-test'),
    clock: () => new Date(),
    livePublishTuning: tuning,
  });
  cores.push(core);
  return core;
}

async function useS3(core: Core) {
  const used = await core.dispatch('workspace:useS3', { endpoint: front.endpoint, bucket, pathStyle: true });
  if (!used.ok) throw new Error(used.error.message);
  const set = await core.dispatch('settings:set', { values: { 'transcription.live': false } });
  expect(set.ok).toBe(true);
}

/** Polls `check` until it holds (a condition in another process or server, which sends no event). */
async function until(check: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function objectKeys(prefix: string): Promise<string[]> {
  const out = await s3.client.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((item) => item.Key!);
}

const partsPrefix = (id: string) => `updates/${id}/video.mp4.parts/`;
/** Data parts uploaded so far for that recording (the head goes up at stop). */
let partsSeen = 0;
async function dataParts(id: string): Promise<number> {
  partsSeen = (await objectKeys(partsPrefix(id))).filter((key) => /\/\d+$/.test(key)).length;
  return partsSeen;
}

/** Polls an async check (objects in the bucket, which sends no event). */
async function untilAsync(check: () => Promise<boolean>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(ffmpegMissing)('publishing while recording', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-live-publish-'));
    s3 = await startTestS3(bucket);
    front = await startS3Front({ target: s3.endpoint, directory: s3.directory, bucket });
  });
  afterAll(async () => {
    for (const core of cores) {
      await core.settle();
      core.close();
    }
    await front?.close();
    await s3?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('on S3, uploads parts while recording; at stop only the head and tail remain, then the manifest; a teammate plays it', async () => {
    const core = makeCore(path.join(tmp, 's3'));
    await useS3(core);
    const { id } = await core.recorder.start(options);
    await untilAsync(async () => (await dataParts(id)) >= 2, 'parts uploaded while recording');
    // Nothing a teammate could take for the video exists yet: no object under its key, no manifest.
    expect(await objectKeys(`updates/${id}/video.mp4`)).not.toContain(`updates/${id}/video.mp4`);
    expect(await objectKeys(partsPrefix(id))).not.toContain(`${partsPrefix(id)}head`);
    await elapsedAtLeast(core, 6000);
    const partsBeforeStop = partsSeen;
    const result = await core.recorder.stop();
    await core.recorder.whenFollowed(id);
    const outcome = core.workspace.live.outcome(id)!;
    expect(outcome.mode, JSON.stringify(outcome)).toBe('live');
    const local = readFileSync(result.videoPath!);

    // The manifest describes the layout; the parts, in order, are the clip byte for byte; no multipart upload is used.
    const manifestObject = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: `updates/${id}/manifest.json` }));
    const manifest = JSON.parse(await manifestObject.Body!.transformToString()) as { files: { video: { size: number; sha256: string; parts: { headBytes: number; chunkBytes: number; count: number } } } };
    const { parts } = manifest.files.video;
    expect(manifest.files.video).toMatchObject({ size: local.length, sha256: sha(local) });
    expect(parts.chunkBytes).toBe(64 * 1024);
    expect(parts.count).toBeGreaterThan(partsBeforeStop);
    const keys = await objectKeys(partsPrefix(id));
    expect(keys).toHaveLength(parts.count + 1);
    const bodies: Buffer[] = [];
    for (const key of [`${partsPrefix(id)}head`, ...keys.filter((k) => /\/\d+$/.test(k)).sort()]) {
      const object = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      bodies.push(Buffer.from(await object.Body!.transformToByteArray()));
    }
    expect(bodies[0].length).toBe(parts.headBytes);
    expect(sha(Buffer.concat(bodies))).toBe(sha(local));
    expect(await objectKeys(`updates/${id}/`)).not.toContain(`updates/${id}/video.mp4`);
    // What was left at stop: the head and the last, partial chunk (and little else), never the data sent before.
    expect(outcome.bytesAtStop).toBeLessThan(parts.headBytes + 3 * parts.chunkBytes);
    expect(front.pendingUploads()).toEqual([]);
    expect(readdirSync(path.join(tmp, 's3', 'live-uploads'))).toEqual([]);

    // A teammate syncs, plays the start and a range in the last chunk through the player's media route, fetches it whole.
    const mate = makeCore(path.join(tmp, 's3-mate'));
    const used = await mate.dispatch('workspace:useS3', { endpoint: front.endpoint, bucket, pathStyle: true });
    expect(used.ok).toBe(true);
    await mate.workspace.sync();
    expect(mate.db.prepare('SELECT state FROM clips WHERE id = ?').pluck().get(id)).toBe('ready');
    const tail = local.length - 3000;
    for (const [start, end] of [[0, 4095], [tail, local.length - 1]]) {
      const response = await mate.media.serve(id, 'video.mp4', `bytes=${start}-${end}`);
      expect(response.status).toBe(206);
      expect(Buffer.from(await response.arrayBuffer()).equals(local.subarray(start, end + 1))).toBe(true);
    }
    await mate.media.whenIdle();
    const fetched = await mate.media.fetch(id, 'offline');
    expect(sha(readFileSync(fetched))).toBe(sha(local));

    // A crash between the manifest and the journal's removal: recovery finds the parts named by a manifest and keeps them.
    const deadPid = spawnSync('true').pid;
    const journal = { key: `updates/${id}/video.mp4`, workspace: `s3:${front.endpoint}|${bucket}|`, token: 'parts', ownerPid: deadPid, ownerStart: null };
    writeFileSync(path.join(tmp, 's3', 'live-uploads', `${id}.json`), JSON.stringify(journal));
    expect(await core.workspace.live.cleanup()).toBe(0);
    expect(await objectKeys(partsPrefix(id))).toHaveLength(parts.count + 1);
    expect(readdirSync(path.join(tmp, 's3', 'live-uploads'))).toEqual([]);
  }, 120_000);

  it('in a folder, writes the growing file under a hidden temp name and links it into place at stop', async () => {
    const core = makeCore(path.join(tmp, 'folder'));
    const folder = path.join(tmp, 'team-folder');
    expect((await core.dispatch('workspace:useFolder', { dir: folder, create: true })).ok).toBe(true);
    expect((await core.dispatch('settings:set', { values: { 'transcription.live': false } })).ok).toBe(true);
    const { id } = await core.recorder.start(options);
    const dir = path.join(folder, 'updates', id);
    const growing = () => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.live')) : []);
    await until(() => growing().some((name) => statSync(path.join(dir, name)).size > 128 * 1024), 'the hidden growing file');
    expect(readdirSync(dir)).not.toContain('video.mp4');
    await elapsedAtLeast(core, 5000);
    const result = await core.recorder.stop();
    await core.recorder.whenFollowed(id);
    expect(core.workspace.live.outcome(id)?.mode).toBe('live');
    expect(sha(readFileSync(path.join(dir, 'video.mp4')))).toBe(sha(readFileSync(result.videoPath!)));
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(readdirSync(dir)).toContain('manifest.json');
  }, 120_000);

  it('a cancelled recording leaves no object and no unfinished upload', async () => {
    const core = makeCore(path.join(tmp, 'cancel'));
    await useS3(core);
    const { id } = await core.recorder.start(options);
    await untilAsync(async () => (await dataParts(id)) >= 1, 'a part uploaded while recording');
    await core.recorder.cancel();
    await core.recorder.whenFollowed(id);
    expect(front.pendingUploads()).toEqual([]);
    expect(await objectKeys(`updates/${id}/`)).toEqual([]);
  }, 120_000);

  it('kill -9 during a live upload: after recovery there is no manifest, no video and no unfinished upload', async () => {
    const dataDir = path.join(tmp, 'crash');
    const setup = makeCore(dataDir);
    await useS3(setup);
    // `node --import tsx`, not the tsx command: that one runs the script in a child process, which kill -9 would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'tests', 'support', 'live-publish-child.ts'), dataDir], {
      cwd: repo,
      env: { ...process.env, ...s3Env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const { id, link } = await new Promise<{ id: string; link: string }>((resolve, reject) => {
      let recording = '';
      createInterface({ input: child.stdout }).on('line', (line) => {
        recording = /^RECORDING (\S+)/.exec(line)?.[1] ?? recording;
        const copied = /^LINK (\S+)/.exec(line)?.[1];
        if (copied) resolve({ id: recording, link: copied });
      });
      void exited.then(() => reject(new Error(`the recording process ended: ${stderr}`)));
    });
    expect(await (await fetch(link)).text()).toContain('Recording in progress');
    await untilAsync(async () => (await dataParts(id)) >= 2, 'parts uploaded while recording');
    child.kill('SIGKILL');
    await exited;
    expect((await objectKeys(partsPrefix(id))).length).toBeGreaterThanOrEqual(2);

    // A journal an earlier version left (a multipart upload to the key, with a part in it) is cleaned up too.
    const oldId = 'oldjournal1';
    const oldKey = `updates/${oldId}/video.mp4`;
    const created = await s3.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: oldKey }));
    await s3.client.send(new UploadPartCommand({ Bucket: bucket, Key: oldKey, UploadId: created.UploadId, PartNumber: 2, Body: Buffer.alloc(1024) }));
    mkdirSync(path.join(dataDir, 'live-uploads'), { recursive: true });
    writeFileSync(
      path.join(dataDir, 'live-uploads', `${oldId}.json`),
      JSON.stringify({ key: oldKey, workspace: `s3:${front.endpoint}|${bucket}|`, token: created.UploadId, ownerPid: child.pid, ownerStart: null }),
    );
    expect(front.pendingUploads().map((u) => u.key)).toContain(oldKey);

    // The next start: recovery makes the clip from the segments, and the orphaned upload is aborted.
    const next = makeCore(dataDir);
    const recovered = await next.recorder.recover();
    expect(recovered.map((r) => r.id)).toContain(id);
    await next.settle();
    await next.workspace.whenIdle();
    expect(front.pendingUploads()).toEqual([]);
    expect(await objectKeys(`updates/${id}/`)).toEqual([]);
    expect(readdirSync(path.join(dataDir, 'live-uploads'))).toEqual([]);
    // The link copied while it ran now plays the recovered clip, at the same address, instead of "ready in a moment"
    // until it expires. The next start finishes it once its recovery is over, in the background.
    await untilAsync(async () => (await (await fetch(link)).text()).includes('<video'), 'the copied link to play the recovered clip');
    expect(readdirSync(path.join(dataDir, 'pending-links'))).toEqual([]);
  }, 120_000);
});
