// The installer check CI runs after `npm run dist` (scripts/check-installer.mjs), on an app laid out as the .deb
// installs it (/opt/Handoff/handoff beside resources/app.asar and resources/bin), with this Node standing in for the
// Electron binary and an app.asar folder holding the real built out/. Debian's ffmpeg plays a dynamically linked
// bundled ffmpeg, which the check must refuse; the static ffprobe from @ffprobe-installer passes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInstalledApp, checkWorkerCore, findInstalledApp } from '../../scripts/lib/installed-app.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(__dirname, '..', '..');
const built = path.join(repoRoot, 'out', 'main', 'cli-main.js');
const runnable = process.platform === 'linux' && process.arch === 'x64' && existsSync('/usr/bin/ffmpeg');

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function layOutInstalledApp(): { root: string; appDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-installed-app-'));
  made.push(root);
  const appDir = path.join(root, 'opt', 'Handoff');
  const asar = path.join(appDir, 'resources', 'app.asar');
  mkdirSync(asar, { recursive: true });
  cpSync(path.join(repoRoot, 'out'), path.join(asar, 'out'), { recursive: true });
  cpSync(path.join(repoRoot, 'package.json'), path.join(asar, 'package.json'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(asar, 'node_modules'));
  symlinkSync(process.execPath, path.join(appDir, 'handoff'));
  const bin = path.join(appDir, 'resources', 'bin');
  mkdirSync(bin);
  symlinkSync('/usr/bin/ffmpeg', path.join(bin, 'ffmpeg'));
  symlinkSync(path.join(path.dirname(require.resolve('@ffprobe-installer/linux-x64/package.json')), 'ffprobe'), path.join(bin, 'ffprobe'));
  return { root, appDir };
}

describe.skipIf(!runnable)('installer check', () => {
  it('built app exists (npm test builds it first)', () => {
    expect(existsSync(built), `${built} is missing: run npm run build`).toBe(true);
  });

  it('starts the core in its worker thread from inside the install (browser mode)', async () => {
    const { root } = layOutInstalledApp();
    const app = findInstalledApp(root, 'linux');
    expect(await checkWorkerCore(app!)).toMatchObject({ ok: true, detail: expect.stringMatching(/^answered; database module/) });
  });

  it("runs the bundled binaries and the app's own doctor, and refuses a dynamically linked ffmpeg", () => {
    const { root, appDir } = layOutInstalledApp();
    const app = findInstalledApp(root, 'linux');
    expect(app).toEqual({ binary: path.join(appDir, 'handoff'), resourcesDir: path.join(appDir, 'resources') });
    // HANDOFF_FFMPEG set by the caller must not leak into the app's check: the check is of the bundled binaries.
    const results = checkInstalledApp({ ...app!, platform: 'linux', env: { ...process.env, HANDOFF_FFMPEG: '/usr/bin/ffmpeg' } });
    const byCheck = Object.fromEntries(results.map((result) => [result.check, result]));
    expect(byCheck['ffmpeg -version']).toMatchObject({ ok: true, detail: expect.stringMatching(/^ffmpeg version/) });
    expect(byCheck['ffmpeg is self-contained']).toMatchObject({ ok: false, detail: expect.stringContaining('is dynamically linked (libav') });
    expect(byCheck['ffprobe -version']).toMatchObject({ ok: true, detail: expect.stringMatching(/^ffprobe version .*static/) });
    expect(byCheck['ffprobe is self-contained']).toMatchObject({ ok: true });
    expect(byCheck['whisper-cli bundled']).toMatchObject({ ok: false, detail: expect.stringContaining('missing') });
    expect(byCheck['handoff doctor finds the bundled ffmpeg']).toMatchObject({ ok: true, detail: expect.stringContaining(path.join(appDir, 'resources', 'bin', 'ffmpeg')) });
    expect(byCheck['handoff doctor finds the bundled whisper-cli']).toMatchObject({ ok: false });

    // The script CI runs: every check listed, exit 1 because two failed.
    const script = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'check-installer.mjs'), '--app-dir', root], { encoding: 'utf8', timeout: 120_000 });
    expect(script.status).toBe(1);
    expect(script.stdout).toContain('FAIL ffmpeg is self-contained');
    expect(script.stdout).toContain('ok   handoff doctor finds the bundled ffmpeg');
    expect(script.stdout).toContain('ok   the core starts in its worker thread');
  });
});
