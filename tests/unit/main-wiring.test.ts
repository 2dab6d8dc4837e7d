// The Electron main process, driven with fakes of the same shape as Electron's pieces: the wiring is real, only the
// binary is missing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktopApp } from '../../electron/main/app';
import { currentRuntime } from '../../electron/core/system/native-binding';
import { channels } from '../../shared/contract';
import { fakeElectron } from '../support/fake-electron';
import { repoRoot, tempDir } from '../support/temp-core';

const noNative = { nativeRoot: null, checkout: null, openBrowserMode: async () => undefined };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function launch() {
  const folder = tempDir();
  const electron = fakeElectron(folder.dir);
  const outDir = path.join(repoRoot, 'out');
  const core = await startDesktopApp(electron.pieces, { outDir, resourcesDir: path.join(repoRoot, 'resources'), env: {}, ...noNative });
  cleanups.push(async () => {
    electron.quit();
    // Quitting closes the core in its worker; the folder goes once the database is closed.
    await core?.close();
    folder.remove();
  });
  const appUrl = 'file://' + path.join(outDir, 'renderer', 'index.html');
  return { ...electron, core, appUrl, window: electron.windows[0] };
}

describe('the desktop main process', () => {
  it('opens one window with the secure defaults and the sandboxed preload', async () => {
    const { windows, window } = await launch();
    expect(windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.options.webPreferences?.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.loaded).toMatch(/renderer[/\\]index\.html$/);
  });

  it('registers every contract call and answers only the app frame', async () => {
    const { ipcMain, appUrl } = await launch();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
    expect(await ipcMain.invoke('clips:list', {}, appUrl)).toMatchObject({ ok: true });
    expect(await ipcMain.invoke('clips:list', {}, 'file:///tmp/other.html')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipcMain.invoke('clips:list', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('denies window.open and sends only https links to the system browser', async () => {
    const { window, opened } = await launch();
    const handler = window.webContents.openHandler!;
    const details = (url: string) => ({ url }) as Parameters<typeof handler>[0];
    expect(handler(details('https://example.com/doc'))).toEqual({ action: 'deny' });
    expect(handler(details('http://example.com/'))).toEqual({ action: 'deny' });
    expect(handler(details('file:///etc/passwd'))).toEqual({ action: 'deny' });
    expect(handler(details('javascript:alert(1)'))).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual(['https://example.com/doc']);
  });

  it('blocks navigation away from the app', async () => {
    const { window, appUrl } = await launch();
    expect(window.webContents.navigate('https://evil.example/')).toBe(true);
    expect(window.webContents.navigate('file:///etc/passwd')).toBe(true);
    expect(window.webContents.navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(window.webContents.navigate(appUrl + '#/inbox')).toBe(false);
  });

  it('forwards contract events to the window', async () => {
    const { window, appUrl, ipcMain } = await launch();
    await ipcMain.invoke('settings:set', { values: { 'profile.name': 'Chen' } }, appUrl);
    expect(window.webContents.sent).toContainEqual({
      channel: 'settings:changed',
      args: [expect.objectContaining({ keys: ['profile.name'] })],
    });
  });

  it('says so in a dialog and in the window when the core crashes, and answers again once it restarted', async () => {
    const { core, dialogs, ipcMain, appUrl, window } = await launch();
    await core!.ready();
    await core!.kill();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toMatchObject({ type: 'error', message: "Handoff's library stopped unexpectedly" });
    expect(window.webContents.sent).toContainEqual({ channel: 'app:notice', args: [expect.objectContaining({ level: 'error' })] });
    expect(await ipcMain.invoke('clips:list', {}, appUrl)).toMatchObject({ ok: true });
    // Two worker starts from the TypeScript sources (tsx compiles in each): seconds on a busy machine.
  }, 60_000);

  it('serves media through a privileged, streaming clip:// scheme that refuses traversal and unknown ids', async () => {
    const { privileged, protocolHandlers } = await launch();
    expect(privileged).toContainEqual({ scheme: 'clip', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) });
    const handler = protocolHandlers.get('clip')!;
    for (const url of ['clip://media/../library.sqlite', 'clip://media/%2e%2e/%2e%2e/etc/passwd', 'clip://media/NoSuchClip1/video.mp4']) {
      expect((await handler(new Request(url))).status, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('checks the database module before any window opens: it explains and offers browser mode instead of dying', async () => {
    const folder = tempDir();
    cleanups.push(() => folder.remove());
    // A build for exactly this runtime that cannot load (what a half-finished or foreign build looks like).
    const runtime = currentRuntime();
    const broken = path.join(folder.dir, 'checkout', 'native', `${runtime.runtime}-${runtime.abi}`, 'better_sqlite3.node');
    mkdirSync(path.dirname(broken), { recursive: true });
    writeFileSync(broken, 'not a shared library');
    const electron = fakeElectron(path.join(folder.dir, 'data'));
    let browserModeOpened = 0;
    electron.pieces.dialog.showMessageBox = async (options) => {
      electron.dialogs.push(options);
      return { response: 0 };
    };
    const core = await startDesktopApp(electron.pieces, {
      outDir: path.join(repoRoot, 'out'),
      resourcesDir: path.join(repoRoot, 'resources'),
      env: {},
      nativeRoot: path.join(folder.dir, 'checkout'),
      checkout: path.join(folder.dir, 'checkout'),
      openBrowserMode: async () => void browserModeOpened++,
    });
    expect(core).toBeNull();
    expect(electron.windows).toHaveLength(0);
    expect(existsSync(path.join(folder.dir, 'data', 'library.sqlite'))).toBe(false);
    expect(electron.dialogs[0]).toMatchObject({
      message: expect.stringContaining(`ABI ${runtime.abi}`),
      detail: expect.stringContaining('npm run native -- --electron'),
      buttons: ['Open browser mode', 'Quit'],
    });
    expect(browserModeOpened).toBe(1);
  });
});
