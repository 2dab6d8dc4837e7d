import { expect, test } from '@playwright/test';
import { manyClips, startWebModeWith } from '../support/ui-library';
import type { WebMode } from '../support/web-mode';

const COUNT = 3000;
let web: WebMode;
test.beforeAll(async () => {
  web = await startWebModeWith(manyClips(COUNT));
});
test.afterAll(async () => {
  await web.stop();
});

test(`${COUNT} clips: all pages load, the last row is reachable by scrolling, and the DOM holds only what is on screen`, async ({ page }) => {
  await page.request.post(`${web.url}/api/settings:set`, {
    data: { values: { 'profile.name': 'Dana', 'profile.timezone': 'Europe/Berlin', 'ui.onboarded': true } },
    headers: { authorization: `Bearer ${web.token}` },
  });
  await page.goto(web.launchUrl);
  const rows = page.getByTestId('inbox-list').getByTestId('inbox-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText('Loading more…')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(60);

  const items = page.getByTestId('inbox-list').getByRole('listitem');
  const setSize = Number(await items.first().getAttribute('aria-setsize'));
  expect(setSize).toBeGreaterThan(COUNT); // every clip plus one header per workday

  await page.keyboard.press('End');
  // The very last row of the whole set is rendered and on screen, and still only a screenful is in the DOM.
  const last = page.locator(`[role="listitem"][aria-posinset="${setSize}"]`);
  await expect(last).toBeInViewport();
  expect(await rows.count()).toBeLessThan(60);
});
