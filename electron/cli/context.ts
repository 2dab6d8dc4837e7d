// What every command gets: the parsed global options, the composed core (opened on first use, so `--help` never
// touches the library), and output helpers that keep stdout for results and stderr for everything else.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallInput, CallOutput, Channel } from '../../shared/contract';
import { HandoffError } from '../../shared/result';
import { composeCore, type Core } from '../core/compose';
import { createLogger, type Logger, type LogLevel } from '../core/logger';
import { resolveDataDir } from '../core/system/data-dir';
import { clockFrom } from '../core/system/clock';
import { startWorkerCore, type CoreFailure, type WorkerCore } from '../core/worker/core-client';
import { cleanForTerminal, forTerminal } from './terminal-text';

/**
 * The folder holding package.json above this module: the checkout, or app.asar in an installed app. Found by walking
 * up, because the bundler puts this code in out/main/ or in out/main/chunks/ depending on which entries share it.
 */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Where the helper binaries are: resources/ in a checkout; in an installed app, whose CLI (out/main/cli.js) runs from
 * inside resources/app.asar, the resources folder that holds app.asar, where electron-builder put bin/.
 */
export function cliResourcesDir(root: string): string {
  return path.basename(root) === 'app.asar' ? path.dirname(root) : path.join(root, 'resources');
}

/** Where `native/` is: the checkout, or in an installed app the resources folder (electron-builder's extraResources). */
export function cliNativeRoot(root: string): string {
  return path.basename(root) === 'app.asar' ? path.dirname(root) : root;
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
  verbose?: boolean;
}

export class CliContext {
  readonly json: boolean;
  readonly dataDir: string;
  readonly version: string;
  private composed: Core | null = null;
  /** Set by a command that finished but must report failure (e.g. doctor: not ready). */
  exitCode = 0;

  constructor(
    readonly io: CliIo,
    options: GlobalOptions,
  ) {
    this.json = Boolean(options.json);
    this.dataDir = resolveDataDir(options.dataDir, io.env, process.platform, os.homedir());
    this.version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    this.logLevel = options.verbose ? 'debug' : 'warn';
  }

  private readonly logLevel: LogLevel;

  /**
   * One-shot commands compose the core in this process (`core` below): they are short-lived and have no event loop to
   * keep free. A long-lived host (`handoff web`) runs it in a worker thread instead (core/worker/), as the desktop does.
   */
  startWorkerCore(onFailure: (failure: CoreFailure) => void): WorkerCore {
    return startWorkerCore({
      ...this.coreSetting(),
      logScope: 'handoff',
      logLevel: this.logLevel,
      logSink: (line) => this.io.stderr.write(forTerminal(line) + '\n'),
      onFailure,
    });
  }

  /** What the in-process core and the worker core are both composed from. */
  private coreSetting() {
    return {
      dataDir: this.dataDir,
      resourcesDir: cliResourcesDir(repoRoot),
      nativeRoot: cliNativeRoot(repoRoot),
      version: this.version,
      env: this.io.env,
      platform: process.platform,
    };
  }

  /** A logger on stderr at the command's level (--verbose), for what a host logs outside the core. */
  logger(scope: string): Logger {
    return createLogger(scope, { level: this.logLevel, sink: (line) => this.io.stderr.write(forTerminal(line) + '\n') });
  }

  get core(): Core {
    this.composed ??= composeCore({
      ...this.coreSetting(),
      logger: createLogger('handoff', { level: this.logLevel, sink: (line) => this.io.stderr.write(forTerminal(line) + '\n') }),
      clock: clockFrom(this.io.env),
    });
    return this.composed;
  }

  /**
   * Calls the contract exactly as the renderer would: parsed input, typed result, HandoffError on failure. For human
   * output every string in the result is made one terminal-safe line (terminal-text.ts): titles, names and asks come
   * from teammates and share viewers.
   */
  async call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
    // The person at the terminal: the one caller allowed a synthetic source file (see Caller).
    const result = await this.core.dispatch(channel, input, 'cli');
    if (!result.ok) throw new HandoffError(result.error.code, result.error.message);
    const value = result.value as CallOutput<C>;
    return this.json ? value : cleanForTerminal(value);
  }

  /** Prints `value` as JSON with --json, otherwise the human text, with no control characters left in it. */
  print(value: unknown, human: () => string): void {
    this.io.stdout.write(this.json ? JSON.stringify(value, null, 2) + '\n' : forTerminal(human()) + '\n');
  }

  /** Waits for background work the command started (e.g. queueing a new clip's transcription). */
  async settle(): Promise<void> {
    await this.composed?.settle();
  }

  close(): void {
    this.composed?.close();
    this.composed = null;
  }
}
