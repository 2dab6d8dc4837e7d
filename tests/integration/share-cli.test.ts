// The CLI end to end: `handoff serve` in its own process, `handoff share/links/revoke` in another, one data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';
import { openDatabase } from '../../electron/core/library/database';
import { createLogger } from '../../electron/core/logger';
import { request } from '../support/raw-http';
import { hasFfmpeg, makeTestClip } from '../support/test-clip';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), env: { ...process.env, HANDOFF_DATA_DIR: '' } });
  return { code, stdout: out, stderr: err };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!hasFfmpeg())('handoff serve / share / links / revoke', () => {
  let dataDir: string;
  let clipId: string;
  let port: number;
  let serve: ChildProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-share-cli-'));
    const db = openDatabase(path.join(dataDir, 'library.sqlite'), createLogger('test', { level: 'warn' }));
    clipId = makeTestClip(db, path.join(dataDir, 'clips')).clip.id;
    db.close();
    port = await freePort();
    serve = spawn(path.resolve('bin/handoff.mjs'), ['--data-dir', dataDir, '--json', 'serve', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      serve.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('}')) resolve();
      });
      serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
  });
  afterAll(async () => {
    if (serve && serve.exitCode === null) {
      serve.kill('SIGTERM');
      await new Promise((resolve) => serve.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serve saved its port, so share prints a URL that the serving process answers', async () => {
    const made = await cli(['--data-dir', dataDir, '--json', 'share', clipId, '--expires', '24h', '--no-download']);
    expect(made.code).toBe(0);
    const link = JSON.parse(made.stdout) as { url: string; token: string; expiresAt: string };
    expect(link.url).toBe(`http://127.0.0.1:${port}/${link.token}`);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(made.stderr).toBe('');
    const page = await request(port, `/${link.token}`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).not.toContain('Download video');

    const listed = await cli(['--data-dir', dataDir, '--json', 'links', clipId]);
    const links = JSON.parse(listed.stdout) as { token: string; status: string; allowDownload: boolean; views: unknown[] }[];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ token: link.token, status: 'active', allowDownload: false });
    expect(links[0].views).toHaveLength(1);

    const revoked = await cli(['--data-dir', dataDir, 'revoke', link.token]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked ${link.token}`);
    expect((await request(port, `/${link.token}`)).status).toBe(410);
    const human = await cli(['--data-dir', dataDir, 'links', clipId]);
    expect(human.stdout).toMatch(/^revoked http:\/\/127\.0\.0\.1:/);
  });

  it('refuses bad input with a clear error and makes no link', async () => {
    const bad = await cli(['--data-dir', dataDir, 'share', clipId, '--expires', 'tomorrow']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected never or e.g. 30m, 24h, 7d');
    const missing = await cli(['--data-dir', dataDir, 'share', 'nosuchclip1']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('No clip with id nosuchclip1');
    const unknown = await cli(['--data-dir', dataDir, 'revoke', 'A'.repeat(32)]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No share link with that token');
    const links = JSON.parse((await cli(['--data-dir', dataDir, '--json', 'links', clipId])).stdout) as unknown[];
    expect(links).toHaveLength(1);
  });

  it('warns when no share server answers on the saved port, and rejects a bad --port', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'handoff-share-cli-idle-'));
    try {
      const idle = await freePort();
      const db = openDatabase(path.join(other, 'library.sqlite'), createLogger('test', { level: 'warn' }));
      const id = makeTestClip(db, path.join(other, 'clips')).clip.id;
      db.prepare("INSERT INTO settings (key, value) VALUES ('share.port', ?)").run(JSON.stringify(idle));
      db.close();
      const badPort = await cli(['--data-dir', other, 'serve', '--port', 'x']);
      expect(badPort.code).not.toBe(0);
      expect(badPort.stderr).toContain('--port must be 0–65535');
      const made = await cli(['--data-dir', other, 'share', id]);
      expect(made.code).toBe(0);
      expect(made.stdout.startsWith(`http://127.0.0.1:${idle}/`)).toBe(true);
      expect(made.stderr).toContain(`no share server answers on port ${idle}`);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
