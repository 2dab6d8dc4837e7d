// Every screen and state, light and dark, at 1280×800 and 800×600, compared pixel for pixel with the committed
// baselines (toHaveScreenshot), and checked by axe with zero violations allowed. The scene is fixed (ui-scene.ts):
// data, the core's clock (HANDOFF_FIXED_NOW), the browser's clock, locale, zone and fonts (DejaVu, installed by
// .ci/run), so a difference is a change in the UI. A last test breaks the layout on purpose and shows the comparison
// fails. Update the baselines after a deliberate UI change: npx playwright test tests/e2e/ui-screenshots.spec.ts -u
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fixBrowserClock, NOW, startScene, type SceneScreen } from '../support/ui-scene';
import { startShareHarness } from '../support/share-harness';
import { hasFfmpeg, makeTestClip } from '../support/test-clip';
import type { WebMode } from '../support/web-mode';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
test.setTimeout(300_000);

let web: WebMode & { setProfile(): Promise<void> };
test.beforeAll(async () => {
  web = await startScene('main');
  await web.setProfile();
});
test.afterAll(async () => {
  await web?.stop();
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

const heading = (name: string | RegExp) => (p: Page) => expect(p.getByRole('heading', { level: 1, name })).toBeVisible();
const noLoading = async (p: Page) => {
  // Nothing on screen still says it is loading ("Loading…", "Looking for replies…").
  await expect(p.getByRole('status').filter({ hasText: /Loading|Looking/ })).toHaveCount(0);
};

const SCREENS: SceneScreen[] = [
  {
    name: 'inbox',
    hash: '#/inbox',
    ready: async (p) => {
      await expect(p.getByTestId('inbox-list').getByTestId('inbox-row').first()).toBeVisible();
      await expect(p.getByTestId('row-counts').first()).toBeVisible();
    },
  },
  {
    // The workday list itself (headers and rows), scrolled to: at 800 px this is where due dates were cut.
    name: 'inbox-workdays',
    hash: '#/inbox',
    ready: (p) => expect(p.getByTestId('inbox-list').getByTestId('workday-header').first()).toBeVisible(),
    act: async (p) => {
      await p.getByRole('heading', { name: 'Updates by workday' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await expect(p.getByTestId('inbox-list').getByTestId('inbox-row').first()).toBeInViewport();
    },
  },
  { name: 'inbox-filtered', hash: '#/inbox?person=Taro%20Sato', ready: (p) => expect(p.getByTestId('inbox-list').getByTestId('inbox-row')).toHaveCount(2) },
  {
    name: 'clip-teammate',
    hash: '#/clip/scene-taro-release',
    ready: async (p) => {
      await heading('Release plan walkthrough')(p);
      await expect(p.getByTestId('reaction-markers').getByRole('button')).toHaveCount(4);
      // A teammate's video that never came in (lazy media, no workspace in the scene): said, not a broken player.
      await expect(p.getByRole('alert').filter({ hasText: 'Video unavailable' })).toBeVisible();
    },
  },
  {
    name: 'clip-own',
    hash: '#/clip/scene-dana-budget',
    ready: async (p) => {
      await heading(/Q1 budget proposal/)(p);
      await expect(p.getByRole('button', { name: 'Delete' })).toBeVisible();
    },
  },
  {
    name: 'clip-delete-dialog',
    hash: '#/clip/scene-dana-budget',
    ready: heading(/Q1 budget proposal/),
    act: async (p) => {
      await p.getByRole('button', { name: 'Delete' }).click();
      await expect(p.getByRole('dialog', { name: 'Delete this update?' })).toBeVisible();
    },
  },
  { name: 'search', hash: '#/search?q=release', ready: (p) => expect(p.getByTestId('search-hit').first()).toBeVisible() },
  { name: 'record', hash: '#/record', ready: (p) => expect(p.getByRole('button', { name: 'Start recording' })).toBeVisible() },
  {
    name: 'record-countdown',
    hash: '#/record',
    frozenClock: true,
    ready: (p) => expect(p.getByRole('button', { name: 'Start recording' })).toBeEnabled(),
    act: async (p) => {
      await p.getByRole('button', { name: 'Start recording' }).click();
      await expect(p.getByRole('timer')).toHaveText('3');
    },
  },
  { name: 'settings', hash: '#/settings', ready: (p) => expect(p.getByRole('region', { name: 'Profile' })).toBeVisible() },
  { name: 'decisions', hash: '#/decisions', ready: (p) => expect(p.getByText('Ship 2.4 on 3 December behind a flag')).toBeVisible() },
  { name: 'overlap', hash: '#/overlap', ready: heading('Overlap') },
  { name: 'not-found', hash: '#/nowhere', ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible() },
  {
    name: 'shortcuts',
    hash: '#/inbox',
    ready: (p) => expect(p.getByTestId('inbox-list').getByTestId('inbox-row').first()).toBeVisible(),
    act: async (p) => {
      await p.keyboard.press('?');
      await expect(p.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    },
  },
  { name: 'countdown-window', hash: '#/countdown?from=3', frozenClock: true, ready: (p) => expect(p.getByTestId('countdown')).toHaveText('3') },
  { name: 'hud-window', hash: '#/hud', ready: (p) => expect(p.locator('.hud')).toBeVisible() },
];

async function open(page: Page, screen: Pick<SceneScreen, 'hash' | 'ready' | 'act'>, server: WebMode = web) {
  // A full load each time (not a hash change), so each screen starts from the same state.
  await page.goto('about:blank');
  await page.goto(`${server.url}/${screen.hash}`);
  await screen.ready(page);
  await noLoading(page);
  await screen.act?.(page);
  await page.waitForLoadState('networkidle');
}

async function noViolations(page: Page, label: string, frozenClock = false) {
  const analysis = new AxeBuilder({ page }).analyze();
  // Under a paused clock axe's own timers wait too: let time creep forward a few ms at a time (a countdown's next
  // second is 1000 ms away, so the screen checked is the screen shot).
  let done = false;
  void analysis.finally(() => (done = true)).catch(() => undefined);
  // (axe opens and closes a blank page of its own meanwhile: a tick that lands on it as it closes is retried.)
  while (frozenClock && !done) await page.clock.runFor(2).catch(() => undefined);
  const results = await analysis;
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${label}`).toEqual([]);
}

/** What differs per run by nature: the video's decoded frame, the share server's free port. */
const masks = (page: Page) => [page.locator('video'), page.getByTestId('share-server-status')];
const shot = (page: Page, name: string) =>
  expect(page).toHaveScreenshot(`${name}.png`, { mask: masks(page), maxDiffPixelRatio: 0.002, animations: 'disabled', caret: 'hide' });

test('first run, light and dark, both sizes', async ({ page }) => {
  // The welcome panel as a new user sees it: the same scene, no profile yet.
  const fresh = await startScene('first-run');
  await fixBrowserClock(page);
  await page.goto(fresh.launchUrl);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await open(page, { hash: '#/inbox', ready: (p) => expect(p.getByTestId('first-run')).toBeVisible() }, fresh);
      await shot(page, `first-run-${scheme}-${size.width}`);
      await noViolations(page, `first-run ${scheme} ${size.width}`);
    }
  }
  await fresh.stop();
});

for (const screen of SCREENS) {
  test(`${screen.name}, light and dark, both sizes`, async ({ page }) => {
    await fixBrowserClock(page, screen.frozenClock);
    await page.goto(web.launchUrl);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await open(page, screen);
        await shot(page, `${screen.name}-${scheme}-${size.width}`);
        await noViolations(page, `${screen.name} ${scheme} ${size.width}`, screen.frozenClock);
      }
    }
  });
}

test('the share page, light and dark, both sizes', async ({ page }) => {
  test.skip(!hasFfmpeg(), 'ffmpeg is needed to make the test clip');
  const h = await startShareHarness({ clock: () => new Date(NOW) });
  try {
    const clip = makeTestClip(h.core.db, h.core.paths.clipsDir, { dueAt: new Date(Date.parse(NOW) + 20 * 3_600_000) });
    const { url } = await h.call('share:create', { clipId: clip.clip.id });
    await fixBrowserClock(page);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await shot(page, `share-page-${scheme}-${size.width}`);
        await noViolations(page, `share page ${scheme} ${size.width}`);
      }
    }
  } finally {
    await h.close();
  }
});

test('a deliberate CSS break fails the comparison', async ({ page }) => {
  test.skip(test.info().config.updateSnapshots === 'all', 'while baselines are being rewritten there is nothing to compare with');
  await fixBrowserClock(page);
  await page.goto(web.launchUrl);
  await page.setViewportSize(SIZES[0]);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await open(page, SCREENS[0]);
  await shot(page, 'inbox-light-1280');
  // The kind of slip a stylesheet change makes: the sidebar 40 px wider (CSSOM, which the page's CSP allows).
  await page.locator('.app').evaluate((el: HTMLElement) => el.style.setProperty('grid-template-columns', '15.5rem minmax(0, 1fr)'));
  let failed = false;
  try {
    await expect(page).toHaveScreenshot('inbox-light-1280.png', { mask: masks(page), maxDiffPixelRatio: 0.002, timeout: 3_000 });
  } catch {
    failed = true;
  }
  expect(failed, 'the broken layout must not match the baseline').toBe(true);
});
