// `handoff backup FILE` writes only a new plain file: never through a symlink (dangling or not), and a folder that does
// not exist is a clear message, not a stack trace.
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';

let work: string;
let dataDir: string;

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: { write: (t: string) => ((stdout += t), true) } as NodeJS.WritableStream,
    stderr: { write: (t: string) => ((stderr += t), true) } as NodeJS.WritableStream,
    stdin: process.stdin,
    env: process.env,
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'handoff-backup-'));
  dataDir = path.join(work, 'data');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('handoff backup', () => {
  it('refuses to write through a dangling symlink, and creates nothing where it points', async () => {
    const victim = path.join(work, 'elsewhere', 'victim.sqlite');
    const link = path.join(work, 'backup.sqlite');
    symlinkSync(victim, link);
    const result = await run('backup', link);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/symbolic link/);
    expect(existsSync(victim)).toBe(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a symlink to an existing file and leaves the file as it was', async () => {
    const target = path.join(work, 'precious.txt');
    writeFileSync(target, 'keep me');
    const link = path.join(work, 'to-precious.sqlite');
    symlinkSync(target, link);
    const result = await run('backup', link);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('says the folder does not exist, without a stack trace', async () => {
    const result = await run('backup', path.join(work, 'no', 'such', 'dir', 'b.sqlite'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/folder .* does not exist/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('still writes a backup to a new plain file', async () => {
    const file = path.join(work, 'good.sqlite');
    const result = await run('backup', file, '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
