/// <reference lib="dom" />
// The share player in Chromium: plays, loads captions, seeks from the transcript, speed, viewer-local deadline,
// viewer name; password, expired and revoked links; no-script playback; the S3 page from s3rver.
import { expect, test, type Page } from '@playwright/test';
import { playerClipOf, segmentsOf } from '../../electron/core/share/link-page';
import { publishS3Link } from '../../electron/core/share/s3-publish';
import { startShareHarness, type ShareHarness } from '../support/share-harness';
import { startTestS3, type TestS3 } from '../support/s3';
import { hasFfmpeg, makeTestClip, type TestClip } from '../support/test-clip';

test.skip(!hasFfmpeg(), 'ffmpeg is needed to make the test clip');

let h: ShareHarness;
let clip: TestClip;
let nowMs = Date.now();

test.beforeAll(async () => {
  h = await startShareHarness({ clock: () => new Date(nowMs) });
  clip = makeTestClip(h.core.db, h.core.paths.clipsDir);
});
test.afterAll(async () => {
  await h?.close();
});

/** Chromium blocks unmuted autoplay without a gesture: mute, then play from the page. */
async function playAndWatch(page: Page, beyond = 0.5) {
  await page.evaluate(async () => {
    const video = document.querySelector('video')!;
    video.muted = true;
    await video.play();
  });
  // Polled from the test rather than with waitForFunction, whose in-page polling needs page scripts (the no-JS test).
  await expect.poll(() => page.evaluate(() => document.querySelector('video')!.currentTime)).toBeGreaterThan(beyond);
}

async function expectCaptionsLoaded(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const track = document.querySelector('track');
        const cues = document.querySelector('video')!.textTracks[0]?.cues;
        return track?.readyState === 2 && cues?.length === 4;
      }),
    )
    .toBe(true);
}

test('a link plays with captions, seeks from the transcript and highlights the current line', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const { url } = await h.call('share:create', { clipId: clip.clip.id });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly update: release <status>');
  await expect(page.locator('.ask')).toContainText('Approve the new release plan');
  // 2026-03-09T15:00Z is 12:00 in São Paulo and midnight on the 10th in Tokyo.
  await expect(page.locator('.deadline')).toContainText('12:00 PM (America/Sao Paulo)');
  await expect(page.locator('.viewer-local')).toContainText('Tuesday, 10 March 2026');
  await expect(page.locator('.viewer-local')).toContainText('GMT+9');

  await expectCaptionsLoaded(page);
  await playAndWatch(page);

  await page.getByRole('link', { name: /Please approve the plan by Friday/ }).click();
  const at = await page.evaluate(() => document.querySelector('video')!.currentTime);
  expect(at).toBeGreaterThanOrEqual(2);
  expect(at).toBeLessThan(3);
  await expect(page.locator('.lines li.current')).toContainText('Please approve the plan by Friday');

  await expect(page.getByLabel('Speed')).toBeVisible();
  await page.getByLabel('Speed').selectOption('1.5');
  expect(await page.evaluate(() => document.querySelector('video')!.playbackRate)).toBe(1.5);

  await page.getByPlaceholder('Your name').fill('Kenji');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status')).toHaveText('Thanks, Kenji.');
  await expect
    .poll(async () => (await h.call('share:list', { clipId: clip.clip.id })).links.flatMap((l) => l.views).some((v) => v.viewerName === 'Kenji'))
    .toBe(true);
  await context.close();
});

test('the transcript is usable from the keyboard', async ({ page }) => {
  const { url } = await h.call('share:create', { clipId: clip.clip.id });
  await page.goto(url);
  await expectCaptionsLoaded(page);
  await page.getByRole('link', { name: /Thanks, talk soon/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('video')!.currentTime >= 3);
});

test('the video plays with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const { url } = await h.call('share:create', { clipId: clip.clip.id });
  await page.goto(url);
  // Page scripts are off; Playwright's evaluate still runs, which stands in for the user pressing play.
  await expect(page.getByLabel('Speed')).toBeHidden();
  await expectCaptionsLoaded(page);
  await playAndWatch(page);
  await context.close();
});

test('a password link asks first, then plays', async ({ page }) => {
  const { url } = await h.call('share:create', { clipId: clip.clip.id, password: 's3cret pass' });
  expect((await page.goto(url))?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password required');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password is not right.');
  await page.getByLabel('Password').fill('s3cret pass');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly update: release <status>');
  await expectCaptionsLoaded(page);
  await playAndWatch(page);
});

test('expired and revoked links say so with 410', async ({ page }) => {
  const expiring = await h.call('share:create', { clipId: clip.clip.id, expires: '30m' });
  const revoked = await h.call('share:create', { clipId: clip.clip.id });
  await h.call('share:revoke', { token: revoked.token });
  const r = await page.goto(revoked.url);
  expect(r?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Link revoked');
  nowMs += 31 * 60_000;
  try {
    expect((await page.goto(expiring.url))?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Link expired');
    await expect(page.locator('video')).toHaveCount(0);
  } finally {
    nowMs -= 31 * 60_000;
  }
});

test.describe('S3 link', () => {
  let s3: TestS3;
  test.beforeAll(async () => {
    s3 = await startTestS3();
  });
  test.afterAll(async () => {
    await s3?.close();
  });

  test('the presigned page from s3rver plays, with captions and transcript seeking', async ({ page }) => {
    const link = await publishS3Link({
      s3Client: s3.client,
      bucket: s3.bucket,
      prefix: '',
      clip: { id: clip.clip.id, ...playerClipOf(clip.clip), segments: segmentsOf(h.core.db, clip.clip.id) },
      files: { video: clip.video, captions: clip.captions, thumb: clip.thumb },
      expiresInSeconds: 3600,
    });
    expect((await page.goto(link.url))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly update: release <status>');
    await expectCaptionsLoaded(page);
    await playAndWatch(page);
    await page.getByRole('link', { name: /The release is blocked/ }).click();
    const at = await page.evaluate(() => document.querySelector('video')!.currentTime);
    expect(at).toBeGreaterThanOrEqual(1);
    expect(at).toBeLessThan(2.5);
    // The script seeks in place: the presigned page URL (and its signature) is left alone.
    expect(page.url()).toBe(link.url);
  });
});
