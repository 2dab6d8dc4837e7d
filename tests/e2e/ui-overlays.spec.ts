// The windows the desktop shell opens around a recording, as pages in browser mode: drag a region on the region
// overlay and a real recording of that area starts; the HUD follows it live and stops it; the countdown counts.
import { expect, test } from '@playwright/test';
import { call, signIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';

test.skip(!process.env.DISPLAY, 'needs an X display (DISPLAY) for x11grab; .ci/run starts Xvfb');

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

test('a dragged region starts a recording that the HUD shows and stops', async ({ page, context }) => {
  await signIn(page, web, { 'profile.name': 'Ana', 'profile.timezone': 'Europe/Berlin' });
  await page.goto(`${web.url}/#/region`);
  const overlay = page.getByTestId('region-select');
  await expect(overlay).toBeVisible();
  const before = (await call(page, web, 'clips:list', {})) as { total: number };

  // The HUD in its own window (here a second tab) follows the recorder through events.
  const hud = await context.newPage();
  await hud.goto(`${web.url}/#/hud`);
  await expect(hud.getByTestId('hud-elapsed')).toHaveText('Not recording');
  await expect(hud.getByRole('button', { name: 'Stop' })).toBeDisabled();

  await page.mouse.move(100, 100);
  await page.mouse.down();
  await page.mouse.move(260, 200, { steps: 5 });
  await expect(page.getByText('160 × 100')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByRole('status')).toContainText('Recording 160 × 100', { timeout: 30_000 });

  await expect(hud.getByRole('button', { name: 'Stop' })).toBeEnabled({ timeout: 30_000 });
  await expect(hud.getByTestId('hud-elapsed')).toHaveText(/^0:0[1-9]$/, { timeout: 30_000 });
  await hud.getByRole('button', { name: 'Stop' }).click();
  await expect(hud.getByTestId('hud-elapsed')).toHaveText('Not recording', { timeout: 60_000 });
  expect(((await call(page, web, 'recorder:status', {})) as { state: string }).state).toBe('idle');

  // The recording is a clip of exactly the dragged size (idle comes after the clip row is written).
  const after = (await call(page, web, 'clips:list', {})) as { total: number; clips: { width: number | null; height: number | null }[] };
  expect(after.total).toBe(before.total + 1);
  expect(after.clips[0]).toMatchObject({ width: 160, height: 100 });
});

test('a region too small to record says so instead of starting', async ({ page }) => {
  await signIn(page, web);
  await page.goto(`${web.url}/#/region`);
  await page.mouse.move(50, 50);
  await page.mouse.down();
  await page.mouse.move(55, 300);
  await page.mouse.up();
  await expect(page.getByRole('status')).toContainText('too small');
  expect(((await call(page, web, 'recorder:status', {})) as { state: string }).state).toBe('idle');
});

test('the countdown counts down from the number it is given', async ({ page }) => {
  await signIn(page, web);
  await page.goto(`${web.url}/#/countdown?from=2`);
  await expect(page.getByTestId('countdown')).toHaveText('2');
  await expect(page.getByTestId('countdown')).toHaveText('1');
});
