// The messages between a host (Electron's main thread, `handoff web`) and the core running in a worker thread. Every
// message is plain data (structured clone): no functions, no class instances, errors as { code, message }.
import type { Caller } from '../api/dispatch';
import type { LogLevel } from '../logger';
import type { RuntimeId } from '../system/native-binding';
import { isErrorCode, type ErrorCode, type ErrorInfo, type Result } from '../../../shared/result';

/**
 * The core worker's heap limits. The young generation is larger than V8's default: one inbox read with 10k open asks
 * keeps ~250k small objects alive until it returns, and with the default semi-spaces the scavenger copied them over
 * and over (a third of the read in GC; issue 17's bench:norms, which runs its reads under these same limits). 64 MB
 * semi-spaces (192 MB of young generation at most) let such a read finish between scavenges: the median read went from
 * ~100-140 ms to ~80-115 ms on 2 shared cores. V8 only grows the young generation under that kind of load.
 */
export const CORE_WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 192 } as const;

/** What the worker needs to compose the core: CoreOptions without the logger and clock, which cannot be cloned. */
export interface WorkerCoreOptions {
  dataDir: string;
  resourcesDir: string;
  version: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  nativeRoot: string | null;
  /** The host's runtime (Electron or Node, and its ABI), for choosing the database module's build. */
  runtime: RuntimeId;
  logScope: string;
  logLevel: LogLevel;
}

/** The typed calls a host makes on the core, by name: arguments and answer. */
export interface CoreMethods {
  /** The contract, exactly as the in-thread dispatcher answers it. */
  dispatch: { args: [channel: unknown, input: unknown, caller: Caller]; result: Result<unknown> };
  /** Whether a clip exists (the clip:// scheme and browser mode's /media route check before serving a file). */
  clipExists: { args: [id: string]; result: boolean };
  /** Transcription queue, continuous sync, notifier, link pruning and the share server (core/background.ts). */
  startBackground: { args: []; result: null };
  stopBackground: { args: []; result: null };
  /**
   * The media route of both transports (clip:// and browser mode's /media): a clip's file wherever it is (the library,
   * the media cache, streamed from the workspace). The body is a web stream transferred to the host, not copied.
   */
  serveMedia: { args: [id: string, file: string, range: string | null]; result: MediaAnswer };
  /** Stops background work, waits for pending writes and closes the database. The worker then exits. */
  close: { args: []; result: null };
}
export type MethodName = keyof CoreMethods;

/** A media response as data: the host turns it back into a Response. */
export interface MediaAnswer {
  status: number;
  headers: [string, string][];
  body: ReadableStream<Uint8Array> | null;
}

export type ToWorker = { type: 'call'; id: number; method: MethodName; args: unknown[] };

export type FromWorker =
  | { type: 'ready' }
  /** Composing the core threw (a library from a newer Handoff, a database module that does not load…). */
  | { type: 'start-failed'; error: ErrorInfo }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: ErrorInfo }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'log'; line: string };

/** An error as data: a HandoffError keeps its code, anything else is `internal`. */
export function errorInfo(error: unknown, fallback: ErrorCode = 'internal'): ErrorInfo {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: isErrorCode(code) ? code : fallback, message };
}
