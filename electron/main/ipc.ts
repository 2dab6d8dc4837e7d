// Registers one ipcMain handler per contract call, derived from the contract alone. Every call is checked to come from
// the app's own frame and goes through the same dispatcher as browser mode, so input parsing and error mapping are
// identical on both transports.
import { channels } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Dispatch } from '../core/api/dispatch';
import type { Logger } from '../core/logger';
import type { IpcMainLike } from './electron-pieces';

/** True when a frame URL belongs to the app: the dev server while developing, the bundled file otherwise. */
export function isAppUrl(url: string | undefined, appOrigin: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    const expected = new URL(appOrigin);
    if (expected.protocol === 'file:') return parsed.protocol === 'file:' && parsed.pathname === expected.pathname;
    return parsed.origin === expected.origin;
  } catch {
    return false;
  }
}

export function registerContractHandlers(options: {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  appUrl: string;
  logger: Logger;
}): () => void {
  const { ipcMain, dispatch, appUrl, logger } = options;
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input) => {
      const frameUrl = event.senderFrame?.url;
      if (!isAppUrl(frameUrl, appUrl)) {
        logger.warn('refused a call from a foreign frame', { channel, frameUrl });
        return fail('forbidden', `${channel}: calls are accepted only from the Handoff window.`);
      }
      return dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Contract events go to every app window as `ipcRenderer` messages on the event's own name. */
export function forwardEvents(
  subscribe: (listener: (event: string, payload: unknown) => void) => () => void,
  windows: () => { webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean } }[],
): () => void {
  return subscribe((event, payload) => {
    for (const window of windows()) if (!window.webContents.isDestroyed()) window.webContents.send(event, payload);
  });
}
