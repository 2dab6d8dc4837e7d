// Saves every main screen in light and dark under test-results/screenshots/, and checks each one actually rendered
// its content (not a blank page or an error) and that the two schemes differ.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { manyClips, startWebModeWith } from '../support/ui-library';
import { repoRoot, type WebMode } from '../support/web-mode';

const outDir = path.join(repoRoot, 'test-results', 'screenshots');

let web: WebMode;
test.beforeAll(async () => {
  const clips = manyClips(40);
  clips[0] = { ...clips[0], id: 'shot-clip-0001', title: 'Release plan walkthrough', ask: 'Approve the release plan by Friday', urgency: 'urgent', dueAt: new Date(Date.now() + 86_400_000) };
  // The display the machine runs (ENVIRONMENT.md), so the record screen shows its device pickers.
  web = await startWebModeWith(clips, { DISPLAY: process.env.DISPLAY || ':99' });
});
test.afterAll(async () => {
  await web.stop();
});

test.use({ timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 800 } });

const screens: { name: string; hash: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'inbox', hash: '#/inbox', ready: (p) => expect(p.getByTestId('inbox-list').getByTestId('inbox-row').first()).toBeVisible() },
  { name: 'clip', hash: '#/clip/shot-clip-0001', ready: (p) => expect(p.getByRole('heading', { level: 1, name: 'Release plan walkthrough' })).toBeVisible() },
  { name: 'search', hash: '#/search?q=release', ready: (p) => expect(p.getByTestId('search-hit').first()).toBeVisible() },
  { name: 'record', hash: '#/record', ready: (p) => expect(p.getByText(/Start recording|Nothing to record/).first()).toBeVisible() },
  { name: 'settings', hash: '#/settings', ready: (p) => expect(p.getByRole('region', { name: 'Profile' })).toBeVisible() },
  { name: 'decisions', hash: '#/decisions', ready: (p) => expect(p.getByTestId('decisions-empty')).toBeVisible() },
];

test('every main screen, light and dark', async ({ page }) => {
  mkdirSync(outDir, { recursive: true });
  await page.goto(web.launchUrl);
  // First the welcome panel as a new user sees it, then the screens with a profile.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.getByTestId('first-run')).toBeVisible();
    await page.screenshot({ path: path.join(outDir, `first-run-${scheme}.png`) });
  }
  await page.request.post(`${web.url}/api/settings:set`, {
    data: { values: { 'profile.name': 'Dana', 'profile.timezone': 'Europe/Berlin', 'ui.onboarded': true } },
    headers: { authorization: `Bearer ${web.token}` },
  });
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  for (const screen of screens) {
    const backgrounds: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${web.url}/${screen.hash}`);
      await screen.ready(page);
      await expect(page.getByTestId('error-state').filter({ hasText: 'This screen failed' })).toHaveCount(0);
      backgrounds.push(await page.locator('html').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor));
      await page.screenshot({ path: path.join(outDir, `${screen.name}-${scheme}.png`) });
    }
    expect(backgrounds[0], `${screen.name}: dark differs from light`).not.toBe(backgrounds[1]);
  }
});
