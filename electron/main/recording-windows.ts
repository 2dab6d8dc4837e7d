// The small windows around a recording: the HUD (elapsed, pause, stop, cancel), the 3-2-1 countdown, the region
// selector (one transparent full-screen window per display) and the camera preview. Each loads a renderer route and
// gets the same locked-down preferences as the main window.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/logger';
import type { BrowserWindowFactory, BrowserWindowLike, ShellLike } from './electron-pieces';
import { hardenWebContents, secureWebPreferences } from './window';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type RecordingWindowKind = 'hud' | 'countdown' | 'region' | 'camera-preview';

const overlay: BrowserWindowConstructorOptions = {
  frame: false,
  resizable: false,
  movable: false,
  skipTaskbar: true,
  alwaysOnTop: true,
  hasShadow: false,
  show: false,
};

/** Where and how each window appears, given the display it belongs to. */
export function recordingWindowOptions(kind: RecordingWindowKind, workArea: Rect, preload: string): BrowserWindowConstructorOptions {
  const webPreferences = secureWebPreferences(preload);
  switch (kind) {
    case 'hud':
      return { ...overlay, movable: true, width: 340, height: 64, x: workArea.x + workArea.width - 360, y: workArea.y + 20, webPreferences };
    case 'countdown':
      return {
        ...overlay,
        transparent: true,
        focusable: false,
        width: 240,
        height: 240,
        x: Math.round(workArea.x + (workArea.width - 240) / 2),
        y: Math.round(workArea.y + (workArea.height - 240) / 2),
        webPreferences,
      };
    case 'region':
      return { ...overlay, transparent: true, enableLargerThanScreen: true, ...workArea, webPreferences };
    case 'camera-preview':
      return { ...overlay, movable: true, width: 240, height: 240, x: workArea.x + 24, y: workArea.y + workArea.height - 264, webPreferences };
  }
}

export function openRecordingWindow(
  BrowserWindow: BrowserWindowFactory,
  kind: RecordingWindowKind,
  options: { workArea: Rect; preload: string; appUrl: string; rendererFile: string | null; shell: ShellLike; logger: Logger },
): BrowserWindowLike {
  const window = new BrowserWindow(recordingWindowOptions(kind, options.workArea, options.preload));
  hardenWebContents(window.webContents, options);
  // Keep the HUD and countdown out of the recording where the OS allows (macOS, Windows); a no-op elsewhere.
  if (kind !== 'region' && kind !== 'camera-preview') window.setContentProtection?.(true);
  window.once('ready-to-show', () => window.show());
  const route = `#/${kind}`;
  const load = options.rendererFile ? window.loadFile(options.rendererFile, { hash: route.slice(1) }) : window.loadURL(options.appUrl + route);
  load.catch((error: unknown) => options.logger.error(`could not load the ${kind} window`, { error }));
  return window;
}
