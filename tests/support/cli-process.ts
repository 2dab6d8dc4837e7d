// The real `handoff` CLI as a child process that does not block this one: tests and benches that serve s3rver (or a
// proxy in front of it) from their own process would deadlock on a synchronous child.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './web-mode';

/** Runs `handoff --data-dir DIR ...args` with `env` and resolves with its stdout; a non-zero exit rejects with stderr. */
export function runCli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`handoff ${args.join(' ')} exited ${code}: ${err}`))));
  });
}
