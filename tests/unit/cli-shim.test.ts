// The `handoff` command as users get it: from a checkout through `npm link` (bin/handoff.mjs reached through npm's
// global symlinks), and from the installed app through the shim its menu writes (cli-shim.ts), here run against the
// real built out/main/cli-main.js with this Node standing in for the app's Electron binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliShimMenuItem, cliShimMenuItems, installShim, planShim, shimDirectories, shimScript, shimTargetFor, type ShimPlan } from '../../electron/main/cli-shim';
import { startDesktopShell } from '../../electron/main/desktop-shell';
import { trayMenu } from '../../electron/main/tray';
import { fakeShellPieces } from '../support/fake-electron';
import { makeTempCore } from '../support/temp-core';

const repoRoot = path.resolve(__dirname, '..', '..');
const builtCli = path.join(repoRoot, 'out', 'main', 'cli-main.js');
const posixOnly = process.platform !== 'win32';

function run(file: string, args: string[], env: Record<string, string>) {
  return spawnSync(file, args, { cwd: os.tmpdir(), encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

describe('npm link', () => {
  // npm link makes <prefix>/lib/node_modules/handoff -> the checkout and <prefix>/bin/handoff -> ../lib/node_modules/handoff/bin/handoff.mjs.
  it.skipIf(!posixOnly).each([
    ['the built bundle', {}],
    ['the TypeScript sources', { HANDOFF_CLI_FROM_SOURCE: '1' }],
  ])('runs from a global bin folder through the symlinks, outside the checkout (%s)', (_label, env) => {
    const prefix = mkdtempSync(path.join(os.tmpdir(), 'handoff-link-'));
    mkdirSync(path.join(prefix, 'lib', 'node_modules'), { recursive: true });
    mkdirSync(path.join(prefix, 'bin'));
    symlinkSync(repoRoot, path.join(prefix, 'lib', 'node_modules', 'handoff'));
    symlinkSync('../lib/node_modules/handoff/bin/handoff.mjs', path.join(prefix, 'bin', 'handoff'));
    const result = run(path.join(prefix, 'bin', 'handoff'), ['--json', 'list'], { ...env, HANDOFF_DATA_DIR: path.join(prefix, 'data') });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ clips: [], total: 0 });
  });
});

describe('the installed app shim', () => {
  const target = { electronBinary: '/opt/Handoff/handoff', cliEntry: '/opt/Handoff/resources/app.asar/out/main/cli-main.js' };

  it("points the shim at the app's Electron binary and the CLI inside app.asar", () => {
    expect(shimTargetFor({ platform: 'linux', isPackaged: true, execPath: '/opt/Handoff/handoff', resourcesPath: '/opt/Handoff/resources', env: {} })).toEqual(target);
    expect(
      shimTargetFor({ platform: 'win32', isPackaged: true, execPath: 'C:\\Users\\ana\\AppData\\Local\\Programs\\handoff\\Handoff.exe', resourcesPath: 'C:\\Users\\ana\\AppData\\Local\\Programs\\handoff\\resources', env: {} }),
    ).toEqual({
      electronBinary: 'C:\\Users\\ana\\AppData\\Local\\Programs\\handoff\\Handoff.exe',
      cliEntry: 'C:\\Users\\ana\\AppData\\Local\\Programs\\handoff\\resources\\app.asar\\out\\main\\cli-main.js',
    });
    // Places a shim would soon point at nothing: an AppImage's mount, a dmg, an unpackaged checkout.
    expect(shimTargetFor({ platform: 'linux', isPackaged: true, execPath: '/tmp/.mount_Handoff/handoff', resourcesPath: '/tmp/.mount_Handoff/resources', env: { APPIMAGE: '/home/ana/Handoff.AppImage' } })).toMatchObject({ reason: expect.stringContaining('.deb') });
    expect(shimTargetFor({ platform: 'darwin', isPackaged: true, execPath: '/Volumes/Handoff/Handoff.app/Contents/MacOS/Handoff', resourcesPath: '/Volumes/Handoff/Handoff.app/Contents/Resources', env: {} })).toMatchObject({ reason: expect.stringContaining('Applications') });
    expect(shimTargetFor({ platform: 'linux', isPackaged: false, execPath: '/x/electron', resourcesPath: '/x', env: {} })).toMatchObject({ reason: expect.stringContaining('npm link') });
  });

  it('writes an sh script on macOS/Linux and a .cmd on Windows, quoting paths', () => {
    const sh = shimScript('darwin', { electronBinary: "/Applications/Ana's Handoff.app/Contents/MacOS/Handoff", cliEntry: '/A/cli.js' });
    expect(sh.name).toBe('handoff');
    expect(sh.content).toContain(`exec '/Applications/Ana'\\''s Handoff.app/Contents/MacOS/Handoff' '/A/cli.js' "$@"`);
    expect(sh.content).toMatch(/^#!\/bin\/sh\n/);
    expect(sh.content).toContain('export ELECTRON_RUN_AS_NODE=1');
    const cmd = shimScript('win32', { electronBinary: 'C:\\Program Files\\100%\\Handoff.exe', cliEntry: 'C:\\H\\cli.js' });
    expect(cmd.name).toBe('handoff.cmd');
    expect(cmd.content.split('\r\n')).toEqual(expect.arrayContaining(['set ELECTRON_RUN_AS_NODE=1', '"C:\\Program Files\\100%%\\Handoff.exe" "C:\\H\\cli.js" %*']));
  });

  it('chooses a writable folder on PATH, per-user first, and says when none is on PATH', () => {
    const all = () => true;
    expect(shimDirectories('linux', {}, '/home/ana')).toEqual(['/home/ana/.local/bin', '/usr/local/bin']);
    const linux = planShim({ platform: 'linux', env: { PATH: '/usr/bin:/home/ana/.local/bin/' }, home: '/home/ana', target, writable: all }) as ShimPlan;
    expect(linux).toMatchObject({ dir: '/home/ana/.local/bin', file: '/home/ana/.local/bin/handoff', onPath: true });
    const mac = planShim({ platform: 'darwin', env: { PATH: '/usr/bin:/usr/local/bin' }, home: '/Users/ana', target, writable: (dir) => dir !== '/usr/local/bin' }) as ShimPlan;
    expect(mac).toMatchObject({ dir: '/Users/ana/.local/bin', onPath: false });
    const win = planShim({
      platform: 'win32',
      env: { Path: 'C:\\Windows;C:\\Users\\ana\\AppData\\Local\\Microsoft\\WindowsApps', LOCALAPPDATA: 'C:\\Users\\Ana\\AppData\\Local' },
      home: 'C:\\Users\\ana',
      target,
      writable: all,
    }) as ShimPlan;
    expect(win).toMatchObject({ file: 'C:\\Users\\Ana\\AppData\\Local\\Microsoft\\WindowsApps\\handoff.cmd', onPath: true });
    expect(planShim({ platform: 'linux', env: {}, home: '/h', target, writable: () => false })).toMatchObject({ reason: expect.stringContaining('/h/.local/bin') });
  });

  it.skipIf(!posixOnly || !existsSync(builtCli))('installed into a temp folder, runs the built CLI with a stand-in for the Electron binary', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'handoff-shim-'));
    // This Node plays the app's Electron binary (ELECTRON_RUN_AS_NODE makes Electron a Node; Node ignores it).
    const plan = planShim({ platform: process.platform, env: { PATH: `/usr/bin:${home}/.local/bin` }, home, target: { electronBinary: process.execPath, cliEntry: builtCli }, writable: () => true }) as ShimPlan;
    expect(plan.file).toBe(path.join(home, '.local', 'bin', 'handoff'));
    await installShim(plan);
    expect(statSync(plan.file).mode & 0o111).toBe(0o111);
    expect(readFileSync(plan.file, 'utf8')).toBe(plan.content);
    const listed = run(plan.file, ['--json', 'list'], { HANDOFF_DATA_DIR: path.join(home, 'data') });
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout)).toEqual({ clips: [], total: 0 });
    const unknown = run(plan.file, ['no-such-command'], { HANDOFF_DATA_DIR: path.join(home, 'data') });
    expect(unknown.status).not.toBe(0); // the CLI's exit code comes through the shim
  });

  it('offers the menu item in the tray and reports the outcome instead of throwing', async () => {
    const reports: string[][] = [];
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const item = cliShimMenuItem(
      async () => ({ reason: 'no folder' }),
      (title, body) => {
        reports.push([title, body]);
        settle();
      },
    );
    const menu = trayMenu({ recording: false, recent: [], shortcut: null }, { toggleRecording() {}, openInbox() {}, openClip() {}, quit() {} }, [item]);
    const labels = menu.map((entry) => entry.label ?? entry.type);
    expect(labels.indexOf("Install 'handoff' command in PATH")).toBe(labels.indexOf('Quit Handoff') - 2);
    item.click!();
    await done;
    expect(reports).toEqual([["Could not install the 'handoff' command", 'no folder']]);
    const run = { platform: process.platform, execPath: '/x/handoff', resourcesPath: '/x/resources', env: {}, home: '/h' };
    expect(cliShimMenuItems({ ...run, isPackaged: false }, () => undefined)).toEqual([]);
    expect(cliShimMenuItems({ ...run, isPackaged: true }, () => undefined).map((entry) => entry.label)).toEqual(["Install 'handoff' command in PATH"]);
  });
});

describe('the tray item in the desktop shell', () => {
  const disposals: (() => void)[] = [];
  afterEach(() => disposals.splice(0).reverse().forEach((dispose) => dispose()));

  it.skipIf(!posixOnly)("installs the shim from a packaged app's tray and says where", async () => {
    const temp = makeTempCore();
    disposals.push(temp.dispose);
    const home = mkdtempSync(path.join(os.tmpdir(), 'handoff-tray-shim-'));
    const fake = fakeShellPieces();
    const resourcesPath = '/opt/Handoff/resources';
    fake.pieces.cliShim = { platform: process.platform, isPackaged: true, execPath: '/opt/Handoff/handoff', resourcesPath, env: { PATH: `${home}/.local/bin:/usr/bin` }, home };
    const shell = startDesktopShell(fake.pieces, temp.core, { navigate() {}, beforeRecording() {}, quit() {} }, { iconPath: '/x.png', argv: [], logger: temp.logger });
    disposals.push(() => shell.dispose());
    // The tray's menu is set once the shell has read the settings and the recent clips.
    await expect.poll(() => fake.trayItem("Install 'handoff' command in PATH")).toBeDefined();
    const item = fake.trayItem("Install 'handoff' command in PATH");
    item!.click!();
    await expect.poll(() => fake.notifications.length).toBe(1);
    const shim = path.join(home, '.local', 'bin', 'handoff');
    expect(fake.notifications[0]).toMatchObject({ title: "'handoff' command installed", body: expect.stringContaining(shim) });
    expect(readFileSync(shim, 'utf8')).toContain(`exec '/opt/Handoff/handoff' '${resourcesPath}/app.asar/out/main/cli-main.js' "$@"`);
  });

  it('offers no such item in a development run', async () => {
    const temp = makeTempCore();
    disposals.push(temp.dispose);
    const fake = fakeShellPieces();
    fake.pieces.cliShim = { platform: 'linux', isPackaged: false, execPath: '/x/electron', resourcesPath: '/x', env: {}, home: '/h' };
    const shell = startDesktopShell(fake.pieces, temp.core, { navigate() {}, beforeRecording() {}, quit() {} }, { iconPath: '/x.png', argv: [], logger: temp.logger });
    disposals.push(() => shell.dispose());
    await expect.poll(() => fake.trayItem('Quit Handoff')).toBeDefined();
    expect(fake.trayItem("Install 'handoff' command in PATH")).toBeUndefined();
  });
});
