// The desktop app's start-up: start the core in its worker thread, wire the contract to IPC, open the window. Electron
// itself is passed in (see electron-pieces.ts), so this module is testable without the binary. The core (SQLite and
// every service) runs in a worker (core/worker/), so this thread only routes messages: a migration, a sync or a search
// never freezes a window, the tray or the recorder's HUD.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../core/logger';
import { startWorkerCore, type CoreFailure, type WorkerCore } from '../core/worker/core-client';
import type { ElectronPieces } from './electron-pieces';
import { CLIP_SCHEME, parseClipUrl, serveClipFile } from './clip-protocol';
import { startDesktopShell } from './desktop-shell';
import { openRecordingWindow } from './recording-windows';
import { startUpdateChecks } from './updates';
import { forwardEvents, registerContractHandlers } from './ipc';
import { createMainWindow } from './window';
import { checkNativeBinding, reportNativeProblem } from './native-check';
import { normalizeShellRoute } from '../../shared/shell-route';

export interface DesktopOptions {
  /** Folder holding the built main/preload/renderer (out/). */
  outDir: string;
  resourcesDir: string;
  /** The dev server URL while developing; the built index.html otherwise. */
  devServerUrl?: string;
  env: NodeJS.ProcessEnv;
  /** Holds `native/<runtime>-<abi>/` (the checkout; packaged: the app's resources folder). */
  nativeRoot: string | null;
  /** The checkout the app runs from, when it is not packaged: where `npm run native` and browser mode can run. */
  checkout: string | null;
  /** Starts browser mode on the system Node and opens it (offered when the database module cannot load). */
  openBrowserMode(): Promise<void>;
  /** The core's worker script; by default the built out/main/core-worker.js, or the sources (core-client.ts). */
  workerEntry?: string;
}

/** Must run before the app is ready: the clip scheme streams (seeking) and is treated like https. */
export function registerPrivilegedSchemes(protocol: ElectronPieces['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: CLIP_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** What the user sees when the core fails: it restarts (a notice), or it cannot go on (the app quits after saying why). */
function reportCoreFailure(failure: CoreFailure, electron: ElectronPieces, core: () => WorkerCore | null): void {
  if (failure.restarting) {
    core()?.events.emit('app:notice', { level: 'error', message: `${failure.error.message} It was restarted; try that again.` });
    void electron.dialog.showMessageBox({
      type: 'error',
      message: 'Handoff\'s library stopped unexpectedly',
      detail: `${failure.error.message}\n\nIt has been restarted. What you were doing when it stopped may need doing again.`,
      buttons: ['OK'],
      defaultId: 0,
      cancelId: 0,
    });
    return;
  }
  const title = failure.kind === 'start' ? 'Handoff cannot open its library' : 'Handoff\'s library stopped';
  electron.dialog.showErrorBox(title, `${failure.error.message}\n\nHandoff will quit now.`);
  electron.app.quit();
}

export async function startDesktopApp(electron: ElectronPieces, options: DesktopOptions): Promise<WorkerCore | null> {
  const { app, BrowserWindow, ipcMain, shell, protocol } = electron;
  const logger = createLogger('main');
  registerPrivilegedSchemes(protocol);
  // A data folder chosen by the environment is also the instance's identity: the single-instance lock lives in
  // userData, so a second app on another data folder (tests, a second profile) is its own instance.
  if (options.env.HANDOFF_DATA_DIR) app.setPath('userData', options.env.HANDOFF_DATA_DIR);
  if (!app.requestSingleInstanceLock()) {
    logger.info('another Handoff is running; handing over to it');
    app.quit();
    return null;
  }
  await app.whenReady();
  const nativeProblem = checkNativeBinding(options.nativeRoot);
  if (nativeProblem) {
    logger.error('the database module does not load in this runtime', { ...nativeProblem });
    await reportNativeProblem(nativeProblem, options.checkout, { ...electron.dialog, openBrowserMode: options.openBrowserMode });
    app.quit();
    return null;
  }
  // Not awaited: the window opens at once and shows the start-up migration's progress (app:startup, app:migration).
  let started: WorkerCore | null = null;
  const core = startWorkerCore({
    nativeRoot: options.nativeRoot,
    dataDir: options.env.HANDOFF_DATA_DIR || app.getPath('userData'),
    resourcesDir: options.resourcesDir,
    version: app.getVersion(),
    env: options.env,
    platform: process.platform,
    logScope: 'main',
    logSink: (line) => process.stderr.write(line + '\n'),
    entry: options.workerEntry,
    onFailure: (failure) => {
      logger.error('the core failed', { ...failure });
      reportCoreFailure(failure, electron, () => started);
    },
  });
  started = core;
  // A teammate's video may stream from the workspace (lazy media): the core, in its worker, answers every clip file.
  protocol.handle(CLIP_SCHEME, (request) => {
    const parts = parseClipUrl(request.url);
    return 'status' in parts ? serveClipFile({ ok: false, status: parts.status }, null) : core.serveMedia(parts.id, parts.file, request.headers.get('range'));
  });
  void core.startBackground().catch((error: unknown) => logger.error('background work did not start', { error }));
  const rendererFile = path.join(options.outDir, 'renderer', 'index.html');
  const appUrl = options.devServerUrl ?? pathToFileURL(rendererFile).href;
  const windows: ReturnType<typeof createMainWindow>[] = [];

  const unregister = registerContractHandlers({ ipcMain, dispatch: core.dispatch, appUrl, logger: logger.child('ipc') });
  const stopEvents = forwardEvents((listener) => core.events.onAny(listener), () => windows);

  const window = createMainWindow(BrowserWindow, {
    preload: path.join(options.outDir, 'preload', 'index.cjs'),
    appUrl,
    shell,
    logger,
  });
  windows.push(window);
  await (options.devServerUrl ? window.loadURL(options.devServerUrl) : window.loadFile(rendererFile));

  const shell$ = electron.extras
    ? startDesktopShell(
        electron.extras,
        core,
        {
          navigate: (route) => {
            window.show();
            core.events.emit('app:navigate', { route: normalizeShellRoute(route) });
          },
          beforeRecording: () => {
            const { workArea } = electron.extras!.screen.getPrimaryDisplay();
            for (const kind of ['countdown', 'hud'] as const) {
              openRecordingWindow(BrowserWindow, kind, {
                workArea,
                preload: path.join(options.outDir, 'preload', 'index.cjs'),
                appUrl,
                rendererFile: options.devServerUrl ? null : rendererFile,
                shell,
                logger,
              });
            }
          },
          quit: () => app.quit(),
        },
        { iconPath: path.join(options.resourcesDir, 'icons', 'tray.png'), argv: process.argv, logger: logger.child('shell') },
      )
    : null;

  if (electron.updates) void startUpdateChecks(electron.updates, { dispatch: core.dispatch, logger: logger.child('updates') });
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the core to close (the queue kills a running whisper-cli and leaves its job queued for next
  // start, pending writes settle, then the database closes in the worker), then quits for real.
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event?.preventDefault();
    if (closing) return;
    shell$?.dispose();
    stopEvents();
    unregister();
    closing = core
      .close()
      .catch((error: unknown) => logger.error('closing the core failed', { error }))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  return core;
}
