// A real core (temp data folder, real SQLite file) with the share server on a free 127.0.0.1 port, and the share.port
// setting pointed at it, so links made through the contract carry the right address.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeCore, type Core } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { startShareServer, type ShareServer } from '../../electron/core/share/share-server';
import { HandoffError } from '../../shared/result';
import type { CallInput, CallOutput, Channel } from '../../shared/contract';

export interface ShareHarness {
  core: Core;
  server: ShareServer;
  dataDir: string;
  call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>>;
  close(): Promise<void>;
}

export async function startShareHarness(options: { clock?: () => Date; passwordAttempts?: { limit: number; windowMs: number } } = {}): Promise<ShareHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-share-'));
  const logger = createLogger('test', { level: 'warn' });
  const clock = options.clock ?? (() => new Date());
  const core = composeCore({
    dataDir,
    resourcesDir: path.resolve('resources'),
    version: '0.0.0-test',
    env: process.env,
    platform: process.platform,
    logger,
    clock,
  });
  const server = await startShareServer({
    db: core.db,
    clipsDir: core.paths.clipsDir,
    logger,
    clock,
    port: 0,
    host: '127.0.0.1',
    passwordAttempts: options.passwordAttempts,
  });
  const call = async <C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new HandoffError(result.error.code, result.error.message);
    return result.value as CallOutput<C>;
  };
  await call('settings:set', { values: { 'share.port': server.port } });
  return {
    core,
    server,
    dataDir,
    call,
    close: async () => {
      await server.close();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
