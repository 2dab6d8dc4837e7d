// The host's end of the worker core (core-worker.ts): the same dispatch and event subscription as an in-thread Core,
// with the database on another thread. Used by Electron's main process and by browser mode (`handoff web`); the CLI's
// one-shot commands keep composing the core in-process (cli/context.ts), where there is no event loop to keep free.
//
// A crash of the worker (an uncaught error, a native fault, a kill) fails every pending call with `unavailable`, is
// reported through onFailure and restarts the worker, up to maxRestarts times; after that every call fails with the
// reason. A core that cannot start (a library from a newer Handoff…) is not restarted: it would fail the same way.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { events as contractEvents, type EventName } from '../../../shared/contract';
import type { StartupStatus } from '../../../shared/contract/app';
import { HandoffError, fail, messageOf, ok, type ErrorInfo, type Result } from '../../../shared/result';
import type { Dispatch } from '../api/dispatch';
import type { EventBus, EventListener } from '../api/event-bus';
import { corePaths } from '../compose';
import type { LogLevel } from '../logger';
import { currentRuntime } from '../system/native-binding';
import { CORE_WORKER_RESOURCE_LIMITS, errorInfo, type CoreMethods, type FromWorker, type MethodName, type ToWorker, type WorkerCoreOptions } from './protocol';

export interface CoreFailure {
  /** 'start': the core could not be composed; 'crash': the worker died while running. */
  kind: 'start' | 'crash';
  error: ErrorInfo;
  /** True when a fresh worker is on its way (calls made meanwhile wait for it). */
  restarting: boolean;
}

export interface StartWorkerCoreOptions {
  dataDir: string;
  resourcesDir: string;
  version: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  nativeRoot?: string | null;
  /** The worker's log lines, already formatted (scope, level), e.g. to stderr. */
  logSink: (line: string) => void;
  logScope?: string;
  logLevel?: LogLevel;
  /** The worker script; by default out/main/core-worker.js next to the built host, or the sources through tsx. */
  entry?: string;
  onFailure?: (failure: CoreFailure) => void;
  maxRestarts?: number;
}

export interface WorkerCore {
  dispatch: Dispatch;
  /** Contract events from the core, plus those the host emits itself (app:navigate). */
  events: EventBus;
  paths: ReturnType<typeof corePaths>;
  /** Resolves once the core is composed (after the start-up migration); rejects with a HandoffError if it cannot start. */
  ready(): Promise<void>;
  status(): StartupStatus;
  clipExists(id: string): Promise<boolean>;
  /** A clip's file for the media route (clip://, /media), wherever it is; streamed from the worker. */
  serveMedia(id: string, file: string, range: string | null): Promise<Response>;
  /** Starts the long-lived host's background work in the worker (again after a restart). */
  startBackground(): Promise<void>;
  /** Stops background work, waits for pending writes, closes the database and ends the worker (at once after graceMs). */
  close(graceMs?: number): Promise<void>;
  /** Ends the worker at once, as a crash would (pending calls fail, the worker restarts): for a watchdog and tests. */
  kill(): Promise<void>;
}

/** Where the worker script is: next to the built bundle (out/main/, from out/main/chunks/ too), or the sources. */
export function defaultWorkerEntry(here: string = fileURLToPath(import.meta.url)): string {
  if (here.endsWith('.ts')) return path.join(path.dirname(here), 'source-entry.mjs');
  let dir = path.dirname(here);
  for (let up = 0; up < 3; up++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'core-worker.js');
    if (existsSync(candidate)) return candidate;
  }
  throw new HandoffError('unavailable', `core-worker.js is missing next to ${here}: run \`npm run build\`.`);
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: HandoffError): void;
}

export function startWorkerCore(options: StartWorkerCoreOptions): WorkerCore {
  const entry = options.entry ?? defaultWorkerEntry();
  const maxRestarts = options.maxRestarts ?? 2;
  const workerOptions: WorkerCoreOptions = {
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    version: options.version,
    env: { ...options.env },
    platform: options.platform,
    nativeRoot: options.nativeRoot ?? null,
    runtime: currentRuntime(),
    logScope: options.logScope ?? 'core',
    logLevel: options.logLevel ?? 'info',
  };

  const listeners = new Set<EventListener>();
  const deliver = (event: EventName, payload: unknown) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        options.logSink(`${new Date().toISOString()} ERROR [core-client] an event listener threw ${JSON.stringify({ event, error: messageOf(error) })}`);
      }
    }
  };
  const events: EventBus = {
    // The host's own events are checked here; the core's were checked where they were emitted.
    emit: (event, payload) => deliver(event, contractEvents[event].parse(payload)),
    onAny: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  type State = 'starting' | 'ready' | 'failed' | 'closing' | 'closed';
  let state: State = 'starting';
  let status: StartupStatus = { state: 'starting', step: null, total: null };
  let failure: ErrorInfo | null = null;
  let worker: Worker;
  let lastError: unknown = null;
  let restarts = 0;
  let backgroundWanted = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let readiness!: { promise: Promise<void>; resolve(): void; reject(error: HandoffError): void; settled: boolean };
  let closed: Promise<void> | null = null;
  let exited!: Promise<void>;

  function newReadiness() {
    // Kept while unsettled: whoever waits for a worker that crashes while starting waits for its replacement.
    if (readiness && !readiness.settled) return;
    let resolve!: () => void;
    let reject!: (error: HandoffError) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    // Callers that never wait still learn of a failure through onFailure and every later call's error.
    promise.catch(() => undefined);
    const next = {
      promise,
      settled: false,
      resolve: () => ((next.settled = true), resolve()),
      reject: (error: HandoffError) => ((next.settled = true), reject(error)),
    };
    readiness = next;
  }

  function log(level: 'INFO' | 'ERROR', message: string, fields: Record<string, unknown> = {}) {
    options.logSink(`${new Date().toISOString()} ${level} [core-client] ${message} ${JSON.stringify(fields)}`);
  }

  function failAll(error: HandoffError) {
    const waiting = [...pending.values()];
    pending.clear();
    for (const entry of waiting) entry.reject(error);
  }

  function spawn() {
    lastError = null;
    const current = new Worker(entry, { workerData: workerOptions, resourceLimits: CORE_WORKER_RESOURCE_LIMITS });
    worker = current;
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    current.on('message', (message: FromWorker) => onMessage(message));
    current.on('error', (error) => (lastError = error));
    current.on('exit', (code) => onExit(current, code));
  }

  function onMessage(message: FromWorker) {
    switch (message.type) {
      case 'ready':
        state = 'ready';
        status = { state: 'ready', step: null, total: null };
        readiness.resolve();
        if (backgroundWanted) void send('startBackground', []).catch((error: unknown) => log('ERROR', 'background work did not start', { error: messageOf(error) }));
        return;
      case 'start-failed':
        state = 'failed';
        failure = message.error;
        readiness.reject(new HandoffError(message.error.code, message.error.message));
        options.onFailure?.({ kind: 'start', error: message.error, restarting: false });
        return;
      case 'answer': {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (!waiting) return;
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(new HandoffError(message.error.code, message.error.message));
        return;
      }
      case 'event':
        if (message.event === 'app:migration') {
          const { step, total } = message.payload as { step: number; total: number };
          status = { state: 'migrating', step, total };
        }
        deliver(message.event as EventName, message.payload);
        return;
      case 'log':
        options.logSink(message.line);
        return;
    }
  }

  function onExit(exitedWorker: Worker, code: number) {
    if (exitedWorker !== worker) return;
    if (state === 'closing' || state === 'closed') {
      state = 'closed';
      failAll(new HandoffError('unavailable', 'The library was closed.'));
      return;
    }
    if (state === 'failed') return;
    const reason = lastError ? messageOf(lastError) : `the worker exited with code ${code}`;
    const error: ErrorInfo = { code: 'unavailable', message: `The library stopped unexpectedly (${reason}).` };
    log('ERROR', 'the core worker crashed', { reason, pending: pending.size, restarts });
    failAll(new HandoffError(error.code, error.message));
    const restarting = restarts < maxRestarts;
    if (restarting) {
      restarts++;
      state = 'starting';
      status = { state: 'starting', step: null, total: null };
      newReadiness();
      spawn();
    } else {
      state = 'failed';
      failure = { code: 'unavailable', message: `${error.message} It was restarted ${restarts} times and is stopped now.` };
      readiness.reject(new HandoffError(failure.code, failure.message));
    }
    options.onFailure?.({ kind: 'crash', error, restarting });
  }

  /** Posts a call to the running worker, without waiting for readiness (close() and the ready handler use it). */
  function send<M extends MethodName>(method: M, args: CoreMethods[M]['args']): Promise<CoreMethods[M]['result']> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ type: 'call', id, method, args } satisfies ToWorker);
      } catch (error) {
        pending.delete(id);
        reject(new HandoffError('invalid-input', `${method}: the input cannot be sent to the core (${messageOf(error)})`));
      }
    });
  }

  async function call<M extends MethodName>(method: M, args: CoreMethods[M]['args']): Promise<CoreMethods[M]['result']> {
    if (state === 'closing' || state === 'closed') throw new HandoffError('unavailable', 'The library is closing.');
    await readiness.promise;
    if (state !== 'ready') throw new HandoffError('unavailable', failure?.message ?? 'The library is not available.');
    return send(method, args);
  }

  newReadiness();
  spawn();

  return {
    events,
    paths: corePaths(options.dataDir),
    ready: () => readiness.promise,
    status: () => status,
    async dispatch(channel, input, caller = 'page'): Promise<Result<unknown>> {
      // The worker is busy with the migration it reports; the host knows how far it got.
      if (channel === 'app:startup' && state === 'starting') return ok(status);
      try {
        return (await call('dispatch', [channel, input, caller])) as Result<unknown>;
      } catch (error) {
        const info = errorInfo(error, 'unavailable');
        return fail(info.code, info.message);
      }
    },
    clipExists: (id) => call('clipExists', [id]),
    async serveMedia(id, file, range) {
      const answer = await call('serveMedia', [id, file, range]);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
    async startBackground() {
      backgroundWanted = true;
      if (state === 'ready') await send('startBackground', []);
    },
    close(graceMs = 15_000) {
      closed ??= (async () => {
        // A migration runs in one transaction per step, and close settles pending writes: both get graceMs, then the
        // thread is ended anyway (SQLite rolls an unfinished transaction back), so quitting never hangs.
        const graceful = (async () => {
          await readiness.promise.catch(() => undefined);
          if (state !== 'ready') return;
          state = 'closing';
          await send('close', []);
        })();
        let timer: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          graceful.then(
            () => 'closed' as const,
            (error: unknown) => {
              log('ERROR', 'the core did not close cleanly', { error: messageOf(error) });
              return 'failed' as const;
            },
          ),
          new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs))),
        ]);
        clearTimeout(timer);
        if (outcome === 'timeout') log('ERROR', `the core did not close within ${graceMs} ms; ending its thread`, {});
        state = 'closing';
        const done = exited;
        await worker.terminate();
        await done;
      })();
      return closed;
    },
    async kill() {
      // This worker's exit, not the replacement's the crash handler starts.
      const done = exited;
      await worker.terminate();
      await done;
    },
  };
}
