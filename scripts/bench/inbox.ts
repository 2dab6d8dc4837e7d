// The windowed inbox (issue 19) at 1k, 10k and 100k clips, in one run: `inbox:get` through the core's dispatcher (the
// contract path the app and browser mode serve, output validation included), first page and then paging back through
// older workdays with the cursor (from the newest again when a small library runs out of pages). Each library size runs in its own child process, so its peak RSS is its own.
// Reported per size: page p50/p95, clips per page, needsReply size, peak RSS and the event-loop delay (max, p99) of the
// process serving the calls (here the calls run on its thread, so the delay is what one page blocks it for).
// The baseline is the 1k library measured in the same run: target p95 <= 50 ms at 100k and <= 1.3x the 1k figure.
//
// Library: tests' manyClips(n) (one update every 7 minutes, ~205 a day, four senders in four zones), three in four of
// them teammates' updates that ask something, every one answered by me except the newest 100 (so "Needs your reply"
// is 100 items whatever the size, read through open_asks, and answering them touched the events table at every size).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { composeCore } from '../../electron/core/compose';
import { insertClip } from '../../electron/core/library/clips-store';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { manyClips } from '../../tests/support/ui-library';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const PAGE_DAYS = Number(process.env.BENCH_PAGE_DAYS ?? 3);
const PAGES = Number(process.env.BENCH_PAGES ?? 30);
const OPEN_ASKS = 100;
const repoRoot = path.resolve(import.meta.dirname, '..', '..');

interface ChildResult {
  clips: number;
  seedMs: number;
  firstPage: { ms: number; clips: number; needsReply: number };
  pages: number[];
  clipsPerPage: number;
  defaultPage: { ms: number; clips: number };
  loop: { maxMs: number; p99Ms: number };
  peakRssMb: number;
}

function seed(dataDir: string, count: number): void {
  const db = openDatabase(path.join(dataDir, 'library.sqlite'), createMemoryLogger());
  const now = new Date();
  const me = 'me0000001';
  db.prepare("INSERT INTO people (id, name, timezone, working_hours, is_me, updated_at) VALUES (?, 'Me', 'Europe/Berlin', '09:00-17:30', 1, ?)").run(me, now.toISOString());
  const person = db.prepare('INSERT OR IGNORE INTO people (id, name, timezone, updated_at) VALUES (?, ?, ?, ?)');
  const done = db.prepare("INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at) VALUES (?, ?, 'done', ?, 'Me', ?)");
  db.transaction(() => {
    manyClips(count, now.getTime()).forEach((clip, i) => {
      const teammate = i % 4 !== 0;
      const authorId = teammate ? `p-${clip.authorName}` : me;
      person.run(authorId, clip.authorName, clip.authorTimezone, now.toISOString());
      const row = insertClip(
        db,
        { ...clip, authorId, ask: teammate ? 'Can you review this?' : null, state: 'ready', source: teammate ? 'workspace' : 'recorded' },
        now,
      );
      // Newest first: the first OPEN_ASKS teammates' asks stay open, every older one I have answered.
      if (teammate && i >= (OPEN_ASKS * 4) / 3) done.run(`done-${row.id}`, row.id, me, now.toISOString());
    });
  })();
  db.close();
}

async function child(count: number, dataDir: string, seedMs: number): Promise<ChildResult> {
  {
    const core = composeCore({
      dataDir, resourcesDir: path.join(repoRoot, 'resources'), version: 'bench', env: process.env, platform: process.platform,
      logger: createMemoryLogger(), clock: () => new Date(), nativeRoot: null,
    });
    const call = async (input: { days?: number; before?: string }) => {
      const t0 = performance.now();
      const result = await core.dispatch('inbox:get', input);
      const ms = performance.now() - t0;
      if (!result.ok) throw new Error(`inbox:get failed: ${result.error.message}`);
      const inbox = result.value as { workdays: { clips: unknown[] }[]; needsReply: unknown[]; page: { nextBefore: string | null } };
      return { ms, inbox, clips: inbox.workdays.reduce((n, day) => n + day.clips.length, 0) };
    };
    for (let i = 0; i < 5; i++) await call({ days: PAGE_DAYS }); // warm: JIT, statement cache, zone cache
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const first = await call({ days: PAGE_DAYS });
    const pages: number[] = [first.ms];
    const perPage: number[] = [first.clips];
    let cursor = first.inbox.page.nextBefore;
    for (let i = 1; i < PAGES; i++) {
      // Yield between pages, as a renderer scrolling would: the loop monitor samples between calls.
      await new Promise((resolve) => setImmediate(resolve));
      // A small library runs out of older pages: start again from the newest, so every size gets PAGES samples.
      const page = await call(cursor ? { days: PAGE_DAYS, before: cursor } : { days: PAGE_DAYS });
      pages.push(page.ms);
      perPage.push(page.clips);
      cursor = page.inbox.page.nextBefore;
    }
    await new Promise((resolve) => setImmediate(resolve));
    loop.disable();
    const fourteen = await call({});
    core.close();
    return {
      clips: count,
      seedMs,
      firstPage: { ms: first.ms, clips: first.clips, needsReply: first.inbox.needsReply.length },
      pages,
      clipsPerPage: Math.round(perPage.reduce((a, b) => a + b, 0) / perPage.length),
      defaultPage: { ms: fourteen.ms, clips: fourteen.clips },
      loop: { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 },
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const run = (args: string[]) => execFileSync(process.execPath, [...process.execArgv, import.meta.filename, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });

if (process.argv[2] === '--seed') {
  seed(process.argv[4], Number(process.argv[3]));
} else if (process.argv[2] === '--child') {
  const result = await child(Number(process.argv[3]), process.argv[4], Number(process.argv[5]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const results: ChildResult[] = [];
  for (const size of SIZES) {
    // Seeded by its own process, so the measuring process's heap and peak RSS hold only what serving pages needs.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-inbox-'));
    try {
      const seeded = performance.now();
      run(['--seed', String(size), dataDir]);
      const seedMs = performance.now() - seeded;
      const out = run(['--child', String(size), dataDir, String(seedMs)]);
      results.push(JSON.parse(out.trim().split('\n').pop() as string) as ChildResult);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const base = results[0];
  const baseP95 = quantile(base.pages, 0.95);
  console.log(`inbox:get pages of ${PAGE_DAYS} workdays, ${PAGES} pages per library (first + older by cursor), needsReply ${OPEN_ASKS} open asks`);
  console.log('clips     | page p50 | page p95 | ratio p95 vs 1k | clips/page | needsReply | 14-day page       | loop max / p99  | peak RSS');
  for (const r of results) {
    const p95 = quantile(r.pages, 0.95);
    console.log(
      `${String(r.clips).padEnd(9)} | ${quantile(r.pages, 0.5).toFixed(1).padStart(6)}ms | ${p95.toFixed(1).padStart(6)}ms | ${(p95 / baseP95).toFixed(2).padStart(15)} | ` +
        `${String(r.clipsPerPage).padStart(10)} | ${String(r.firstPage.needsReply).padStart(10)} | ${r.defaultPage.ms.toFixed(1).padStart(6)}ms ${String(r.defaultPage.clips).padStart(5)} clips | ` +
        `${r.loop.maxMs.toFixed(1).padStart(5)} / ${r.loop.p99Ms.toFixed(1).padStart(5)} ms | ${r.peakRssMb.toFixed(0)} MB`,
    );
  }
  const last = results[results.length - 1];
  const lastP95 = quantile(last.pages, 0.95);
  console.log(`target: p95 <= 50 ms at ${last.clips} clips: ${lastP95.toFixed(1)} ms (${lastP95 <= 50 ? 'met' : 'NOT met'}); <= 1.3x the ${base.clips} figure: ${(lastP95 / baseP95).toFixed(2)}x (${lastP95 / baseP95 <= 1.3 ? 'met' : 'NOT met'})`);
}
