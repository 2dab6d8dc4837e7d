import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cli } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

async function settings(page: Page) {
  const response = await page.request.post(`${web.url}/api/settings:get`, { data: {}, headers: { authorization: `Bearer ${web.token}` } });
  return (await response.json()).value as Record<string, unknown>;
}

test.describe('first run', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('saves name, detected timezone (changed) and working hours, and does not come back', async ({ page }) => {
    await page.goto(web.launchUrl);
    const welcome = page.getByTestId('first-run');
    await expect(welcome.getByRole('heading', { name: 'Welcome to Handoff' })).toBeVisible();
    await welcome.getByRole('button', { name: 'Next' }).click();
    await expect(welcome.getByRole('alert')).toContainText('Enter your name');
    await welcome.getByLabel('Your name').fill('Dana');

    const tz = welcome.getByLabel('Your timezone');
    await expect(tz).toHaveValue('Asia/Tokyo'); // detected from the system
    await tz.fill('Mars/Olympus');
    await welcome.getByRole('button', { name: 'Next' }).click();
    await expect(welcome.getByRole('alert')).toContainText('Pick a timezone');
    await tz.fill('America/St_Johns');
    await expect(welcome.getByText(/It is \d\d:\d\d there now/)).toBeVisible();
    await welcome.getByRole('button', { name: 'Next' }).click();

    await welcome.getByLabel('Start').fill('08:30');
    await welcome.getByLabel('End').fill('16:30');
    // Workdays: Monday to Friday until changed; a Sunday-to-Thursday week here.
    const days = welcome.getByRole('group', { name: 'Your workdays' });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await expect(days.getByLabel(day)).toBeChecked();
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await days.getByLabel(day).uncheck();
    await welcome.getByRole('button', { name: 'Next' }).click();
    await expect(welcome.getByRole('alert')).toContainText('Pick at least one workday');
    for (const day of ['Sun', 'Mon', 'Tue', 'Wed', 'Thu']) await days.getByLabel(day).check();
    await welcome.getByRole('button', { name: 'Next' }).click();

    // The team workspace: a folder that does not exist is created only once confirmed; joining writes my people/ file.
    const team = path.join(web.dataDir, 'team-folder');
    await welcome.getByLabel(/^Team workspace folder/).fill(team);
    await welcome.getByRole('button', { name: 'Join and finish' }).click();
    await expect(welcome.getByTestId('first-run-confirm-create')).toContainText('does not exist');
    expect(existsSync(team)).toBe(false);
    await welcome.getByRole('button', { name: 'Create it and join' }).click();
    await expect(welcome).toBeHidden();
    await expect(page.getByTestId('greeting')).toHaveText('Signed in as Dana');
    expect(await settings(page)).toMatchObject({
      'profile.name': 'Dana',
      'profile.timezone': 'America/St_Johns',
      'profile.workingHours': '08:30-16:30',
      'profile.workdays': 'sun-thu',
      'ui.onboarded': true,
      'workspace.folder': team,
    });
    expect(readdirSync(path.join(team, 'people'))).toHaveLength(1);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
    await expect(page.getByTestId('first-run')).toHaveCount(0);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByLabel('Name')).toHaveValue('Dana');
    await expect(page.getByLabel('Timezone')).toHaveValue('America/St_Johns');
  });

  test('is not shown when the profile was already set (from the CLI)', async ({ page }) => {
    cli(web.dataDir, ['profile', '--name', 'Ana', '--timezone', 'Europe/Berlin']);
    await page.goto(web.launchUrl);
    await expect(page.getByTestId('greeting')).toHaveText('Signed in as Ana');
    await expect(page.getByTestId('first-run')).toHaveCount(0);
  });

  test('can be skipped, leaving the profile empty, and the inbox usable', async ({ page }) => {
    await page.goto(web.launchUrl);
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expect(page.getByTestId('first-run')).toHaveCount(0);
    await expect(page.getByTestId('inbox-empty')).toContainText('No updates yet');
    expect(await settings(page)).toMatchObject({ 'profile.name': '', 'ui.onboarded': true });
    await page.reload();
    await expect(page.getByTestId('inbox-empty')).toBeVisible();
    await expect(page.getByTestId('first-run')).toHaveCount(0);
  });
});

test('keyboard: skip link, every nav item reachable, focus visible and moved to the new screen', async ({ page }) => {
  await page.goto(web.launchUrl);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await page.reload(); // focus starts at the top of the document
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  for (const name of ['Inbox', 'Search', 'Decisions', 'Overlap', 'Record', 'Settings']) {
    await page.keyboard.press('Tab');
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
    await expect(link).toBeFocused();
    // Focus is visible: an outline is drawn on the focused link.
    // (the e2e files are type-checked without the DOM lib, hence the cast)
    const style = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(el).outlineStyle;
    expect(await link.evaluate(style)).not.toBe('none');
  }
  await page.keyboard.press('Enter'); // on Settings
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');

  // The skip link moves focus past the navigation into the content, without changing the route.
  await page.goto(`${web.url}/#/record`);
  await page.reload();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page).toHaveURL(/#\/record$/);
});

test('an unknown address shows the error state with a way back', async ({ page }) => {
  await page.goto(web.launchUrl);
  await page.goto(`${web.url}/#/nowhere`);
  await expect(page.getByTestId('error-state')).toContainText('There is no such page');
  await page.getByRole('link', { name: 'Go to the inbox' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
});

test('settings: the profile saves, and a bad timezone is refused with a message', async ({ page }) => {
  await page.goto(web.launchUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('region', { name: 'Profile' });
  await form.getByLabel('Name').fill('Kai');
  await form.getByLabel('Timezone').fill('Nowhere/Atlantis');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(form.getByRole('status')).toHaveText('Pick a timezone from the list.');
  await form.getByLabel('Timezone').fill('Pacific/Chatham');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  expect(await settings(page)).toMatchObject({ 'profile.name': 'Kai', 'profile.timezone': 'Pacific/Chatham' });
});

test('settings: recording defaults save and are what the next recording starts from', async ({ page }) => {
  await page.goto(web.launchUrl);
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('region', { name: 'Recording defaults' });
  await form.getByLabel('Frame rate').selectOption('24');
  await form.getByLabel('Resolution cap').selectOption('720');
  await form.getByLabel('Camera bubble corner').selectOption('top-left');
  await form.getByRole('button', { name: 'Save recording defaults' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  expect(await settings(page)).toMatchObject({ 'recording.fps': 24, 'recording.maxHeight': 720, 'recording.bubbleCorner': 'top-left' });
});
