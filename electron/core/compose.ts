// Composes the core once per entry point (Electron main, CLI, browser mode, tests). Everything the services need is
// passed in here; nothing in core reaches for globals.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/event-bus';
import { appHandlers } from './api/app-handlers';
import { clipsHandlers } from './api/clips-handlers';
import { settingsHandlers } from './api/settings-handlers';
import { shareHandlers } from './api/share-handlers';
import { createShareService, shareBaseUrl } from './share/share-service';
import { openDatabase, type Db } from './library/database';
import { createSettingsStore } from './library/settings-store';
import type { Logger } from './logger';
import { locateBinary } from './system/binaries';

export interface CoreOptions {
  dataDir: string;
  /** Where resources/ lives (repository root in development, app resources when packaged). */
  resourcesDir: string;
  version: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  logger: Logger;
  clock: () => Date;
}

export interface Core {
  options: CoreOptions;
  db: Db;
  events: EventBus;
  dispatch: Dispatch;
  paths: { dataDir: string; clipsDir: string; modelsDir: string; database: string };
  close(): void;
}

export function corePaths(dataDir: string) {
  return {
    dataDir,
    clipsDir: path.join(dataDir, 'clips'),
    modelsDir: path.join(dataDir, 'models'),
    database: path.join(dataDir, 'library.sqlite'),
  };
}

export function composeCore(options: CoreOptions): Core {
  const { logger } = options;
  const paths = corePaths(options.dataDir);
  mkdirSync(paths.clipsDir, { recursive: true });
  const db = openDatabase(paths.database, logger.child('sql'));
  const events = createEventBus((error) => logger.error('an event listener threw', { error }));
  const settings = createSettingsStore(db);
  const share = createShareService({ db, clock: options.clock, baseUrl: () => shareBaseUrl({ port: settings.get()['share.port'], lan: settings.get()['share.lan'] }) });

  const locate = (name: string, envVar: string) =>
    locateBinary({ name, envVar, env: options.env, platform: options.platform, dataDir: paths.dataDir, resourcesDir: options.resourcesDir });

  const handlers: Handlers = {
    ...appHandlers({ options, paths, locate }),
    ...settingsHandlers({ settings, events }),
    ...clipsHandlers({ db }),
    ...shareHandlers({ share, events }),
  };

  return {
    options,
    db,
    events,
    dispatch: createDispatcher(handlers, logger.child('api')),
    paths,
    close: () => db.close(),
  };
}
