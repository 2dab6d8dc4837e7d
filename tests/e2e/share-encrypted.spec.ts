/// <reference lib="dom" />
// End-to-end encrypted links in Chromium, served by s3rver as a public bucket: the page decrypts through its service
// worker, plays, seeks to 0:30 of a 60 s clip before the whole file is fetched, shows captions and the transcript; a
// wrong password says so and plays nothing; a link without its key and a browser without JavaScript say why.
import { statSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openDatabase } from '../../electron/core/library/database';
import { createLogger } from '../../electron/core/logger';
import { playerClipOf, segmentsOf } from '../../electron/core/share/link-page';
import { publishBucketLink } from '../../electron/core/share/lasting-publish';
import { E2E_CHUNK_BYTES, encryptedSize } from '../../electron/core/share/encrypted-media';
import { longTestVideo } from '../support/long-clip';
import { startShareHarness } from '../support/share-harness';
import { startTestS3, type TestS3 } from '../support/s3';
import { hasFfmpeg, makeTestClip, type TestClip } from '../support/test-clip';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

test.skip(!hasFfmpeg(), 'ffmpeg is needed to make the test clip');

let s3: TestS3;
let clip: TestClip;
let segments: ReturnType<typeof segmentsOf>;
let video: string;

test.beforeAll(async () => {
  s3 = await startTestS3();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-e2e-spec-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'), createLogger('test', { level: 'warn' }));
  clip = makeTestClip(db, path.join(dir, 'clips'));
  segments = segmentsOf(db, clip.clip.id);
  db.close();
  video = longTestVideo();
});
test.afterAll(async () => {
  await s3?.close();
});

const publish = (password?: string, lasting = true) =>
  publishBucketLink({
    s3Client: s3.client,
    bucket: s3.bucket,
    prefix: 'team/',
    publicBase: `${s3.endpoint}/${s3.bucket}`,
    clip: { id: clip.clip.id, ...playerClipOf(clip.clip), segments },
    files: { video, captions: clip.captions },
    lasting,
    encrypt: true,
    password,
    expiresAt: null,
    now: new Date(),
  });

async function playMuted(page: Page) {
  await page.evaluate(async () => {
    const v = document.querySelector('video')!;
    v.muted = true;
    await v.play();
  });
}

const currentTime = (page: Page) => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);

test('a key link decrypts, plays, and seeks to 0:30 before the whole file is fetched', async ({ page }) => {
  const link = await publish();
  expect(link.url).toMatch(/\/index\.html#k=[A-Za-z0-9_-]{43}$/);
  // The page's own CSP (a bucket sends none) must let the page, its worker and the player do everything they do.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(link.url);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  await expect(page.locator('body')).toHaveAttribute('data-e2e', 'ready');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly update: release <status>');
  await expect(page).toHaveTitle('Weekly update: release <status>');
  await expect(page.locator('.lines li')).toHaveCount(4);
  // Straight to 0:30 once the metadata is in (preload=metadata fetched only the start), then play from there.
  await expect.poll(() => page.evaluate(() => document.querySelector('video')!.duration)).toBeCloseTo(60, 0);
  await page.evaluate(() => {
    document.querySelector('video')!.currentTime = 30;
  });
  await playMuted(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(30.5);
  const total = encryptedSize({ size: statSync(video).size, chunkSize: E2E_CHUNK_BYTES });
  const fetched = Number(await page.locator('body').getAttribute('data-e2e-bytes'));
  const chunks = new Set((await page.locator('body').getAttribute('data-e2e-chunks'))!.split(' ').map(Number));
  const count = Math.ceil(statSync(video).size / E2E_CHUNK_BYTES);
  // Playing at 0:30 with chunks between the start and 0:30 never fetched: the seek went straight to what it needed,
  // long before the download could have finished.
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !chunks.has(i));
  expect(missing.some((i) => i > 0 && i < Math.floor(count / 2))).toBe(true);
  expect(missing.length).toBeGreaterThan(0);
  expect(fetched).toBeLessThan(total);
  expect(chunks.has(Math.floor(count / 2))).toBe(true);
  await expect
    .poll(() => page.evaluate(() => { const t = document.querySelector('video')!.textTracks[0]; return t?.cues?.length ?? 0; }))
    .toBe(4);
  expect(violations).toEqual([]);
  // And back to the start: it plays from 0:00 too.
  await page.evaluate(() => {
    document.querySelector('video')!.currentTime = 0;
  });
  await expect.poll(() => currentTime(page)).toBeLessThan(5);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(0.5);
});

test('a password link: a wrong password says so without playing, the right one plays', async ({ page }) => {
  const link = await publish('correct horse battery');
  expect(link.url).not.toContain('#');
  await page.goto(link.url);
  await page.getByLabel('Password').fill('wrong horse');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password is not right.');
  expect(await page.locator('video').count()).toBe(0);
  await expect(page.locator('body')).not.toHaveAttribute('data-e2e-bytes', /./);

  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-e2e', 'ready');
  await playMuted(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(0.5);
});

test('a presigned encrypted link (a bucket that is not public) plays the same way', async ({ page }) => {
  const link = await publish(undefined, false);
  const pageUrl = new URL(link.url.split('#')[0]);
  expect(pageUrl.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  const html = await (await fetch(pageUrl)).text();
  expect(html).toMatch(/"sw":"http:[^"]+\/sw\.js\?X-Amz-/);
  await page.goto(link.url);
  await expect(page.locator('body')).toHaveAttribute('data-e2e', 'ready');
  await playMuted(page);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(0.5);
});

test('a link without its key, or without JavaScript, says why it cannot play', async ({ browser, page }) => {
  const link = await publish();
  await page.goto(link.url.split('#')[0]);
  await expect(page.getByRole('alert')).toContainText('missing its key');
  await expect(page.getByText('JavaScript turned off')).toBeHidden();
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(link.url);
  await expect(plain.getByText('JavaScript turned off')).toBeVisible();
  await noJs.close();
});

test('the share server on this computer serves the same encrypted page, counts the view and its watch time', async ({ page }) => {
  const h = await startShareHarness();
  try {
    const local = makeTestClip(h.core.db, h.core.paths.clipsDir);
    const link = await h.call('share:create', { clipId: local.clip.id, encrypt: true });
    expect(link.where).toBe('this-computer');
    expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${h.server.port}/${link.token}/#k=[A-Za-z0-9_-]{43}$`));
    // The address without the slash leads to the page the worker's scope covers; the fragment survives the redirect.
    await page.goto(link.url.replace(`/${link.token}/#`, `/${link.token}#`));
    expect(page.url()).toBe(link.url);
    await expect(page.locator('body')).toHaveAttribute('data-e2e', 'ready');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly update: release <status>');
    await playMuted(page);
    await expect.poll(() => currentTime(page)).toBeGreaterThan(1.5);
    await page.evaluate(() => document.querySelector('video')!.pause());
    await expect
      .poll(async () => (await h.call('share:list', { clipId: local.clip.id })).links[0].views.map((v) => v.secondsWatched > 1))
      .toEqual([true]);
    await h.call('share:revoke', { token: link.token });
    expect((await fetch(new URL(`/${link.token}/video.enc`, link.url))).status).toBe(410);
  } finally {
    await h.close();
  }
});

test('a password-encrypted link on this computer: the page asks, a wrong password says so, the right one plays', async ({ page }) => {
  const h = await startShareHarness();
  try {
    const local = makeTestClip(h.core.db, h.core.paths.clipsDir);
    const link = await h.call('share:create', { clipId: local.clip.id, encrypt: true, password: 'tide pool 7' });
    expect(link.url).toBe(`http://127.0.0.1:${h.server.port}/${link.token}/`);
    await page.goto(link.url);
    await page.getByLabel('Password').fill('tide pool 8');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByRole('alert')).toHaveText('That password is not right.');
    expect(await page.locator('video').count()).toBe(0);
    await page.getByLabel('Password').fill('tide pool 7');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-e2e', 'ready');
    await playMuted(page);
    await expect.poll(() => currentTime(page)).toBeGreaterThan(0.5);
  } finally {
    await h.close();
  }
});
