// Two people, two data folders, one shared workspace folder: Bea in Berlin publishes, Taro in Tokyo sees it in
// Berlin's workday with both local times under "Needs your reply", reacts at 0:03, and Bea sees the reaction.
import { expect, test, type Browser } from '@playwright/test';
import { tempDir } from '../support/temp-core';
import { call, recordAndPublish, teammate, tomorrowAtTen, workdayIn } from '../support/ui-flow';
import type { WebMode } from '../support/web-mode';

const folders: { remove(): void }[] = [];
const webs: WebMode[] = [];
test.afterEach(async () => {
  for (const web of webs.splice(0)) await web.stop();
  for (const folder of folders.splice(0)) folder.remove();
});

const person = (browser: Browser, shared: string, name: string, timezone: string) => teammate(browser, shared, name, timezone, { folders, webs });

test('Tokyo sees the Berlin update in Berlin’s workday, and a reaction from Tokyo shows on Berlin’s timeline', async ({ browser }) => {
  const shared = tempDir('handoff-shared-');
  folders.push(shared);
  const berlin = await person(browser, shared.dir, 'Bea', 'Europe/Berlin');
  const tokyo = await person(browser, shared.dir, 'Taro', 'Asia/Tokyo');

  const id = await recordAndPublish(berlin.page, berlin.web, {
    title: 'Berlin handoff for Tokyo',
    ask: 'Please review the rollout before your morning',
    deadlineLocal: tomorrowAtTen('Europe/Berlin'),
    urgency: 'reply-needed',
    seconds: 5,
  });
  const recordedAt = new Date();

  await call(tokyo.page, tokyo.web, 'sync:run', {});
  await tokyo.page.goto(`${tokyo.web.url}/#/inbox`);
  const needs = tokyo.page.getByTestId('needs-reply');
  const row = needs.locator(`[data-clip-id="${id}"]`);
  await expect(row).toContainText('Berlin handoff for Tokyo');
  await expect(row).toContainText('Bea');
  await expect(row).toContainText(/\d{2}:\d{2} their time/);
  await expect(row).toContainText(/\d{2}:\d{2} your time/);
  await expect(tokyo.page.locator(`[data-testid="workday-header"][data-date="${workdayIn('Europe/Berlin', recordedAt)}"]`)).toBeVisible();
  await expect(row.getByRole('img', { name: 'Unread' })).toBeVisible();

  await row.click();
  await expect(tokyo.page.getByRole('heading', { level: 1, name: 'Berlin handoff for Tokyo' })).toBeVisible();
  const video = tokyo.page.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThan(0);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 3;
  });
  await tokyo.page.getByRole('button', { name: 'React 👍 at 0:03' }).click();
  await expect(tokyo.page.getByRole('button', { name: 'Taro reacted 👍 at 0:03' })).toBeVisible();
  // Opening it marked it seen: back in the inbox it is no longer unread.
  await tokyo.page.goto(`${tokyo.web.url}/#/inbox`);
  await expect(row).toContainText('Berlin handoff for Tokyo');
  await expect(row.getByRole('img', { name: 'Unread' })).toHaveCount(0);

  await berlin.page.goto(`${berlin.web.url}/#/clip/${id}`);
  await expect(berlin.page.getByRole('heading', { level: 1, name: 'Berlin handoff for Tokyo' })).toBeVisible();
  // The open clip page refetches when the sync's `sync:finished` event arrives.
  await call(berlin.page, berlin.web, 'sync:run', {});
  await expect(berlin.page.getByTestId('reaction-markers').getByRole('button', { name: 'Taro reacted 👍 at 0:03' })).toBeVisible();
});
