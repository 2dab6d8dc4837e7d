// The update check is the user's choice: off until they tick it in Settings, and saved through the contract.
import { expect, test } from '@playwright/test';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

test('settings: the update check is off until ticked, then saved', async ({ page }) => {
  const settings = async () =>
    ((await (await page.request.post(`${web.url}/api/settings:get`, { data: {}, headers: { authorization: `Bearer ${web.token}` } })).json()).value as Record<string, unknown>);
  await page.goto(web.launchUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('region', { name: 'Sharing and shortcuts' });
  const box = form.getByLabel(/Check for a new version/);
  await expect(box).not.toBeChecked();
  expect(await settings()).toMatchObject({ 'updates.checkAtStart': false });
  await box.check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  expect(await settings()).toMatchObject({ 'updates.checkAtStart': true });
});
