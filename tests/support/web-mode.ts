// Starts `handoff web` as a user would (the real command, a fresh data folder) and hands back its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { tempDir } from './temp-core';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export interface WebMode {
  url: string;
  launchUrl: string;
  port: number;
  token: string;
  dataDir: string;
  /** The `handoff web` process (for its memory, and to see that it is still up). */
  pid: number;
  alive(): boolean;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * `sharePort`: the share server's port for this instance, set through the contract once it runs (the server moves
 * there at once). By default a free one, so parallel instances (and other programs on this machine) never collide.
 */
export async function startWebMode(options: { env?: NodeJS.ProcessEnv; dataDir?: string; sharePort?: number | null } = {}): Promise<WebMode> {
  const folder = options.dataDir ? null : tempDir('handoff-web-');
  const dataDir = options.dataDir ?? folder!.dir;
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', dataDir, '--json', 'web', '--port', '0'],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const printed = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      try {
        resolve(JSON.parse(stdout));
      } catch {
        // the JSON object is not complete yet
      }
    });
    child.once('exit', (code) => reject(new Error(`handoff web exited with ${code}: ${stderr}`)));
  });
  const launch = new URL(printed.url);
  const sharePort = options.sharePort === undefined ? await freePort() : options.sharePort;
  if (sharePort !== null) {
    const response = await fetch(`${launch.origin}/api/settings:set`, {
      method: 'POST',
      headers: { authorization: `Bearer ${launch.searchParams.get('token') ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: { 'share.port': sharePort } }),
    });
    if (!response.ok) throw new Error(`setting the share port failed: ${response.status} ${await response.text()}`);
  }
  return {
    url: launch.origin,
    launchUrl: printed.url,
    port: printed.port,
    token: launch.searchParams.get('token') ?? '',
    dataDir,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      folder?.remove();
    },
  };
}
