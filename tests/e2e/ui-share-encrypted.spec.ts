// The clip page's share form offers the outside-the-team choices: an end-to-end encrypted link is made from the UI,
// its key is in the copied link's fragment, and on a folder workspace the lasting choice (a bucket's) is not offered.
import { expect, test } from '@playwright/test';
import { longTestVideo } from '../support/long-clip';
import { cli, signIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';
import { hasFfmpeg } from '../support/test-clip';

test.skip(!hasFfmpeg(), 'ffmpeg is needed to make the test clip');

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

test('an encrypted link from the share panel', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
  await signIn(page, web, { 'profile.name': 'Bea', 'profile.timezone': 'Europe/Berlin' });
  const imported = JSON.parse(cli(web.dataDir, ['--json', 'import', '--author', 'Bea', '--timezone', 'Europe/Berlin', longTestVideo()])) as { clip: { id: string } };
  await page.goto(`${web.url}/#/clip/${imported.clip.id}`);
  const panel = page.getByTestId('share-panel');
  await expect(panel.getByLabel(/End-to-end encrypt/)).toBeVisible();
  await expect(panel.getByLabel(/Lasting link/)).toHaveCount(0);
  await panel.getByLabel(/End-to-end encrypt/).check();
  await panel.getByRole('button', { name: 'Create and copy link' }).click();
  await expect(page.getByTestId('share-status')).toHaveText('Link created and copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/#k=[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('share-link').first()).toContainText(copied);
});
