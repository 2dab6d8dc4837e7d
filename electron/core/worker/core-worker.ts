// The core in a worker thread: it owns the SQLite connection and every core service, so no query, migration, sync or
// search runs on the thread that serves Electron's windows (or browser mode's HTTP). Signal does the same with its SQL
// workers. The host talks to it with the typed calls of protocol.ts (core-client.ts is the other end).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { events as contractEvents } from '../../../shared/contract';
import { startBackgroundWork } from '../background';
import { composeCore, corePaths, type Core } from '../compose';
import { findClip } from '../library/clips-store';
import { openDatabase } from '../library/database';
import { createLogger, type Logger } from '../logger';
import { preparePrivateDataDir } from '../system/data-dir';
import { chooseNativeBinding } from '../system/native-binding';
import { clockFrom } from '../system/clock';
import { errorInfo, type CoreMethods, type MediaAnswer, type FromWorker, type MethodName, type ToWorker, type WorkerCoreOptions } from './protocol';

type Implementation = { [M in MethodName]: (...args: CoreMethods[M]['args']) => Promise<CoreMethods[M]['result']> | CoreMethods[M]['result'] };

function post(port: MessagePort, message: FromWorker, transfer: unknown[] = []): void {
  // Web streams are transferable between threads (Node's worker_threads), which its typings do not list.
  port.postMessage(message, transfer as Parameters<MessagePort['postMessage']>[1]);
}

/**
 * Runs the pending migrations first, with progress, then composes the core, which finds nothing left to migrate. The
 * migration is synchronous SQLite work (minutes on a large library); here it blocks only this thread.
 */
function start(port: MessagePort, options: WorkerCoreOptions, logger: Logger): Core {
  const paths = corePaths(options.dataDir);
  preparePrivateDataDir(paths.dataDir, paths.clipsDir, paths.database);
  openDatabase(paths.database, logger.child('sql'), {
    nativeBinding: chooseNativeBinding(options.nativeRoot, options.runtime).path,
    onMigration: ({ step, total, name }) =>
      post(port, { type: 'event', event: 'app:migration', payload: contractEvents['app:migration'].parse({ step, total, name }) }),
  }).close();
  // HANDOFF_FIXED_NOW (demos, the screenshot suite) holds here as in the CLI: one clock rule (system/clock.ts).
  return composeCore({ ...options, logger, clock: clockFrom(options.env) });
}

function serve(port: MessagePort, core: Core, logger: Logger): void {
  let stopBackground: (() => Promise<void>) | null = null;
  const methods: Implementation = {
    dispatch: (channel, input, caller) => core.dispatch(channel, input, caller),
    clipExists: (id) => findClip(core.db, id) !== null,
    serveMedia: async (id, file, range) => {
      const response = await core.media.serve(id, file, range);
      return { status: response.status, headers: [...response.headers.entries()], body: response.body as ReadableStream<Uint8Array> | null };
    },
    startBackground: () => {
      stopBackground ??= startBackgroundWork(core);
      return null;
    },
    stopBackground: async () => {
      const stop = stopBackground;
      stopBackground = null;
      await stop?.();
      return null;
    },
    close: async () => {
      await methods.stopBackground();
      await core.settle();
      unsubscribe();
      core.close();
      return null;
    },
  };

  const unsubscribe = core.events.onAny((event, payload) => {
    try {
      post(port, { type: 'event', event, payload });
    } catch (error) {
      // A payload that cannot be cloned is a bug in its emitter; the event is lost, the core goes on.
      logger.error('an event could not cross to the host', { event, error });
    }
  });

  port.on('message', (message: ToWorker) => {
    const { id, method, args } = message;
    const run = methods[method] as ((...a: unknown[]) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!run) throw new Error(`the core has no method ${String(method)}`);
        return run(...args);
      })
      .then(
        (value) => {
          try {
            const body = method === 'serveMedia' ? (value as MediaAnswer).body : null;
            post(port, { type: 'answer', id, ok: true, value }, body ? [body] : []);
          } catch (error) {
            logger.error(`${method}: the answer could not cross to the host`, { error });
            post(port, { type: 'answer', id, ok: false, error: { code: 'internal', message: `${method}: the answer could not be sent (${errorInfo(error).message})` } });
          }
        },
        (error: unknown) => post(port, { type: 'answer', id, ok: false, error: errorInfo(error) }),
      );
  });
}

function main(): void {
  if (!parentPort) throw new Error('core-worker.ts runs only as a worker thread (core-client.ts starts it)');
  const port = parentPort;
  const options = workerData as WorkerCoreOptions;
  const logger = createLogger(options.logScope, { level: options.logLevel, sink: (line) => post(port, { type: 'log', line }) });
  let core: Core;
  try {
    core = start(port, options, logger);
  } catch (error) {
    // Not a crash: the library cannot be opened (newer schema, no working database module). The host says why.
    logger.error('the core could not start', { error });
    post(port, { type: 'start-failed', error: errorInfo(error, 'unavailable') });
    return;
  }
  serve(port, core, logger);
  post(port, { type: 'ready' });
}

main();
