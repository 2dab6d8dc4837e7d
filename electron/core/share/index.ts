// What entry points (Electron main, browser mode, `handoff serve`) use to run the share server where settings say.
import type { Core } from '../compose';
import { createSettingsStore } from '../library/settings-store';
import { startShareServer, type ShareServer } from './share-server';
import { shareBaseUrl } from './share-service';

export { startShareServer, type ShareServer, type ShareServerDeps } from './share-server';
export { playerClipOf, segmentsOf } from './link-page';

/** Starts the share server on the address in settings ('share.port', 'share.lan'). */
/** `port` overrides the setting for this run only (0: any free port, e.g. in tests). */
export function startShareServerFromSettings(core: Core, overrides: { port?: number } = {}): Promise<ShareServer> {
  const settings = createSettingsStore(core.db).get();
  return startShareServer({
    db: core.db,
    clipsDir: core.paths.clipsDir,
    logger: core.options.logger.child('share'),
    clock: core.options.clock,
    port: overrides.port ?? settings['share.port'],
    host: settings['share.lan'] ? '0.0.0.0' : '127.0.0.1',
    // The same address the links are printed with.
    publicBaseUrl: (port) => shareBaseUrl({ port, lan: settings['share.lan'] }),
  });
}
