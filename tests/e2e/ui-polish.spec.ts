/// <reference lib="dom.iterable" />
// Focus, dialogs, the player's keyboard path, filters in the URL, and no requests for files the app knows are absent,
// in Chromium against the real app in browser mode (the fixed scene of ui-scene.ts).
import { expect, test } from '@playwright/test';
import { fixBrowserClock, startScene } from '../support/ui-scene';
import type { WebMode } from '../support/web-mode';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB', viewport: { width: 1280, height: 800 } });

let web: WebMode & { setProfile(): Promise<void> };
test.beforeAll(async () => {
  web = await startScene('polish', {}, { withVideo: true });
  await web.setProfile();
});
test.afterAll(async () => {
  await web?.stop();
});
test.beforeEach(async ({ page }) => {
  await fixBrowserClock(page);
  await page.goto(web.launchUrl);
});

test('opening an update from the inbox puts focus on its heading', async ({ page }) => {
  await page.goto(`${web.url}/#/inbox`);
  const row = page.getByTestId('inbox-list').getByTestId('inbox-row').filter({ hasText: 'Onboarding metrics for November' });
  await row.focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'Onboarding metrics for November' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
});

test('the delete dialog starts on the safe choice, keeps focus inside, and Escape cancels it and Rename', async ({ page }) => {
  await page.goto(`${web.url}/#/clip/scene-dana-reply`);
  await expect(page.getByRole('heading', { level: 1, name: /storage layer questions/ })).toBeVisible();
  const remove = page.getByRole('button', { name: 'Delete', exact: true });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Delete this update?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: /storage layer questions/ })).toBeVisible();

  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByLabel('New title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('New title')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Rename' })).toBeVisible();
});

test('the player is its own labelled control bar: no native controls, a few named tab stops', async ({ page }) => {
  await page.goto(`${web.url}/#/clip/scene-taro-release`);
  const player = page.getByTestId('player');
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await player.locator('video').getAttribute('controls')).toBeNull();
  const stops = await player.evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('button, input, select, [tabindex="0"]')].filter((el) => !el.hasAttribute('disabled')).length,
  );
  expect(stops).toBeLessThanOrEqual(5);
  await expect(player.getByRole('slider', { name: 'Position' })).toHaveAttribute('aria-valuetext', /of/);
  // The reactions are drawn by the app, not by a font that may be missing.
  await expect(page.getByRole('button', { name: /^React 👍/ }).locator('svg')).toBeVisible();
});

test('inbox filters live in the URL and survive a reload', async ({ page }) => {
  await page.goto(`${web.url}/#/inbox`);
  await page.getByLabel('Person').selectOption('Sam Rivera');
  await expect(page).toHaveURL(/#\/inbox\?person=Sam\+Rivera$/);
  await expect(page.getByTestId('inbox-list').getByTestId('inbox-row')).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel('Person')).toHaveValue('Sam Rivera');
  await expect(page.getByTestId('inbox-list').getByTestId('inbox-row')).toHaveCount(1);
});

test('"?" lists the shortcuts and Escape closes the list', async ({ page }) => {
  await page.goto(`${web.url}/#/inbox`);
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('no request for a favicon or captions the app knows are absent', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(new URL(response.url()).pathname);
  });
  await page.goto(`${web.url}/#/clip/scene-taro-release`);
  await expect(page.getByRole('heading', { level: 1, name: 'Release plan walkthrough' })).toBeVisible();
  await expect(page.getByTestId('player').getByRole('button', { name: 'Play' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(missing.filter((p) => p.endsWith('captions.vtt') || p.endsWith('favicon.ico'))).toEqual([]);
  await expect(page.locator('track')).toHaveCount(0);
});
