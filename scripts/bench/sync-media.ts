// Lazy media figures for `npm run bench:sync` (issue 19), on s3rver through the real AWS SDK:
// 1. Bytes a from-scratch sync of 10k updates downloads, against the workspace's video bytes. Every update is a real
//    one's files: the manifest, the thumbnail the app makes (640 px JPEG) of a real 60 s 720p recording, and a video
//    object of that recording's real size. The 10k video objects are sparse files written into s3rver's folder (seeding
//    60 GB for real is not possible here); S3 reports their real size, and the counting proxy in front of s3rver shows
//    that no byte of any of them is read. Event-loop delay (perf_hooks.monitorEventLoopDelay) during the sync.
// 2. Time to first frame in Chromium through browser mode (`handoff web`): a teammate's video streamed from the
//    bucket against a local clip of the same recording, alternating, each clip opened once (a played S3 video is
//    cached afterwards, so each remote run is a first play).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { composeCore } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { makeThumbnail } from '../../electron/core/media/thumbnail';
import { startWebMode } from '../../tests/support/web-mode';
import { runCli } from '../../tests/support/cli-process';

const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
const BUCKET = 'bench';
const PREFIX = 'team';
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** s3rver and the counting proxy in their own process (s3rver-proxy.ts), so the measured event loop is the app's alone. */
async function startBucket(s3Dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 's3rver-proxy.ts'), s3Dir, BUCKET], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { endpoint } = await new Promise<{ endpoint: string }>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))) as { endpoint: string });
    });
    child.once('exit', (code) => reject(new Error(`the s3rver process exited with ${code}`)));
  });
  return {
    endpoint,
    counts: async () => (await (await fetch(`${endpoint}/__counts`)).json()) as { requests: number; bytes: number; videoGets: number },
    reset: async () => void (await fetch(`${endpoint}/__reset`)).text(),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function realRecording(dir: string): string {
  const file = path.join(dir, 'recording.mp4');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=60', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=60',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-maxrate', '1500k', '-bufsize', '3000k', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', file]);
  return file;
}

/** Writes an object the way s3rver stores one (object, its MD5, metadata): bulk seeding, not measured. */
function seedObject(s3Dir: string, key: string, body: Buffer | { sparseSize: number }, contentType: string) {
  const file = path.join(s3Dir, BUCKET, ...`${PREFIX}/${key}`.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  const object = `${file}._S3rver_object`;
  if (Buffer.isBuffer(body)) {
    writeFileSync(object, body);
    writeFileSync(`${object}.md5`, md5(body));
  } else {
    const fd = openSync(object, 'w');
    ftruncateSync(fd, body.sparseSize);
    closeSync(fd);
    writeFileSync(`${object}.md5`, md5(Buffer.from(key)));
  }
  writeFileSync(`${file}._S3rver_metadata.json`, JSON.stringify({ 'content-type': contentType }));
}

const cli = (dataDir: string, args: string[]) => runCli(dataDir, args, { ...process.env, ...env });

/** In the page: opens a clip and resolves with the ms until its video's first frame is decoded (loadeddata). */
const FIRST_FRAME = `async (clipId) => {
  const t0 = performance.now();
  location.hash = '#/clip/' + clipId;
  await new Promise((resolve) => {
    const look = () => {
      const v = document.querySelector('video');
      if (v && v.readyState >= 2) resolve();
      else if (v) v.addEventListener('loadeddata', () => resolve(), { once: true });
      else requestAnimationFrame(look);
    };
    look();
  });
  return performance.now() - t0;
}`;

export async function measureLazyMedia(tmp: (name: string) => string, updates: number): Promise<void> {
  // Printed as they come: the Chromium half runs long after the sync half.
  const rows = { push: (line: string) => void process.stdout.write(line + '\n') };
  const s3Dir = tmp('s3rver-media');
  const proxy = await startBucket(s3Dir);
  const s3Settings = { 'workspace.kind': 's3', 'workspace.s3.endpoint': proxy.endpoint, 'workspace.s3.bucket': BUCKET, 'workspace.s3.prefix': PREFIX, 'workspace.s3.pathStyle': true };

  const work = tmp('media-src');
  const recording = realRecording(work);
  const video = readFileSync(recording);
  const thumbFile = path.join(work, 'thumb.jpg');
  await makeThumbnail('ffmpeg', recording, thumbFile, 60_000);
  const thumb = readFileSync(thumbFile);
  for (let i = 0; i < updates; i++) {
    const id = `media${String(i).padStart(7, '0')}`;
    const at = new Date(Date.UTC(2026, 0, 1) + i * 600_000).toISOString();
    const manifest = Buffer.from(JSON.stringify({
      schema: 1, id, author: { id: `person-${i % 7}`, name: `Person ${i % 7}` }, authorTimezone: 'Europe/Berlin', recordedAt: at, title: `Update ${i}`,
      context: null, ask: i % 5 === 0 ? 'Thoughts?' : null, recipients: [], dueAt: null, urgency: 'fyi', replyTo: null, durationMs: 60_000, width: 1280, height: 720,
      files: { video: { name: 'video.mp4', size: video.length, sha256: sha256(video) }, thumb: { name: 'thumb.jpg', size: thumb.length, sha256: sha256(thumb) } },
      publishedAt: at,
    }));
    seedObject(s3Dir, `updates/${id}/video.mp4`, { sparseSize: video.length }, 'video/mp4');
    seedObject(s3Dir, `updates/${id}/thumb.jpg`, thumb, 'image/jpeg');
    seedObject(s3Dir, `updates/${id}/manifest.json`, manifest, 'application/json');
  }

  // 1. A from-scratch sync of every update, through the counting proxy.
  const viewerDir = tmp('media-viewer');
  const core = composeCore({ dataDir: viewerDir, resourcesDir: path.join(repoRoot, 'resources'), version: 'bench', env, platform: process.platform, logger: createLogger('bench', { level: 'error' }), clock: () => new Date() });
  await core.dispatch('settings:set', { values: { ...s3Settings, 'profile.name': 'Kenji', 'profile.timezone': 'Asia/Tokyo' } });
  await proxy.reset();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const report = await core.workspace.sync();
  const syncMs = performance.now() - started;
  loop.disable();
  core.close();
  if (report.indexed.updates !== updates) throw new Error(`expected ${updates} indexed, got ${report.indexed.updates}`);
  const videoBytes = updates * video.length;
  const downloaded = await proxy.counts();
  rows.push(`lazy media: one update = manifest + ${(thumb.length / 1024).toFixed(1)} KB thumbnail + ${mb(video.length)} video (a real 60 s 720p recording)`);
  rows.push(`lazy media: from-scratch sync of ${updates} updates on s3rver: ${(syncMs / 1000).toFixed(1)} s, ${downloaded.requests} requests, ${downloaded.videoGets} video GETs`);
  rows.push(`lazy media: bytes downloaded ${downloaded.bytes} (${mb(downloaded.bytes)}) / workspace video bytes ${videoBytes} (${mb(videoBytes)}) = ${((downloaded.bytes / videoBytes) * 100).toFixed(3)}% (target ≤ 2%)`);
  rows.push(`lazy media: event-loop delay during the sync: max ${(loop.max / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, mean ${(loop.mean / 1e6).toFixed(1)} ms`);

  // 2. Time to first frame in Chromium, a teammate's video streamed from the bucket vs a local clip.
  const runs = Number(process.env.BENCH_TTFF_RUNS ?? 5);
  const anna = tmp('media-anna');
  await cli(anna, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin']);
  await cli(anna, ['workspace', 'use-s3', '--bucket', BUCKET, '--endpoint', proxy.endpoint, '--prefix', PREFIX, '--path-style']);
  const remote: string[] = [];
  const local: string[] = [];
  for (let i = 0; i < runs; i++) {
    const a = JSON.parse(await cli(anna, ['--json', 'import', recording, '--title', `Remote ${i}`])) as { clip: { id: string } };
    await cli(anna, ['publish', a.clip.id]);
    remote.push(a.clip.id);
    local.push((JSON.parse(await cli(viewerDir, ['--json', 'import', recording, '--title', `Local ${i}`])) as { clip: { id: string } }).clip.id);
  }
  const web = await startWebMode({ env, dataDir: viewerDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const sync = await fetch(`${web.url}/api/sync:run`, { method: 'POST', headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' }, body: '{}' });
    if (!sync.ok) throw new Error(`sync failed: ${await sync.text()}`);
    const page = await browser.newPage();
    await page.goto(web.launchUrl);
    await page.waitForSelector('h1');
    const firstFrame = async (id: string) => {
      await page.evaluate(() => (location.hash = '#/inbox'));
      await page.waitForFunction(() => !document.querySelector('video'));
      // A string, not a function: tsx's helpers (__name) do not exist in the page.
      return page.evaluate(`(${FIRST_FRAME})(${JSON.stringify(id)})`) as Promise<number>;
    };
    const times = { local: [] as number[], remote: [] as number[] };
    for (let i = 0; i < runs; i++) {
      times.local.push(await firstFrame(local[i]));
      times.remote.push(await firstFrame(remote[i]));
    }
    const [l, r] = [median(times.local), median(times.remote)];
    rows.push(`time to first frame in Chromium (browser mode), median of ${runs}: local ${l.toFixed(0)} ms (${times.local.map((x) => x.toFixed(0)).join(', ')}), remote streamed from s3rver ${r.toFixed(0)} ms (${times.remote.map((x) => x.toFixed(0)).join(', ')})`);
    rows.push(`time to first frame ratio remote/local: ${(r / l).toFixed(2)}x (baseline: the local clip, same run)`);
  } finally {
    await browser.close();
    await web.stop();
    await proxy.close();
  }
}
