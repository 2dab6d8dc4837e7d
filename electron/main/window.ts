// Every window Handoff opens is made here, with the same locked-down preferences (DESIGN.md "Security rules").
import type { WebPreferences } from 'electron';
import type { Logger } from '../core/logger';
import type { BrowserWindowFactory, BrowserWindowLike, ShellLike, WebContentsLike } from './electron-pieces';
import { isAppUrl } from './ipc';
import { installPermissionHandlers } from './permission-handlers';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Only https links leave the app, and only to the system browser. */
export async function openExternalSafely(shell: ShellLike, url: string, logger: Logger): Promise<boolean> {
  if (!isHttpsUrl(url)) {
    logger.warn('refused to open a non-https URL externally', { url: url.slice(0, 200) });
    return false;
  }
  await shell.openExternal(url);
  return true;
}

/** No new windows (links go to the browser when https), no navigation away from the app. */
export function hardenWebContents(webContents: WebContentsLike, options: { appUrl: string; shell: ShellLike; logger: Logger }) {
  const { appUrl, shell, logger } = options;
  webContents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url, logger).catch((error: unknown) => logger.error('openExternal failed', { error }));
    return { action: 'deny' };
  });
  const block = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    logger.warn('blocked navigation', { url: url.slice(0, 200) });
  };
  webContents.on('will-navigate', block);
  webContents.on('will-redirect', block);
  // Every window shares the default session; setting the handlers again for each window replaces them with the same.
  installPermissionHandlers(webContents.session, { appUrl, logger });
}

export function createMainWindow(
  BrowserWindow: BrowserWindowFactory,
  options: { preload: string; appUrl: string; shell: ShellLike; logger: Logger },
): BrowserWindowLike {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Handoff',
    webPreferences: secureWebPreferences(options.preload),
  });
  hardenWebContents(window.webContents, options);
  window.once('ready-to-show', () => window.show());
  return window;
}
