// Composes the core once per entry point (Electron main, CLI, browser mode, tests). Everything the services need is
// passed in here; nothing in core reaches for globals.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/event-bus';
import { appHandlers } from './api/app-handlers';
import { clipsHandlers } from './api/clips-handlers';
import { settingsHandlers } from './api/settings-handlers';
import { recorderHandlers } from './api/recorder-handlers';
import { createCoreRecorder } from './capture/core-recorder';
import type { Recorder } from './capture/recorder';
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
  recorder: Recorder;
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

  const locate = (name: string, envVar: string) =>
    locateBinary({ name, envVar, env: options.env, platform: options.platform, dataDir: paths.dataDir, resourcesDir: options.resourcesDir });

  const { recorder, stop: stopRecovery } = createCoreRecorder({
    db, dataDir: paths.dataDir, clipsDir: paths.clipsDir, clock: options.clock, logger: logger.child('recorder'), env: options.env,
    platform: options.platform, events, settings, locateFfmpeg: () => locate('ffmpeg', 'HANDOFF_FFMPEG'),
  });

  const handlers: Handlers = {
    ...appHandlers({ options, paths, locate }),
    ...settingsHandlers({ settings, events }),
    ...clipsHandlers({ db }),
    ...recorderHandlers({ recorder }),
  };

  return {
    options,
    db,
    events,
    dispatch: createDispatcher(handlers, logger.child('api')),
    recorder,
    paths,
    close: () => {
      stopRecovery();
      db.close();
    },
  };
}
