// npm run bench:mainthread [-- --updates 10000 --clips 100000 --old-clips 20000 --old-segments 10 --max-pages 1000]
// Does the host's thread (Electron's main thread; browser mode's HTTP thread) stay free while the core works? The same
// work runs twice in one run: through the worker core, as the desktop app and `handoff web` run it now
// (core/worker/), and in-thread, as they did before (composeCore on the host's thread). For each, the host thread's
// event loop is watched with perf_hooks.monitorEventLoopDelay (max, p99) and a 5 ms timer (longest gap), while:
//   (a) a from-scratch sync of a folder workspace of N updates runs (sync:run),
//   (b) the inbox is paged through, 14 workdays a page, over a library of M clips (inbox:get with its cursor),
//   (c) searches run over that library (search:query),
//   (d) the start-up migration of an old library (schema 1, every later migration to run) runs.
// Target: no task over 50 ms on the host thread (worker core). The ratio is in-thread max / worker max. An idle
// watch first gives the noise floor: on a shared machine the scheduler alone delays a sleeping thread's timers.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Dispatch } from '../../electron/core/api/dispatch';
import { composeCore } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { startWorkerCore } from '../../electron/core/worker/core-client';
import { seedSchemaOneLibrary } from '../../tests/support/old-library';
import { manyClips, seedLibrary } from '../../tests/support/ui-library';
import { testManifest } from '../../tests/support/workspace-helpers';
import { formatLoop, withEventLoopWatch, type EventLoopReport } from './lib/event-loop';

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '10000' },
    clips: { type: 'string', default: '100000' },
    'old-clips': { type: 'string', default: '20000' },
    'old-segments': { type: 'string', default: '10' },
    'max-pages': { type: 'string', default: '1000' },
  },
});
const UPDATES = Number(values.updates);
const CLIPS = Number(values.clips);
const OLD_CLIPS = Number(values['old-clips']);
const OLD_SEGMENTS = Number(values['old-segments']);
const MAX_PAGES = Number(values['max-pages']);
const TARGET_MS = 50;

const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-mainthread-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
// A stopped run removes its gigabyte of libraries too (exit handlers do not run on a signal by themselves).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const dir = (name: string) => {
  const made = path.join(root, name);
  mkdirSync(made, { recursive: true });
  return made;
};

type Mode = 'worker' | 'in-thread';
interface Host {
  dispatch: Dispatch;
  close(): Promise<void>;
}

const resourcesDir = path.resolve('resources');
const quietLogger = () => createLogger('bench', { level: 'error' });

/** The desktop's way now: the core in a worker thread; resolves once it is composed (migrated). */
async function workerHost(dataDir: string): Promise<Host> {
  const core = startWorkerCore({
    dataDir, resourcesDir, version: 'bench', env: process.env, platform: process.platform,
    logLevel: 'error', logSink: (line) => process.stderr.write(line + '\n'),
  });
  await core.ready();
  return { dispatch: core.dispatch, close: () => core.close() };
}

/** The old way: composeCore on this thread. */
function inThreadHost(dataDir: string): Host {
  const core = composeCore({ dataDir, resourcesDir, version: 'bench', env: process.env, platform: process.platform, logger: quietLogger(), clock: () => new Date() });
  return {
    dispatch: core.dispatch,
    close: async () => {
      await core.settle();
      core.close();
    },
  };
}

const openHost = (mode: Mode, dataDir: string) => (mode === 'worker' ? workerHost(dataDir) : Promise.resolve(inThreadHost(dataDir)));

async function must(dispatch: Dispatch, channel: string, input: unknown): Promise<unknown> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

interface Row {
  scenario: string;
  mode: Mode;
  ms: number;
  loop: EventLoopReport;
  note: string;
}
const rows: Row[] = [];
/** Garbage an earlier scenario left on this thread's heap is collected before the next one is watched. */
function collectGarbage() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:mainthread does)');
  gc();
}

function record(scenario: string, mode: Mode, measured: { ms: number; loop: EventLoopReport }, note = '') {
  rows.push({ scenario, mode, ms: measured.ms, loop: measured.loop, note });
  process.stderr.write(`  ${scenario} [${mode}] ${measured.ms.toFixed(0)} ms; ${formatLoop(measured.loop)} ${note}\n`);
}

// (a) A folder workspace of UPDATES updates (manifest + a 16-byte video each), synced from scratch.
function seedWorkspace(count: number): string {
  const workspace = dir('workspace');
  const video = Buffer.alloc(16, 7);
  const start = Date.UTC(2026, 0, 5, 8);
  for (let i = 0; i < count; i++) {
    const id = `mt${String(i).padStart(8, '0')}`;
    const at = new Date(start + i * 600_000);
    const folder = path.join(workspace, 'updates', id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'video.mp4'), video);
    const manifest = testManifest(id, video, {
      author: { id: `person-${i % 7}`, name: `Person ${i % 7}` },
      recordedAt: at.toISOString(),
      publishedAt: at.toISOString(),
      ask: i % 5 === 0 ? 'Thoughts?' : null,
    });
    writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
  }
  return workspace;
}

async function syncScenario(mode: Mode, workspace: string) {
  const host = await openHost(mode, dir(`sync-${mode}`));
  try {
    await must(host.dispatch, 'workspace:useFolder', { dir: workspace });
    collectGarbage();
    const measured = await withEventLoopWatch(() => must(host.dispatch, 'sync:run', { full: true }));
    const report = measured.value as { indexed?: { updates?: number } };
    record(`(a) sync of ${UPDATES} updates`, mode, measured, `indexed ${report.indexed?.updates ?? '?'}`);
  } finally {
    await host.close();
  }
}

async function inboxScenario(mode: Mode, library: string) {
  const host = await openHost(mode, library);
  try {
    collectGarbage();
    // Every page of the windowed inbox, newest first, as the renderer loads them while scrolling.
    const measured = await withEventLoopWatch(async () => {
      let clips = 0;
      let pages = 0;
      let before: string | null | undefined;
      const pageMs: number[] = [];
      do {
        const started = performance.now();
        const inbox = (await must(host.dispatch, 'inbox:get', before ? { days: 14, before } : { days: 14 })) as {
          workdays: { clips: unknown[] }[];
          page?: { nextBefore: string | null };
        };
        pageMs.push(performance.now() - started);
        clips += inbox.workdays.reduce((n, day) => n + day.clips.length, 0);
        pages++;
        before = inbox.page?.nextBefore ?? null;
      } while (before && pages < MAX_PAGES);
      pageMs.sort((a, b) => a - b);
      return { clips, pages, p50: pageMs[Math.floor(pageMs.length / 2)], p95: pageMs[Math.min(pageMs.length - 1, Math.floor(pageMs.length * 0.95))] };
    });
    const { clips, pages, p50, p95 } = measured.value;
    record(`(b) inbox paged through ${CLIPS} clips`, mode, measured, `${pages} pages of 14 workdays, ${clips} clips; page p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  } finally {
    await host.close();
  }
}

async function searchScenario(mode: Mode, library: string) {
  const host = await openHost(mode, library);
  const queries = ['progress', 'release', 'update', 'review', 'progress release', 'update 4*'];
  try {
    collectGarbage();
    const measured = await withEventLoopWatch(async () => {
      let hits = 0;
      for (let rep = 0; rep < 5; rep++) for (const query of queries) hits += ((await must(host.dispatch, 'search:query', { query, limit: 50 })) as { hits: unknown[] }).hits.length;
      return hits;
    });
    record(`(c) ${queries.length * 5} searches over ${CLIPS} clips`, mode, measured);
  } finally {
    await host.close();
  }
}

async function migrationScenario(mode: Mode, template: string) {
  const dataDir = dir(`migrate-${mode}`);
  copyFileSync(template, path.join(dataDir, 'library.sqlite'));
  collectGarbage();
  const measured = await withEventLoopWatch(() => openHost(mode, dataDir));
  record(`(d) start-up migration of ${OLD_CLIPS} clips × ${OLD_SEGMENTS} segments (schema 1 → latest)`, mode, measured);
  await measured.value.close();
}

/** A worker thread that keeps one core busy for 10 s and posts nothing: CPU pressure without any core work. */
function spinAnotherThread(): Promise<void> {
  const source = 'const end = Date.now() + 10000; let x = 0; while (Date.now() < end) x = (x * 31 + 7) % 1000003;';
  return new Promise((resolve, reject) => {
    const spinner = new Worker(source, { eval: true });
    spinner.once('error', reject);
    spinner.once('exit', () => resolve());
  });
}

async function main() {
  process.stderr.write(`seeding: ${UPDATES} workspace updates, ${CLIPS} clips, an old library of ${OLD_CLIPS} clips…\n`);
  const workspace = seedWorkspace(UPDATES);
  const library = dir('library');
  seedLibrary(library, manyClips(CLIPS));
  const old = seedSchemaOneLibrary(dir('old'), OLD_CLIPS, OLD_SEGMENTS);

  // The noise floor: what this machine's scheduler alone costs a thread that does nothing (other processes share the
  // cores), and the same while one other thread of this process burns a core, as the worker core does while it works.
  collectGarbage();
  const idle = await withEventLoopWatch(() => new Promise((resolve) => setTimeout(resolve, 3000)));
  console.log(`noise floor, idle host thread, 3 s: ${formatLoop(idle.loop)}`);
  const busy = await withEventLoopWatch(spinAnotherThread);
  console.log(`noise floor, idle host thread while another thread spins, 10 s: ${formatLoop(busy.loop)}`);

  // Interleaved per scenario, worker first: an in-thread run leaves its garbage on this thread's heap, and collecting it
  // later would be charged to the worker run. The in-thread run then gets the warmer page cache.
  const modes = ['worker', 'in-thread'] as const;
  for (const mode of modes) await syncScenario(mode, workspace);
  for (const mode of modes) await inboxScenario(mode, library);
  for (const mode of modes) await searchScenario(mode, library);
  for (const mode of modes) await migrationScenario(mode, old);
  // Again at the end: other processes' load changes over a run of several minutes.
  const busyAfter = await withEventLoopWatch(spinAnotherThread);
  console.log(`noise floor at the end, idle host thread while another thread spins, 10 s: ${formatLoop(busyAfter.loop)}`);

  console.log(`\nHost thread event loop (ms), worker core vs in-thread core (before), target: max ≤ ${TARGET_MS} ms with the worker`);
  console.log('| scenario | worker max | worker p99 | in-thread max | in-thread p99 | ratio (in-thread/worker max) | worker ≤ 50 ms | duration worker / in-thread |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  for (const scenario of scenarios) {
    const worker = rows.find((row) => row.scenario === scenario && row.mode === 'worker')!;
    const thread = rows.find((row) => row.scenario === scenario && row.mode === 'in-thread')!;
    const ratio = thread.loop.maxMs / Math.max(worker.loop.maxMs, 0.001);
    console.log(
      `| ${scenario} | ${worker.loop.maxMs.toFixed(1)} | ${worker.loop.p99Ms.toFixed(1)} | ${thread.loop.maxMs.toFixed(1)} | ${thread.loop.p99Ms.toFixed(1)} | ${ratio.toFixed(1)}× | ${worker.loop.maxMs <= TARGET_MS ? 'yes' : 'NO'} | ${(worker.ms / 1000).toFixed(2)} s / ${(thread.ms / 1000).toFixed(2)} s |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
