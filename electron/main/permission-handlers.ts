// Web permissions in every window. Electron grants every permission request and check by default (geolocation,
// notifications, MIDI, HID/USB/serial devices, display capture, …); here only the app's own page gets anything, and only
// what it uses: the camera and mic (the camera preview), fullscreen (the player's video) and writing to the clipboard
// (copy a share link). The issue asked for media alone; fullscreen and clipboard writes are what the UI itself needs,
// and neither reads anything. Everything else, and anything for any other origin or a subframe, is denied.
import type { Session } from 'electron';
import type { Logger } from '../core/logger';
import { isAppUrl } from './ipc';

export type PermissionSessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

const APP_PERMISSIONS = new Set(['media', 'fullscreen', 'clipboard-sanitized-write']);
const MEDIA_TYPES = new Set(['video', 'audio']);

export interface PermissionAsk {
  permission: string;
  /** The URL of the frame that asks. */
  requestingUrl: string | undefined;
  /** False for a subframe; undefined when Electron does not say. */
  isMainFrame?: boolean;
  /** For 'media' requests: what is asked for ('video', 'audio'). */
  mediaTypes?: string[];
}

export function permissionAllowed(ask: PermissionAsk, appUrl: string): boolean {
  if (!APP_PERMISSIONS.has(ask.permission) || ask.isMainFrame === false) return false;
  if (!isAppUrl(ask.requestingUrl, appUrl)) return false;
  return ask.permission !== 'media' || (ask.mediaTypes ?? []).every((type) => MEDIA_TYPES.has(type));
}

export function installPermissionHandlers(session: PermissionSessionLike, options: { appUrl: string; logger: Logger }): void {
  const { appUrl, logger } = options;
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const media = details as { mediaTypes?: string[] };
    const ask: PermissionAsk = {
      permission,
      requestingUrl: details.requestingUrl || webContents.getURL(),
      isMainFrame: details.isMainFrame,
      mediaTypes: media.mediaTypes,
    };
    const granted = permissionAllowed(ask, appUrl);
    if (!granted) logger.warn('denied a permission request', { permission, url: ask.requestingUrl?.slice(0, 200) });
    callback(granted);
  });
  session.setPermissionCheckHandler((webContents, permission, _requestingOrigin, details) =>
    permissionAllowed({ permission, requestingUrl: details.requestingUrl ?? webContents?.getURL(), isMainFrame: details.isMainFrame }, appUrl),
  );
  // WebHID, WebUSB and Web Serial: the app uses none.
  session.setDevicePermissionHandler(() => false);
}
