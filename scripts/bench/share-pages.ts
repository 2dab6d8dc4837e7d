// Part of `npm run bench:share`: the end-to-end encrypted page against the plain page, on the same 60 s clip in the
// same run, both served by s3rver as lasting links and opened in Chromium. Time to first frame counts from navigation
// (the encrypted page also imports the key, proves it on the page body, registers its service worker and decrypts);
// time to a seek counts from setting currentTime = 30 to the first frame shown there. Each round opens a fresh browser
// context, so no service worker, cache or connection is reused; rounds alternate (P E E P) so drift hits both alike.
// Env: SHARE_PAGE_ROUNDS (pairs, default 3).
import { chromium, type Browser } from '@playwright/test';
import { openDatabase } from '../../electron/core/library/database';
import { createLogger } from '../../electron/core/logger';
import { playerClipOf, segmentsOf } from '../../electron/core/share/link-page';
import { publishBucketLink } from '../../electron/core/share/lasting-publish';
import { longTestVideo } from '../../tests/support/long-clip';
import { startTestS3 } from '../../tests/support/s3';
import { makeTestClip } from '../../tests/support/test-clip';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.env.SHARE_PAGE_ROUNDS ?? 3);

interface Timing {
  firstFrame: number;
  seek: number;
}

const MEASURE = `(async () => {
  const video = document.querySelector('video');
  const frame = () => new Promise((resolve) => video.requestVideoFrameCallback(() => resolve(performance.now())));
  video.muted = true;
  const shown = frame();
  await video.play();
  const firstFrame = await shown;
  video.pause();
  const t0 = performance.now();
  const seeked = new Promise((resolve) => video.addEventListener('seeked', () => resolve(), { once: true }));
  video.currentTime = 30;
  await seeked;
  const there = frame();
  await video.play();
  const seek = (await there) - t0;
  video.pause();
  return { firstFrame, seek };
})()`;

async function measure(browser: Browser, url: string): Promise<Timing> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('video#player', { state: 'attached' });
    // A string, not a function: tsx wraps named functions in a helper that does not exist in the page.
    return (await page.evaluate(MEASURE)) as Timing;
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchSharePages(): Promise<void> {
  const s3 = await startTestS3();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-pages-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'), createLogger('bench', { level: 'warn' }));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const clip = makeTestClip(db, path.join(dir, 'clips'));
    const video = longTestVideo();
    const publish = (encrypt: boolean) =>
      publishBucketLink({
        s3Client: s3.client,
        bucket: s3.bucket,
        prefix: 'bench/',
        publicBase: `${s3.endpoint}/${s3.bucket}`,
        clip: { id: clip.clip.id, ...playerClipOf(clip.clip), segments: segmentsOf(db, clip.clip.id) },
        files: { video, captions: clip.captions },
        lasting: true,
        encrypt,
        expiresAt: null,
        now: new Date(),
      });
    const plainLink = await publish(false);
    const encryptedLink = await publish(true);
    await measure(browser, plainLink.url);
    await measure(browser, encryptedLink.url);
    const plain: Timing[] = [];
    const encrypted: Timing[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      plain.push(await measure(browser, plainLink.url));
      encrypted.push(await measure(browser, encryptedLink.url));
      encrypted.push(await measure(browser, encryptedLink.url));
      plain.push(await measure(browser, plainLink.url));
    }
    const p = { firstFrame: median(plain.map((t) => t.firstFrame)), seek: median(plain.map((t) => t.seek)) };
    const e = { firstFrame: median(encrypted.map((t) => t.firstFrame)), seek: median(encrypted.map((t) => t.seek)) };
    console.log(`\nbench:share pages — 60 s 640x360 clip, lasting links on s3rver, Chromium, fresh context each, ${plain.length} runs each (medians)`);
    console.log(`plain page        first frame ${p.firstFrame.toFixed(0).padStart(5)} ms   seek to 0:30 ${p.seek.toFixed(0).padStart(5)} ms`);
    console.log(`encrypted page    first frame ${e.firstFrame.toFixed(0).padStart(5)} ms   seek to 0:30 ${e.seek.toFixed(0).padStart(5)} ms`);
    console.log(`ratio (encrypted / plain): first frame ${(e.firstFrame / p.firstFrame).toFixed(2)}×, seek ${(e.seek / p.seek).toFixed(2)}×  (target ≤ 1.5×)`);
  } finally {
    await browser.close();
    db.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('share-pages.ts')) void benchSharePages();
