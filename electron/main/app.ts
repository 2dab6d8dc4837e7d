// The desktop app's start-up: compose the core, wire the contract to IPC, open the window. Electron itself is passed
// in (see electron-pieces.ts), so this module is testable without the binary.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBackgroundWork } from '../core/background';
import { composeCore, type Core } from '../core/compose';
import { createLogger } from '../core/logger';
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
}

/** Must run before the app is ready: the clip scheme streams (seeking) and is treated like https. */
export function registerPrivilegedSchemes(protocol: ElectronPieces['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: CLIP_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

export async function startDesktopApp(electron: ElectronPieces, options: DesktopOptions): Promise<Core | null> {
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
  const core = composeCore({
    nativeRoot: options.nativeRoot,
    dataDir: options.env.HANDOFF_DATA_DIR || app.getPath('userData'),
    resourcesDir: options.resourcesDir,
    version: app.getVersion(),
    env: options.env,
    platform: process.platform,
    logger,
    clock: () => new Date(),
  });
  // A teammate's video may stream from the workspace (lazy media): core answers every clip file.
  protocol.handle(CLIP_SCHEME, (request) => {
    const parts = parseClipUrl(request.url);
    return 'status' in parts ? serveClipFile({ ok: false, status: parts.status }, null) : core.media.serve(parts.id, parts.file, request.headers.get('range'));
  });
  const stopBackground = startBackgroundWork(core);
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
  app.on('before-quit', () => {
    shell$?.dispose();
    stopEvents();
    unregister();
    // The queue kills a running whisper-cli and leaves its job queued for next start; close the database after it.
    stopBackground()
      .catch((error: unknown) => logger.error('stopping background work failed', { error }))
      .finally(() => core.close());
  });
  return core;
}
