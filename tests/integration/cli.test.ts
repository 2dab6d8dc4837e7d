// The real `handoff` command, as a user runs it: a child process, stdout for results, stderr and exit codes for errors.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/temp-core';

const folder = tempDir();
afterAll(() => folder.remove());

function handoff(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'handoff.mjs'), ...args], {
    env: { ...process.env, HANDOFF_DATA_DIR: folder.dir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('handoff doctor', () => {
  it('prints a JSON report with ffmpeg, whisper, dataDir and ready', () => {
    const { code, stdout } = handoff(['doctor', '--json']);
    const report = JSON.parse(stdout);
    expect(report).toHaveProperty('ffmpeg.found');
    expect(report).toHaveProperty('whisper.found');
    expect(report.dataDir).toMatchObject({ path: folder.dir, writable: true });
    expect(typeof report.ready).toBe('boolean');
    expect(code).toBe(report.ready ? 0 : 1);
    expect(report.ffmpeg.found).toBe(true);
    expect(report.ffmpeg.encoders.libx264).toBe(true);
  });

  it.skipIf(!process.env.DISPLAY)('is ready with ffmpeg and a reachable X display (needs DISPLAY)', () => {
    const { code, stdout } = handoff(['--json', 'doctor']);
    expect(JSON.parse(stdout).ready).toBe(true);
    expect(code).toBe(0);
  });

  it('is not ready without a display, says what is missing and how to fix it, and exits non-zero', () => {
    const { code, stdout } = handoff(['doctor'], { DISPLAY: '', WAYLAND_DISPLAY: '' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ display: no reachable display/);
    expect(stdout).toMatch(/Xvfb/);
    expect(stdout).toMatch(/Not ready to record/);
  });

  it('reports a missing ffmpeg with how to install it', () => {
    const { code, stdout } = handoff(['doctor', '--json'], { HANDOFF_FFMPEG: '/nonexistent/ffmpeg' });
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.ffmpeg.found).toBe(false);
    expect(report.checks.find((c: { name: string }) => c.name === 'ffmpeg')).toMatchObject({ ok: false, fix: expect.stringMatching(/install/i) });
  });
});

describe('the CLI surface', () => {
  it('puts errors on stderr with a non-zero exit code', () => {
    const { code, stdout, stderr } = handoff(['no-such-command']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown command/);
  });

  it('honours --data-dir over HANDOFF_DATA_DIR', () => {
    const other = tempDir();
    try {
      const { stdout } = handoff(['--data-dir', other.dir, '--json', 'doctor']);
      expect(JSON.parse(stdout).dataDir.path).toBe(other.dir);
    } finally {
      other.remove();
    }
  });
});
