// The parts of Electron the main process uses, as interfaces. index.ts passes the real module; tests pass fakes with
// the same shape, so the wiring is tested without an Electron binary and without module-alias mocks.
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import type { ShellPieces } from './desktop-shell';
import type { NativeProblemPieces } from './native-check';
import type { UpdatePieces } from './updates';
import type { PermissionSessionLike } from './permission-handlers';

/** What a handler reads from an invoke event: the frame that sent it (null once the frame is gone). */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }, url: string) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  /** Where the permission handlers go (permission-handlers.ts). */
  session: PermissionSessionLike;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  loadFile(file: string, options?: { hash?: string }): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  setContentProtection?(enable: boolean): void;
}

export type BrowserWindowFactory = new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface AppLike {
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  setPath(name: 'userData', value: string): void;
  getVersion(): string;
  on(event: 'window-all-closed', listener: () => void): unknown;
  /** Electron passes an event whose preventDefault() holds the quit (absent in fakes that only call the listener). */
  on(event: 'before-quit', listener: (event?: { preventDefault(): void }) => void): unknown;
  quit(): void;
  requestSingleInstanceLock(): boolean;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface DialogLike {
  showMessageBox: NativeProblemPieces['showMessageBox'];
  showErrorBox(title: string, content: string): void;
}

export interface ElectronPieces {
  app: AppLike;
  dialog: DialogLike;
  BrowserWindow: BrowserWindowFactory;
  ipcMain: IpcMainLike;
  shell: ShellLike;
  protocol: ProtocolLike;
  /** Tray, shortcut, notifications, deep links: absent in tests that only check the core wiring. */
  extras?: ShellPieces;
  /** electron-updater and the restart dialog: absent in tests, and unused unless packaged with the setting on. */
  updates?: UpdatePieces;
}
