// npm run bench:sync — lazy media (sync-media.ts: bytes a 10k-update sync downloads against the workspace's video
// bytes, event-loop delay, time to first frame remote vs local), and how long sync takes to index a workspace from
// scratch, and whether an incremental sync of 10 new updates stays flat as the workspace grows (ratio of incremental times at the large vs the small size).
// Folder: 1k and 10k updates. S3 (s3rver on 127.0.0.1, real AWS SDK): s3rver serves about 130 GETs/s here, so by
// default 1k and 2k (BENCH_S3_LARGE=10000 for the full size; ~15 min). Each update is a manifest plus a 16-byte
// placeholder video; seeded updates are old (their feed entries long past), the 10 new ones are written the way a
// publisher writes them (files, manifest, feed entry).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { composeCore } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import type { WorkspaceBackend } from '../../electron/core/workspace/backend';
import { createFolderBackend } from '../../electron/core/workspace/folder-backend';
import { writeFeed } from '../../electron/core/workspace/publish';
import { createS3Backend } from '../../electron/core/workspace/s3-backend';
import { measureLazyMedia } from './sync-media';

const VIDEO = Buffer.alloc(16, 3);
const VIDEO_SHA = createHash('sha256').update(VIDEO).digest('hex');
const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `handoff-bench-${name}-`));
const zones = ['Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland'];

function manifest(id: string, i: number): Buffer {
  return Buffer.from(
    JSON.stringify({
      schema: 1,
      id,
      author: { id: `person-${i % 7}`, name: `Person ${i % 7}` },
      authorTimezone: zones[i % zones.length],
      recordedAt: new Date(Date.UTC(2026, 0, 1) + i * 600_000).toISOString(),
      title: `Update ${i}`,
      context: null,
      ask: i % 5 === 0 ? 'Thoughts?' : null,
      recipients: [],
      dueAt: null,
      urgency: 'fyi',
      replyTo: null,
      durationMs: 1000,
      width: 16,
      height: 16,
      files: { video: { name: 'video.mp4', size: VIDEO.length, sha256: VIDEO_SHA } },
      publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 600_000).toISOString(),
    }),
  );
}
const idFor = (i: number) => `bench${String(i).padStart(7, '0')}`;

interface Target {
  name: string;
  settings: Record<string, unknown>;
  backend: WorkspaceBackend;
  /** Bulk seeding (setup only, not measured): plain writes, no write-once checks. */
  seed(key: string, body: Buffer): Promise<void>;
  close(): Promise<void>;
}

async function seedRange(target: Target, from: number, to: number) {
  let next = from;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < to) {
        const i = next++;
        await target.seed(`updates/${idFor(i)}/video.mp4`, VIDEO);
        await target.seed(`updates/${idFor(i)}/manifest.json`, manifest(idFor(i), i));
      }
    }),
  );
}

/** 10 new updates written as a publisher does: video, manifest, then the feed entry. */
async function publishNew(target: Target, from: number) {
  for (let i = from; i < from + 10; i++) {
    await target.backend.putOnce(`updates/${idFor(i)}/video.mp4`, VIDEO);
    await target.backend.putOnce(`updates/${idFor(i)}/manifest.json`, manifest(idFor(i), i));
    await writeFeed(target.backend, `updates/${idFor(i)}/manifest.json`, () => new Date());
  }
}

function library(target: Target) {
  const core = composeCore({
    dataDir: tmp('lib'),
    resourcesDir: path.resolve('resources'),
    version: 'bench',
    env,
    platform: process.platform,
    logger: createLogger('bench', { level: 'error' }),
    clock: () => new Date(),
  });
  core.dispatch('settings:set', { values: target.settings });
  return core;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(target: Target, small: number, large: number) {
  const rows: string[] = [];
  let written = 0;
  const incrementalAt = async (size: number) => {
    await seedRange(target, written, size);
    written = size;
    const core = library(target);
    const [scratchMs, report] = await timed(() => core.workspace.sync());
    if (report.indexed.updates !== size) throw new Error(`expected ${size} indexed, got ${report.indexed.updates}`);
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      await publishNew(target, 10_000_000 + written);
      written += 10;
      const [ms, inc] = await timed(() => core.workspace.sync());
      if (inc.mode !== 'incremental' || inc.indexed.updates !== 10) throw new Error(`incremental sync indexed ${inc.indexed.updates} (${inc.mode})`);
      runs.push(ms);
    }
    core.close();
    rows.push(`${target.name}: from scratch ${size} updates: ${scratchMs.toFixed(0)} ms (${((scratchMs / size) * 1000).toFixed(0)} µs/update)`);
    rows.push(`${target.name}: incremental +10 on ${size}: ${median(runs).toFixed(1)} ms (median of 3: ${runs.map((x) => x.toFixed(1)).join(', ')})`);
    return median(runs);
  };
  const incSmall = await incrementalAt(small);
  const incLarge = await incrementalAt(large);
  rows.push(`${target.name}: incremental ratio ${large}/${small}: ${(incLarge / incSmall).toFixed(2)}x (1.00 = flat; baseline is the ${small}-update run)`);
  return rows;
}

async function folderTarget(): Promise<Target> {
  const dir = tmp('ws');
  return {
    name: 'folder',
    settings: { 'workspace.kind': 'folder', 'workspace.folder': dir },
    backend: createFolderBackend(dir),
    async seed(key, body) {
      const file = path.join(dir, ...key.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, body);
    },
    close: async () => undefined,
  };
}

async function s3Target(): Promise<Target> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: process.env.BENCH_S3_LOG !== "1", directory: tmp("s3rver"), configureBuckets: [{ name: 'bench' }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const options = { endpoint, bucket: 'bench', prefix: 'team', region: 'us-east-1', pathStyle: true };
  const raw = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    name: 's3 (s3rver)',
    settings: {
      'workspace.kind': 's3',
      'workspace.s3.endpoint': endpoint,
      'workspace.s3.bucket': 'bench',
      'workspace.s3.prefix': 'team',
      'workspace.s3.pathStyle': true,
    },
    backend: createS3Backend(options, env),
    async seed(key, body) {
      await raw.send(new PutObjectCommand({ Bucket: 'bench', Key: `team/${key}`, Body: body }));
    },
    async close() {
      raw.destroy();
      await server.close();
    },
  };
}

// BENCH_ONLY=folder | s3 | media runs one part; by default all three.
const only = process.env.BENCH_ONLY;
if (only === undefined || only === 'folder') {
  const folder = await folderTarget();
  process.stdout.write((await measure(folder, 1000, 10_000)).join('\n') + '\n');
  await folder.close();
}
if (only === undefined || only === 's3') {
  const s3 = await s3Target();
  process.stdout.write((await measure(s3, 1000, Number(process.env.BENCH_S3_LARGE ?? 2000))).join('\n') + '\n');
  await s3.close();
}
if (only === undefined || only === 'media') {
  await measureLazyMedia(tmp, Number(process.env.BENCH_MEDIA_UPDATES ?? 10_000));
}
