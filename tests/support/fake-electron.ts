// Fakes with the shape of the Electron pieces main/ uses (electron/main/electron-pieces.ts): enough to drive the real
// wiring without the Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ShellPieces } from '../../electron/main/desktop-shell';
import type { BrowserWindowLike, ElectronPieces, IpcMainLike, WebContentsLike } from '../../electron/main/electron-pieces';
import type { MenuItem } from '../../electron/main/tray';
import type { PermissionSessionLike } from '../../electron/main/permission-handlers';

type RequestHandler = Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];
type DeviceHandler = Parameters<PermissionSessionLike['setDevicePermissionHandler']>[0];

/** Keeps the permission handlers a window installs, and asks them the way Chromium would. */
export class FakeSession implements PermissionSessionLike {
  requestHandler: RequestHandler = null;
  checkHandler: CheckHandler = null;
  deviceHandler: DeviceHandler = null;
  setPermissionRequestHandler(handler: RequestHandler) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler) {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: DeviceHandler) {
    this.deviceHandler = handler;
  }
  /** What a page at `url` gets when it asks; Electron's default (no handler) is to grant. */
  request(permission: string, url: string, details: { isMainFrame?: boolean; mediaTypes?: string[] } = {}): Promise<boolean> {
    if (!this.requestHandler) return Promise.resolve(true);
    const handler = this.requestHandler as unknown as (wc: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void;
    return new Promise((resolve) => handler({ getURL: () => url }, permission, resolve, { requestingUrl: url, isMainFrame: true, ...details }));
  }
  check(permission: string, url: string, details: { isMainFrame?: boolean } = {}): boolean {
    if (!this.checkHandler) return true;
    const handler = this.checkHandler as unknown as (wc: unknown, p: string, origin: string, d: unknown) => boolean;
    return handler({ getURL: () => url }, permission, new URL(url).origin, { requestingUrl: url, isMainFrame: true, ...details });
  }
  device(): boolean {
    return this.deviceHandler ? (this.deviceHandler as unknown as () => boolean)() : true;
  }
}

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** Invokes as a renderer frame at `frameUrl` would. */
  invoke(channel: string, input: unknown, frameUrl: string) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: { url: frameUrl } }, input);
  }
}

export class FakeWebContents implements WebContentsLike {
  openHandler: Parameters<WebContentsLike['setWindowOpenHandler']>[0] | null = null;
  readonly listeners = new Map<string, ((event: { preventDefault(): void; url: string }, url: string) => void)[]>();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly session = new FakeSession();
  setWindowOpenHandler(handler: Parameters<WebContentsLike['setWindowOpenHandler']>[0]) {
    this.openHandler = handler;
  }
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }, url: string) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return false;
  }
  /** Simulates a navigation attempt; returns whether it was prevented. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    for (const listener of this.listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true), url }, url);
    return prevented;
  }
}

export function fakeElectron(userData: string) {
  const windows: FakeWindow[] = [];
  const opened: string[] = [];
  class FakeWindow implements BrowserWindowLike {
    readonly webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
    async loadFile(file: string) {
      this.loaded = file;
    }
    once() {
      return this;
    }
    show() {}
  }
  const appListeners = new Map<string, () => void>();
  const privileged: { scheme: string; privileges: Record<string, boolean> }[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const ipcMain = new FakeIpcMain();
  const dialogs: unknown[] = [];
  const pieces: ElectronPieces = {
    app: {
      whenReady: async () => undefined,
      getPath: () => userData,
      setPath: () => undefined,
      getVersion: () => '0.0.0-test',
      on: (event, listener) => appListeners.set(event, listener),
      quit: () => appListeners.get('before-quit')?.(),
      requestSingleInstanceLock: () => true,
    },
    BrowserWindow: FakeWindow,
    ipcMain,
    dialog: {
      showMessageBox: async (options) => {
        dialogs.push(options);
        return { response: options.cancelId };
      },
      showErrorBox: (title, content) => void dialogs.push({ title, content }),
    },
    shell: { openExternal: async (url: string) => void opened.push(url) },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => void privileged.push(...schemes),
      handle: (scheme, handler) => void protocolHandlers.set(scheme, handler),
    },
  };
  return { pieces, ipcMain, dialogs, windows, opened, privileged, protocolHandlers, quit: () => pieces.app.quit() };
}

/** The desktop extras (tray, menu, shortcut, notifications, deep links) as fakes that record what the shell did. */
export function fakeShellPieces() {
  const menus: MenuItem[][] = [];
  const notifications: { title: string; body: string; click: (() => void) | null }[] = [];
  const appHandlers = new Map<string, (...args: unknown[]) => void>();
  const shortcuts = new Map<string, () => void>();
  const pieces: ShellPieces = {
    Tray: class {
      setContextMenu(menu: unknown) {
        menus.push(menu as MenuItem[]);
      }
      setToolTip() {}
      destroy() {}
    },
    Menu: { buildFromTemplate: (template) => template },
    globalShortcut: {
      register: (accelerator, callback) => (shortcuts.set(accelerator, callback), true),
      unregister: (accelerator) => void shortcuts.delete(accelerator),
    },
    Notification: Object.assign(
      class {
        private entry: { title: string; body: string; click: (() => void) | null };
        constructor(options: { title: string; body: string }) {
          this.entry = { ...options, click: null };
        }
        on(_event: 'click', listener: () => void) {
          this.entry.click = listener;
          return this;
        }
        show() {
          notifications.push(this.entry);
        }
      },
      { isSupported: () => true },
    ),
    screen: { getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
    app: {
      setAsDefaultProtocolClient: () => true,
      on: (event: string, listener: (...args: unknown[]) => void) => appHandlers.set(event, listener),
    } as ShellPieces['app'],
  };
  /** The tray's current menu item with this label (searching submenus too). */
  const trayItem = (label: string): MenuItem | undefined => {
    const find = (items: MenuItem[]): MenuItem | undefined =>
      items.reduce<MenuItem | undefined>((found, item) => found ?? (item.label === label ? item : item.submenu ? find(item.submenu) : undefined), undefined);
    return find(menus.at(-1) ?? []);
  };
  return { pieces, menus, notifications, appHandlers, shortcuts, trayItem };
}
