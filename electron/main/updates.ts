// Updates as Electron users expect them: electron-updater checks the GitHub releases that .github/workflows/release.yml
// publishes on a version tag (it reads the app-update.yml electron-builder writes from electron-builder.yml's
// `publish`), downloads a newer release in the background and offers to restart into it; declined, it installs
// when the app quits. Only when the user turned on `updates.checkAtStart` (off by default: a check contacts GitHub),
// and only in a packaged app, so development runs and the Electron test suite never check.
import type { Core } from '../core/compose';
import type { Logger } from '../core/logger';
import { messageOf } from '../../shared/result';

/** The part of electron-updater's autoUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

export interface UpdatePieces {
  isPackaged: boolean;
  /** Called only when a check will run: electron-updater's autoUpdater reads app-update.yml when it is first used. */
  updater: () => UpdaterLike;
  /** Offers to restart into `version`; true restarts now. */
  askToRestart: (version: string) => Promise<boolean>;
}

export interface DialogLike {
  showMessageBox(options: {
    type: 'info';
    buttons: string[];
    defaultId: number;
    cancelId: number;
    title: string;
    message: string;
    detail: string;
  }): Promise<{ response: number }>;
}

/** The restart offer as a dialog (Electron's `dialog`). */
export function askWithDialog(dialog: DialogLike): UpdatePieces['askToRestart'] {
  return async (version) => {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      buttons: ['Restart now', 'Later'],
      defaultId: 0,
      cancelId: 1,
      title: 'Update ready',
      message: `Handoff ${version} is ready.`,
      detail: 'Restart now to use it. Otherwise it is installed when you quit Handoff.',
    });
    return response === 0;
  };
}

export type UpdateCheck = 'not-packaged' | 'off' | 'checking';

/** Starts the check the setting allows; never rejects (a failed check is logged: the app works without updates). */
export async function startUpdateChecks(pieces: UpdatePieces, deps: { dispatch: Core['dispatch']; logger: Logger }): Promise<UpdateCheck> {
  const { logger } = deps;
  if (!pieces.isPackaged) return 'not-packaged';
  const settings = await deps.dispatch('settings:get', {});
  if (!settings.ok) {
    logger.error('could not read the update setting; not checking', { error: settings.error });
    return 'off';
  }
  if ((settings.value as { 'updates.checkAtStart'?: boolean })['updates.checkAtStart'] !== true) return 'off';

  const updater = pieces.updater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => logger.warn('update check failed', { error: messageOf(error) }));
  updater.on('update-downloaded', (info) => {
    logger.info('update downloaded', { version: info.version });
    pieces.askToRestart(info.version).then(
      (restart) => {
        if (restart) updater.quitAndInstall();
      },
      (error: unknown) => logger.error('could not offer the update', { version: info.version, error }),
    );
  });
  updater.checkForUpdates().catch((error: unknown) => logger.warn('update check failed', { error: messageOf(error) }));
  return 'checking';
}
