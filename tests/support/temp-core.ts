import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export function tempDir(prefix = 'handoff-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core over a fresh data folder, with an in-memory log; `dispose` closes it and deletes the folder. */
export function makeTempCore(env: NodeJS.ProcessEnv = process.env): { core: Core; logger: ReturnType<typeof createMemoryLogger>; dispose(): void } {
  const { dir, remove } = tempDir();
  const logger = createMemoryLogger();
  const core = composeCore({
    dataDir: dir,
    resourcesDir: path.join(repoRoot, 'resources'),
    version: '0.0.0-test',
    env,
    platform: process.platform,
    logger,
    clock: () => new Date(),
  });
  return {
    core,
    logger,
    dispose: () => {
      core.close();
      remove();
    },
  };
}
