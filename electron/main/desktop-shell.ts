// The desktop-only extras around the main window: tray, global shortcut, deep links and notifications. Each takes
// its Electron piece as an argument; recording is driven through the same contract calls the renderer uses.
import type { Dispatch } from '../core/api/dispatch';
import type { EventBus } from '../core/api/event-bus';
import type { Logger } from '../core/logger';
import { deepLinkFromArgv, parseDeepLink, routeFor, DEEP_LINK_SCHEME, type DeepLink } from './deep-link';
import type { Rect } from './recording-windows';
import { registerRecordShortcut, DEFAULT_RECORD_SHORTCUT, type GlobalShortcutLike } from './shortcut';
import { trayMenu, type MenuItem, type TrayState } from './tray';
import { cliShimMenuItems, type CliShimOptions } from './cli-shim';
import { messageOf } from '../../shared/result';

export interface TrayLike {
  setContextMenu(menu: unknown): void;
  setToolTip(text: string): void;
  destroy(): void;
}

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface ShellPieces {
  Tray: new (icon: string) => TrayLike;
  Menu: { buildFromTemplate(template: MenuItem[]): unknown };
  globalShortcut: GlobalShortcutLike;
  Notification: (new (options: { title: string; body: string }) => NotificationLike) & { isSupported(): boolean };
  screen: { getPrimaryDisplay(): { workArea: Rect } };
  /** The running app, for the tray's "Install 'handoff' command in PATH" (cli-shim.ts); shown only when packaged. */
  cliShim?: CliShimOptions;
  app: {
    setAsDefaultProtocolClient(scheme: string): boolean;
    on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
    on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  };
}

export interface ShellHooks {
  /** Shows the main window at a renderer route (e.g. `#/clip/<id>`). */
  navigate(route: string): void;
  /** Opens the countdown/HUD windows around a recording start. */
  beforeRecording(): void;
  quit(): void;
}

/** What the shell needs of the core: the contract and its events (an in-thread Core or the worker core both have them). */
export interface ShellCore {
  dispatch: Dispatch;
  events: Pick<EventBus, 'onAny'>;
}

export function startDesktopShell(pieces: ShellPieces, core: ShellCore, hooks: ShellHooks, options: { iconPath: string; argv: string[]; logger: Logger }) {
  const { logger } = options;
  const state: TrayState = { recording: false, recent: [], shortcut: null };

  async function call(channel: string, input: unknown = {}) {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  function notify(title: string, body: string, route?: string) {
    if (!pieces.Notification.isSupported()) return;
    const notification = new pieces.Notification({ title, body });
    if (route) notification.on('click', () => hooks.navigate(route));
    notification.show();
  }

  async function toggleRecording() {
    try {
      if (state.recording) {
        await call('recorder:stop');
      } else {
        hooks.beforeRecording();
        await call('recorder:start', {});
      }
    } catch (error) {
      logger.error('recording toggle failed', { error });
      notify('Recording failed', messageOf(error));
    }
  }

  const tray = new pieces.Tray(options.iconPath);
  tray.setToolTip('Handoff');
  const refreshTray = () =>
    tray.setContextMenu(
      pieces.Menu.buildFromTemplate(
        trayMenu(state, {
          toggleRecording: () => void toggleRecording(),
          openInbox: () => hooks.navigate('#/inbox'),
          openClip: (id) => hooks.navigate(`#/clip/${id}`),
          quit: hooks.quit,
        }, pieces.cliShim ? cliShimMenuItems(pieces.cliShim, (title, body) => notify(title, body)) : []),
      ),
    );

  async function refreshRecent() {
    const list = (await call('clips:list', { limit: 8 })) as { clips: { id: string; title: string }[] };
    state.recent = list.clips.map(({ id, title }) => ({ id, title }));
    refreshTray();
  }

  const settings = (core.dispatch('settings:get', {}) as Promise<{ ok: boolean; value?: Record<string, unknown> }>).then((r) =>
    r.ok ? String(r.value?.['shortcuts.record'] ?? DEFAULT_RECORD_SHORTCUT) : DEFAULT_RECORD_SHORTCUT,
  );
  let shortcut = { registered: false, unregister: () => undefined as unknown };
  void settings.then((accelerator) => {
    shortcut = registerRecordShortcut(pieces.globalShortcut, accelerator, () => void toggleRecording(), logger);
    state.shortcut = shortcut.registered ? accelerator : null;
    if (!shortcut.registered) notify('Shortcut unavailable', `${accelerator} is taken by another app; choose another in Settings.`);
    refreshTray();
  });

  const stopListening = core.events.onAny((event, payload) => {
    if (event === 'clips:changed') refreshRecent().catch((error: unknown) => logger.error('tray refresh failed', { error }));
    if (event === 'recorder:state') {
      state.recording = ['recording', 'paused', 'starting'].includes(String((payload as { state?: string }).state));
      refreshTray();
    }
    // Core decided (once per item); the shell only shows it.
    if (event === 'app:notify') {
      const notice = payload as { title: string; body: string; route: string };
      notify(notice.title, notice.body, notice.route);
    }
  });

  // Links and argv come from outside: a bad one opens the inbox, and nothing here may throw into Electron's handlers.
  const openLink = (what: string, link: () => DeepLink | null, fallback: string | null) => {
    try {
      const parsed = link();
      const route = parsed ? routeFor(parsed) : fallback;
      if (route) hooks.navigate(route);
    } catch (error) {
      logger.error(`could not open ${what}`, { error });
    }
  };
  pieces.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  pieces.app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink('a handoff:// link', () => parseDeepLink(url), '#/inbox');
  });
  pieces.app.on('second-instance', (_event, argv) => openLink('a second instance', () => deepLinkFromArgv(argv), '#/inbox'));
  openLink('the start-up link', () => deepLinkFromArgv(options.argv), null);

  refreshRecent().catch((error: unknown) => logger.error('tray refresh failed', { error }));
  return {
    notify,
    toggleRecording,
    dispose() {
      stopListening();
      shortcut.unregister();
      tray.destroy();
    },
  };
}
