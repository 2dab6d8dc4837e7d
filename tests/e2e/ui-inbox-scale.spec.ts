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

// The inbox reads a page of workdays at a time (issue 19): 3000 clips at one every 7 minutes are ~15 workdays, so the
// first page holds about half of them and scrolling to the end loads the older pages by itself.
test(`${COUNT} clips: older workdays load as you scroll, the last row is reachable, and the DOM holds only what is on screen`, async ({ page }) => {
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
  const firstPage = Number(await items.first().getAttribute('aria-setsize'));
  expect(firstPage).toBeLessThan(COUNT); // a page, not the library
  await expect(page.getByTestId('inbox-end')).toHaveCount(0);

  // Scrolling to the end asks for older workdays until there are none.
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(page.getByTestId('inbox-end')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const setSize = Number(await items.first().getAttribute('aria-setsize'));
  expect(setSize).toBeGreaterThan(COUNT); // every clip plus one header per workday

  await page.keyboard.press('End');
  // The very last row of the whole set is rendered and on screen, and still only a screenful is in the DOM.
  const last = page.locator(`[role="listitem"][aria-posinset="${setSize}"]`);
  await expect(last).toBeInViewport();
  expect(await rows.count()).toBeLessThan(60);
});
