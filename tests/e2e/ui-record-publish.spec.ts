// The whole path a person takes: record (synthetic source), compose with an ask and a deadline, publish; then the
// update is in the inbox under today's workday, plays, is found by search, and its share link lands on the clipboard.
import { expect, test } from '@playwright/test';
import { call, recordAndPublish, signIn, tomorrowAtTen, workdayIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

test.use({ timezoneId: 'Europe/Berlin' });

test('record, compose, publish, then find, play and share the update', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
  await signIn(page, web, { 'profile.name': 'Bea', 'profile.timezone': 'Europe/Berlin' });
  const id = await recordAndPublish(page, web, {
    title: 'Pelican migration plan',
    ask: 'Approve the pelican migration',
    deadlineLocal: tomorrowAtTen('Europe/Berlin'),
    urgency: 'reply-needed',
  });

  await page.goto(`${web.url}/#/inbox`);
  const today = workdayIn('Europe/Berlin');
  await expect(page.getByTestId('workday-header').first()).toHaveAttribute('data-date', today);
  const row = page.getByTestId('inbox-list').locator(`[data-clip-id="${id}"]`);
  await expect(row).toContainText('Pelican migration plan');

  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pelican migration plan' })).toBeVisible();
  await expect(page.getByText('Approve the pelican migration')).toBeVisible();
  const video = page.locator('video');
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);

  await page.getByRole('button', { name: 'Create and copy link' }).click();
  await expect(page.getByTestId('share-status')).toHaveText('Link created and copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^https?:\/\/.+/);
  await expect(page.getByTestId('share-link').first()).toContainText(copied);

  await page.getByLabel('Record a decision').fill('Migrate the pelicans on Monday');
  await page.getByRole('button', { name: 'Add decision' }).click();
  await expect(page.locator('.clip-decisions')).toContainText('Migrate the pelicans on Monday');
  await page.goto(`${web.url}/#/decisions`);
  await expect(page.getByTestId('decisions-list')).toContainText('Migrate the pelicans on Monday');
  await expect(page.getByTestId('decisions-list')).toContainText('Pelican migration plan');
  await page.getByLabel('Find a decision').fill('giraffe');
  await expect(page.getByTestId('decisions-empty')).toContainText('giraffe');

  await page.goto(`${web.url}/#/search?q=pelican`);
  await expect(page.getByTestId('search-hit').first()).toContainText('Pelican migration plan');
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pelican migration plan' })).toBeVisible();
});

test('a video reply recorded from the clip page joins its thread', async ({ page }) => {
  await signIn(page, web, { 'profile.name': 'Bea', 'profile.timezone': 'Europe/Berlin' });
  const parent = await recordAndPublish(page, web, { title: 'Original question', ask: 'Which option?' });
  await page.goto(`${web.url}/#/clip/${parent}`);
  await page.getByRole('link', { name: 'Record a video reply' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a video reply' })).toBeVisible();
  await page.getByLabel('Use synthetic source (demo)').check();
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByTestId('elapsed')).toHaveText(/^0:0[2-9]$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  const form = page.getByRole('form', { name: 'Compose the update' });
  await form.getByLabel('Title').fill('Option B, here is why');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible({ timeout: 30_000 });

  await page.goto(`${web.url}/#/clip/${parent}`);
  await expect(page.getByTestId('replies').getByRole('link', { name: 'Option B, here is why' })).toBeVisible();
});

test('pause, resume and cancel a recording', async ({ page }) => {
  await signIn(page, web, { 'profile.name': 'Bea', 'profile.timezone': 'Europe/Berlin' });
  await page.goto(`${web.url}/#/record`);
  await page.getByLabel('Use synthetic source (demo)').check();
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByTestId('elapsed')).toHaveText(/^0:0[1-9]$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel recording' }).click();
  await expect(page.getByRole('button', { name: 'Start recording' })).toBeVisible();
  const status = (await call(page, web, 'recorder:status')) as { state: string };
  expect(status.state).toBe('idle');
  const list = (await call(page, web, 'clips:list', {})) as { total: number };
  expect(list.total).toBe(0);
});
