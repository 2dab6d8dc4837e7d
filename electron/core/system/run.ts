import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Keeps only the last `max` characters: enough of stderr to explain a failure without holding all of it. */
export function tail(text: string, max = 2000): string {
  return text.length <= max ? text : '…' + text.slice(text.length - max);
}

/**
 * Runs a binary with an argument array (never a shell) and collects its output, bounded so a chatty child cannot
 * grow memory without limit. Rejects only when the binary cannot be started; a non-zero exit is in the result.
 */
export function runCommand(
  binary: string,
  args: readonly string[],
  options: { signal?: AbortSignal; timeoutMs?: number; maxOutput?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  const maxOutput = options.maxOutput ?? 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      timeout: options.timeoutMs,
      env: options.env ?? process.env,
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-maxOutput);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-maxOutput);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Looks a program up on PATH without a shell. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | null> {
  const { access, constants } = await import('node:fs/promises');
  const path = await import('node:path');
  const dirs = (env.PATH ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const names = platform === 'win32' ? [name + '.exe', name] : [name];
  for (const dir of dirs) {
    for (const candidate of names) {
      const full = path.join(dir, candidate);
      try {
        await access(full, constants.X_OK);
        return full;
      } catch {
        // not in this directory: keep looking
      }
    }
  }
  return null;
}
