// Browser mode with notifications allowed: when a sync brings a teammate's update, the page shows one notification
// through the Web Notifications API, and clicking it opens the update. The Notification constructor is wrapped only
// to see what the page showed (headless Chromium has no notification center to look at).
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDir } from '../support/temp-core';
import { call, cli, signIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';
import { makeTinyMp4 } from '../support/workspace-helpers';

const folders: { remove(): void }[] = [];
const webs: WebMode[] = [];
test.afterEach(async () => {
  for (const web of webs.splice(0)) await web.stop();
  for (const folder of folders.splice(0)) folder.remove();
});

test('a teammate’s synced update shows one browser notification that opens it', async ({ browser }) => {
  const shared = tempDir('handoff-shared-');
  const bea = tempDir('handoff-bea-');
  const taro = tempDir('handoff-taro-');
  folders.push(shared, bea, taro);
  for (const [dir, name, zone] of [[bea.dir, 'Bea', 'Europe/Berlin'], [taro.dir, 'Taro', 'Asia/Tokyo']]) {
    cli(dir, ['workspace', 'use-folder', shared.dir]);
    cli(dir, ['profile', '--name', name, '--timezone', zone]);
  }
  const web = await startWebMode({ dataDir: taro.dir });
  webs.push(web);
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  await context.grantPermissions(['notifications'], { origin: web.url });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const shown: { title: string; body: string; tag: string }[] = [];
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
        (window as unknown as { lastNotification: Notification }).lastNotification = this;
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded });
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
  });
  await signIn(page, web);
  await page.goto(`${web.url}/#/settings`);
  await expect(page.getByTestId('notification-permission')).toHaveText(/shows Handoff’s notifications/);
  await page.goto(`${web.url}/#/inbox`);

  const video = makeTinyMp4(path.join(bea.dir, 'standup.mp4'), 2);
  const imported = JSON.parse(cli(bea.dir, ['--json', 'import', video, '--title', 'Berlin standup'])) as { clip: { id: string } };
  cli(bea.dir, ['publish', imported.clip.id]);
  await call(page, web, 'sync:run', {});

  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications);
  await expect.poll(shown, { timeout: 20_000 }).toEqual([expect.objectContaining({ title: 'New update from Bea', body: 'Berlin standup' })]);

  await page.evaluate(() => (window as unknown as { lastNotification: Notification }).lastNotification.onclick?.(new Event('click')));
  await expect(page.getByRole('heading', { level: 1, name: 'Berlin standup' })).toBeVisible();
});
