// The built main bundle (out/main/app.js, what Electron runs) loads in plain Node with fake Electron pieces and
// wires every contract call: proof that the shipped code, not just the TypeScript, is testable and correct.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { startDesktopApp as StartDesktopApp } from '../../electron/main/app';
import { channels } from '../../shared/contract';
import { fakeElectron } from '../support/fake-electron';
import { repoRoot, tempDir } from '../support/temp-core';

const noNative = { nativeRoot: null, checkout: null, openBrowserMode: async () => undefined };

const bundle = path.join(repoRoot, 'out', 'main', 'app.js');

describe('the built main bundle', () => {
  it('exists (npm test builds it first)', () => {
    expect(existsSync(bundle), `${bundle} is missing: run npm run build`).toBe(true);
    // The core's thread: the desktop app and browser mode start it (electron/core/worker/).
    expect(existsSync(path.join(repoRoot, 'out', 'main', 'core-worker.js'))).toBe(true);
  });

  it('starts with injected fakes, registers every call and refuses foreign frames', async () => {
    const { startDesktopApp } = (await import(pathToFileURL(bundle).href)) as { startDesktopApp: typeof StartDesktopApp };
    const folder = tempDir();
    const electron = fakeElectron(folder.dir);
    let core: Awaited<ReturnType<typeof StartDesktopApp>> = null;
    try {
      core = await startDesktopApp(electron.pieces, { outDir: path.join(repoRoot, 'out'), resourcesDir: path.join(repoRoot, 'resources'), env: {}, ...noNative });
      expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
      const appUrl = pathToFileURL(path.join(repoRoot, 'out', 'renderer', 'index.html')).href;
      expect(await electron.ipcMain.invoke('app:info', {}, appUrl)).toMatchObject({ ok: true, value: { name: 'Handoff' } });
      expect(await electron.ipcMain.invoke('app:info', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(electron.windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    } finally {
      electron.quit();
      await core?.close();
      folder.remove();
    }
  });
});
