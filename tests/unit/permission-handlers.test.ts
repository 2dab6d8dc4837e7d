// Issue 20, finding 16: Electron grants every web permission unless the session says otherwise. Each window installs
// handlers that give the app's own page only what it uses, and nothing to any other origin.
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/core/logger';
import { createMainWindow } from '../../electron/main/window';
import { fakeElectron, type FakeSession } from '../support/fake-electron';

const APP_URL = 'file:///opt/Handoff/resources/app/out/renderer/index.html';
const DEV_URL = 'http://localhost:5173/';

function windowSession(appUrl: string): FakeSession {
  const electron = fakeElectron('/tmp/unused');
  const window = createMainWindow(electron.pieces.BrowserWindow, { preload: '/p.cjs', appUrl, shell: electron.pieces.shell, logger: createMemoryLogger() });
  return window.webContents.session as FakeSession;
}

describe('window permissions', () => {
  it('gives the app page camera and mic, fullscreen and clipboard writes', async () => {
    const session = windowSession(APP_URL);
    const page = `${APP_URL}#/camera-preview`;
    expect(await session.request('media', page, { mediaTypes: ['video'] })).toBe(true);
    expect(await session.request('media', page, { mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(await session.request('fullscreen', page)).toBe(true);
    expect(await session.request('clipboard-sanitized-write', page)).toBe(true);
    expect(session.check('media', page)).toBe(true);
  });

  it('denies the app page everything else', async () => {
    const session = windowSession(APP_URL);
    for (const permission of ['geolocation', 'notifications', 'midi', 'midiSysex', 'clipboard-read', 'display-capture', 'pointerLock', 'openExternal', 'idle-detection', 'storage-access', 'window-management', 'hid', 'usb', 'serial', 'unknown']) {
      expect(await session.request(permission, APP_URL), permission).toBe(false);
      expect(session.check(permission, APP_URL), permission).toBe(false);
    }
    expect(session.device()).toBe(false);
  });

  it('denies every permission to any other origin, another file, or a subframe', async () => {
    const session = windowSession(APP_URL);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///tmp/index.html', 'http://127.0.0.1:47619/abc', 'data:text/html,hi']) {
      expect(await session.request('media', url, { mediaTypes: ['video'] }), url).toBe(false);
      expect(session.check('media', url), url).toBe(false);
      expect(await session.request('fullscreen', url), url).toBe(false);
    }
    expect(await session.request('media', APP_URL, { isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
  });

  it('follows the app URL of a dev server by origin', async () => {
    const session = windowSession(DEV_URL);
    expect(await session.request('media', `${DEV_URL}#/camera-preview`, { mediaTypes: ['video'] })).toBe(true);
    expect(await session.request('media', 'http://localhost:5174/', { mediaTypes: ['video'] })).toBe(false);
  });
});
