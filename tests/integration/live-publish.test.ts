// Publishing while recording, for real: ffmpeg records a synthetic camera and tone, the moov-first file it builds is
// uploaded as it grows (S3: a multipart upload through a front that adds what s3rver lacks, see s3-front.ts; a folder:
// a hidden temp file), and at stop only the head and the tail go up before the manifest. A cancel, and a kill -9 of the
// recording process followed by recovery, leave no manifest, no video and no unfinished upload.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { GetObjectCommand, ListObjectsCommand } from '@aws-sdk/client-s3';
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
const tuning = { chunkBytes: 64 * 1024, firstChunkBytes: 64 * 1024 };

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

/** Parts uploaded so far to the unfinished upload of that key. */
function partsUploaded(key: string): number {
  const upload = front.pendingUploads().find((u) => u.key === key);
  if (!upload) return 0;
  return readdirSync(path.join(s3.directory, bucket, '._S3rver_uploads', upload.uploadId)).filter((name) => /^\d+$/.test(name)).length;
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

  it('on S3, uploads while recording; at stop only the head and tail remain, then the manifest; the object is the clip', async () => {
    const core = makeCore(path.join(tmp, 's3'));
    await useS3(core);
    const { id } = await core.recorder.start(options);
    const key = `updates/${id}/video.mp4`;
    await until(() => partsUploaded(key) >= 2, 'parts uploaded while recording');
    await elapsedAtLeast(core, 6000);
    const result = await core.recorder.stop();
    await core.recorder.whenFollowed(id);
    const outcome = core.workspace.live.outcome(id)!;
    expect(outcome.mode, JSON.stringify(outcome)).toBe('live');
    expect(outcome.bytesAtStop).toBeLessThan(outcome.bytesTotal);
    const local = readFileSync(result.videoPath!);
    const remote = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(sha(Buffer.from(await remote.Body!.transformToByteArray()))).toBe(sha(local));
    expect(await objectKeys(`updates/${id}/`)).toContain(`updates/${id}/manifest.json`);
    expect(front.pendingUploads()).toEqual([]);
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
    await until(() => partsUploaded(`updates/${id}/video.mp4`) >= 1, 'a part uploaded while recording');
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
    const id = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const match = /^RECORDING (\S+)/.exec(line);
        if (match) resolve(match[1]);
      });
      void exited.then(() => reject(new Error(`the recording process ended: ${stderr}`)));
    });
    const key = `updates/${id}/video.mp4`;
    await until(() => partsUploaded(key) >= 2, 'parts uploaded while recording');
    child.kill('SIGKILL');
    await exited;
    expect(front.pendingUploads().map((u) => u.key)).toContain(key);

    // The next start: recovery makes the clip from the segments, and the orphaned upload is aborted.
    const next = makeCore(dataDir);
    const recovered = await next.recorder.recover();
    expect(recovered.map((r) => r.id)).toContain(id);
    await next.settle();
    await next.workspace.whenIdle();
    expect(front.pendingUploads()).toEqual([]);
    expect(await objectKeys(`updates/${id}/`)).toEqual([]);
  }, 120_000);
});
