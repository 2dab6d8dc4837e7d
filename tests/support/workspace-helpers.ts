// Helpers for workspace tests: run the real CLI in-process, make a tiny real H.264/AAC MP4, bring a clip into a
// library, and start s3rver on 127.0.0.1. Clips come in through insertClip + a copied video because `handoff import`
// is built on another branch; once it lands, `addClipFromFile` can call `handoff import` instead.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import S3rver from 's3rver';
import { runCli } from '../../electron/cli/index';
import { composeCore } from '../../electron/core/compose';
import { insertClip } from '../../electron/core/library/clips-store';
import { createLogger } from '../../electron/core/logger';

export function hasFfmpeg(): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `handoff-${name}-`));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

export async function handoff(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(['--data-dir', dataDir, ...args], { stdout, stderr, stdin: new PassThrough(), env: { ...process.env, ...env } });
  const text = Buffer.concat(out).toString('utf8');
  return { code, stdout: text, stderr: Buffer.concat(err).toString('utf8'), json: <T>() => JSON.parse(text) as T };
}

/** A 4-second 160x120 H.264 + AAC MP4 (a few KB). */
export function makeTinyMp4(file: string, seconds = 4, tone = 440): string {
  execFileSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${seconds}`, '-f', 'lavfi',
      '-i', `sine=frequency=${tone}:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '32k', '-shortest', '-movflags', '+faststart', file],
    { stdio: 'ignore' },
  );
  return file;
}

/** Creates a ready clip by the library's owner (their profile) with `video` as its video.mp4; returns its id. */
export function addClipFromFile(dataDir: string, video: string, meta: { recordedAt: Date; title?: string; durationMs?: number }): string {
  const core = composeCore({
    dataDir,
    resourcesDir: path.resolve('resources'),
    version: 'test',
    env: process.env,
    platform: process.platform,
    logger: createLogger('test', { level: 'error' }),
    clock: () => new Date(),
  });
  try {
    const me = core.workspace.people.getProfile();
    const clip = insertClip(
      core.db,
      { authorId: me.id, authorName: me.name, authorTimezone: me.timezone, recordedAt: meta.recordedAt, title: meta.title ?? '', durationMs: meta.durationMs ?? 4000, state: 'ready', source: 'imported' },
      new Date(),
    );
    const dir = path.join(core.paths.clipsDir, clip.id);
    mkdirSync(dir, { recursive: true });
    copyFileSync(video, path.join(dir, 'video.mp4'));
    return clip.id;
  } finally {
    core.close();
  }
}

export async function startS3rver(bucket: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir('s3rver'), configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** What the AWS SDK's default chain reads; s3rver accepts any key but the SDK needs one. */
export const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
