// Helpers for workspace tests: run the real CLI in-process, make a tiny real H.264/AAC MP4, bring a clip into a
// library through the real import, and start s3rver on 127.0.0.1.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import S3rver from 's3rver';
import { runCli } from '../../electron/cli/index';
import type { Core } from '../../electron/core/compose';

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

/**
 * Brings `video` into a library the way a user does, as a clip by the library's owner (their profile): `handoff import`
 * for a data folder, or `core.library.import` for a core a test keeps open (its events then reach that core's
 * listeners, e.g. auto-publish). Returns the clip id.
 */
export async function addClipFromFile(target: string | Core, video: string, meta: { recordedAt: Date; title?: string }, env: NodeJS.ProcessEnv = {}): Promise<string> {
  if (typeof target !== 'string') {
    const me = target.workspace.people.getProfile();
    const result = await target.library.import({ file: video, title: meta.title, recordedAt: meta.recordedAt, author: me.name, timezone: me.timezone });
    return result.clip.id;
  }
  const args = ['--json', 'import', video, '--recorded-at', meta.recordedAt.toISOString()];
  if (meta.title !== undefined) args.push('--title', meta.title);
  const run = await handoff(target, args, env);
  if (run.code !== 0) throw new Error(`handoff import failed (${run.code}): ${run.stderr}`);
  return run.json<{ clip: { id: string } }>().clip.id;
}

export async function startS3rver(bucket: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir('s3rver'), configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** What the AWS SDK's default chain reads; s3rver accepts any key but the SDK needs one. */
export const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

/** A file entry of a manifest: name, size and SHA-256 of `bytes`. */
export function fileRef(name: string, bytes: Buffer): { name: string; size: number; sha256: string } {
  return { name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A valid manifest by Anna in Berlin for update `id` whose video is `video`; `overrides` replace top-level fields. */
export function testManifest(id: string, video: Buffer, overrides: Record<string, unknown> = {}) {
  return {
    schema: 1,
    id,
    author: { id: 'anna-id', name: 'Anna' },
    authorTimezone: 'Europe/Berlin',
    recordedAt: '2026-11-20T09:00:00.000Z',
    title: `update ${id}`,
    context: null,
    ask: null,
    recipients: [],
    dueAt: null,
    urgency: 'fyi',
    replyTo: null,
    durationMs: 4000,
    width: 160,
    height: 120,
    files: { video: fileRef('video.mp4', video) },
    publishedAt: '2026-11-20T09:05:00.000Z',
    ...overrides,
  };
}
