// What entry points (Electron main, browser mode, `handoff serve`) use to run the share server where settings say.
import type { Core } from '../compose';
import { createSettingsStore } from '../library/settings-store';
import { startShareServer, type ShareServer } from './share-server';

export { startShareServer, type ShareServer, type ShareServerDeps } from './share-server';
export { publishS3Link } from './s3-publish';

/** Starts the share server on the address in settings ('share.port', 'share.lan'). */
export function startShareServerFromSettings(core: Core): Promise<ShareServer> {
  const settings = createSettingsStore(core.db).get();
  return startShareServer({
    db: core.db,
    clipsDir: core.paths.clipsDir,
    logger: core.options.logger.child('share'),
    clock: core.options.clock,
    port: settings['share.port'],
    host: settings['share.lan'] ? '0.0.0.0' : '127.0.0.1',
  });
}
