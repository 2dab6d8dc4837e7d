// Electron entry: only wiring. Everything testable lives in app.ts and core.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, Notification, protocol, screen, shell, Tray } from 'electron';
import electronUpdater from 'electron-updater';
import { startDesktopApp } from './app';
import { launchBrowserMode } from './native-check';
import { askWithDialog } from './updates';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checkout = app.isPackaged ? null : path.resolve(outDir, '..');

startDesktopApp(
  {
    app, BrowserWindow, ipcMain, shell, protocol, dialog,
    extras: {
      Tray, Menu, globalShortcut, Notification, screen, app,
      cliShim: { platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, resourcesPath: process.resourcesPath, env: process.env, home: app.getPath('home') },
    },
    // A getter: electron-updater builds its updater (reading app-update.yml) only when a check will run.
    updates: { isPackaged: app.isPackaged, updater: () => electronUpdater.autoUpdater, askToRestart: askWithDialog(dialog) },
  },
  {
    outDir,
    resourcesDir: app.isPackaged ? process.resourcesPath : path.resolve(outDir, '..', 'resources'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    env: process.env,
    nativeRoot: app.isPackaged ? process.resourcesPath : checkout,
    checkout,
    openBrowserMode: () =>
      launchBrowserMode({
        nodeBinary: process.env.npm_node_execpath || 'node',
        checkout: checkout ?? '.',
        spawn: (command, args) => spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } }),
        openExternal: (url) => shell.openExternal(url),
      }),
  },
).catch((error: unknown) => {
  process.stderr.write(`Handoff failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  app.exit(1);
});
