// Starts `handoff web` as a user would (the real command, a fresh data folder) and hands back its URL.
import { spawn, type ChildProcess } from 'node:child_process';
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

export async function startWebMode(options: { env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<WebMode> {
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
