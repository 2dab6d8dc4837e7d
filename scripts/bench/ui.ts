// Inbox with 10k clips against the same page with 100 clips, in one run: time to the first rendered row and the DOM
// size once every page of clips has loaded. Chromium against browser mode, each over a pre-filled library.
// Target (issue 8): time ratio <= 1.5 and a DOM that does not grow with the clip count.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { manyClips, startWebModeWith } from '../../tests/support/ui-library';
import { repoRoot, type WebMode } from '../../tests/support/web-mode';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SMALL = 100;
const LARGE = 10_000;

interface Sample {
  firstRowMs: number;
  allLoadedMs: number;
  domNodes: number;
  rowsInDom: number;
}

/** The few page globals used here: this file is type-checked without the DOM library. */
interface PageSide {
  __firstRow?: number;
  document: { getElementsByTagName(tag: string): { length: number }; querySelectorAll(selector: string): { length: number } };
}

async function measure(browser: Browser, web: WebMode): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  // Note the moment the first inbox row is attached, from inside the page (relative to navigation start). An init
  // script given as text is injected by the browser (not eval'd), so the app's CSP still holds.
  await page.addInitScript({
    content: `new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="inbox-list"] [data-testid="inbox-row"]')) {
        window.__firstRow = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });`,
  });
  await page.goto(web.launchUrl);
  await page.waitForFunction(() => (globalThis as unknown as PageSide).__firstRow !== undefined, null, { timeout: 120_000 });
  await page.getByText('Loading more…').waitFor({ state: 'detached', timeout: 120_000 });
  const result = await page.evaluate((): Sample => {
    const g = globalThis as unknown as PageSide;
    return {
      firstRowMs: g.__firstRow ?? NaN,
      allLoadedMs: performance.now(),
      domNodes: g.document.getElementsByTagName('*').length,
      rowsInDom: g.document.querySelectorAll('[data-testid="inbox-list"] [data-testid="inbox-row"]').length,
    };
  });
  await context.close();
  return result;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  if (!existsSync(path.join(repoRoot, 'out', 'renderer', 'index.html'))) {
    console.log('building the renderer (out/renderer is missing)…');
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const onboarded = { 'profile.name': 'Bench', 'profile.timezone': 'Europe/Berlin', 'ui.onboarded': true };
  const small = await startWebModeWith(manyClips(SMALL));
  const large = await startWebModeWith(manyClips(LARGE));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const web of [small, large]) {
      const res = await fetch(`${web.url}/api/settings:set`, {
        method: 'POST',
        headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ values: onboarded }),
      });
      if (!res.ok) throw new Error(`settings:set failed: ${res.status}`);
    }
    // One warm-up each (Chromium's and the host's caches), then alternate so drift hits both sides alike.
    await measure(browser, small);
    await measure(browser, large);
    const samples: Record<'small' | 'large', Sample[]> = { small: [], large: [] };
    for (let i = 0; i < RUNS; i++) {
      samples.small.push(await measure(browser, small));
      samples.large.push(await measure(browser, large));
    }
    const summary = (list: Sample[]) => ({
      firstRowMs: median(list.map((s) => s.firstRowMs)),
      allLoadedMs: median(list.map((s) => s.allLoadedMs)),
      domNodes: median(list.map((s) => s.domNodes)),
      rowsInDom: median(list.map((s) => s.rowsInDom)),
    });
    const a = summary(samples.small);
    const b = summary(samples.large);
    const fmt = (n: number) => n.toFixed(1);
    console.log(`bench:ui  inbox, ${RUNS} runs each, medians (Chromium, browser mode, viewport 1280x800)`);
    console.log(`  ${String(SMALL).padStart(6)} clips: first row ${fmt(a.firstRowMs)} ms, all pages loaded ${fmt(a.allLoadedMs)} ms, DOM ${a.domNodes} nodes, ${a.rowsInDom} rows in DOM`);
    console.log(`  ${String(LARGE).padStart(6)} clips: first row ${fmt(b.firstRowMs)} ms, all pages loaded ${fmt(b.allLoadedMs)} ms, DOM ${b.domNodes} nodes, ${b.rowsInDom} rows in DOM`);
    console.log(`  ratio 10k/100: time to first row ${(b.firstRowMs / a.firstRowMs).toFixed(2)}x (target <= 1.5), DOM nodes ${(b.domNodes / a.domNodes).toFixed(2)}x (target ~1.0)`);
  } finally {
    await browser.close();
    await small.stop();
    await large.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
