// Issue 16 end to end in Chromium through browser mode: the link is on the clipboard within two clicks of Stop; a
// recording left after Stop is a draft, completed and published from its clip page; Ben comments at 0:02 and Ana sees
// it on her timeline after sync; Ben's decision clears the ask from his "Needs your reply"; a taken share port is a
// clear error in the UI and no link is copied, and a new port applies at once.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { tempDir } from '../support/temp-core';
import { call, cli, recordAndPublish, signIn, teammate } from '../support/ui-flow';
import { freePort, startWebMode, type WebMode } from '../support/web-mode';

const folders: { remove(): void }[] = [];
const webs: WebMode[] = [];
const servers: Server[] = [];
test.afterEach(async () => {
  for (const web of webs.splice(0)) await web.stop();
  for (const folder of folders.splice(0)) folder.remove();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

const shots = (name: string) => path.join('test-results', 'screenshots', `team-${name}.png`);

async function recordUntilStopped(page: Page, web: WebMode): Promise<void> {
  await page.goto(`${web.url}/#/record`);
  await page.getByLabel('Use synthetic source (demo)').check();
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByTestId('elapsed')).toHaveText(/^0:0[2-9]$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
}

test('Stop, then Copy: the link is on the clipboard; a recording left after Stop is a draft published from its page', async ({ browser }) => {
  const web = await startWebMode();
  webs.push(web);
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
  const page = await context.newPage();
  await signIn(page, web, { 'profile.name': 'Ana', 'profile.timezone': 'Europe/Berlin' });

  await recordUntilStopped(page, web); // click 1: Stop
  const url = page.getByTestId('quick-link-url');
  await expect(url).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{22,}$/, { timeout: 30_000 });
  await expect(page.getByTestId('quick-link')).toContainText('Works on this computer only');
  await page.getByRole('button', { name: 'Copy link', exact: true }).click(); // click 2: Copy
  await expect(page.getByTestId('quick-link-status')).toHaveText('Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await url.textContent());
  // The link works at once, before publishing.
  expect((await page.request.get(copied)).status()).toBe(200);
  await page.screenshot({ path: shots('after-stop'), fullPage: true });

  // Leave without publishing: the recording is a draft, listed apart in the inbox.
  await page.goto(`${web.url}/#/inbox`);
  const drafts = page.getByTestId('drafts');
  await expect(drafts).toContainText('Your drafts (1)');
  await page.screenshot({ path: shots('inbox-drafts'), fullPage: true });
  await drafts.getByTestId('inbox-row').click();
  await expect(page.getByTestId('draft-badge')).toBeVisible();
  const panel = page.getByTestId('draft-panel');
  await panel.getByLabel('Ask or decision').fill('Is the pelican chart right?');
  await panel.getByLabel('Urgency').selectOption('reply-needed');
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await page.screenshot({ path: shots('draft-page'), fullPage: true });
  await panel.getByRole('button', { name: 'Publish and copy link' }).click();
  await expect(page.getByTestId('draft-badge')).toHaveCount(0, { timeout: 30_000 });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  // No title was typed: the update is named after its weekday and time.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Update, \w+day \d{2}:\d{2}$/);
  await expect(page.locator('.clip-ask')).toContainText('Is the pelican chart right?');
  await page.goto(`${web.url}/#/inbox`);
  await expect(page.getByTestId('inbox-list').getByTestId('inbox-row')).toHaveCount(1);
  await expect(page.getByTestId('drafts')).toHaveCount(0);
});

const person = (browser: Browser, shared: string, name: string, timezone: string) => teammate(browser, shared, name, timezone, { folders, webs });

test('Ben comments at 0:02 and Ana sees it on her timeline; Ben’s decision clears his “Needs your reply”', async ({ browser }) => {
  const shared = tempDir('handoff-shared-');
  folders.push(shared);
  const ana = await person(browser, shared.dir, 'Ana', 'Europe/Berlin');
  const ben = await person(browser, shared.dir, 'Ben', 'America/New_York');
  const id = await recordAndPublish(ana.page, ana.web, { title: 'Pelican rollout', ask: 'Ship the pelicans on Monday?', urgency: 'reply-needed', seconds: 4 });

  await call(ben.page, ben.web, 'sync:run', {});
  await ben.page.goto(`${ben.web.url}/#/inbox`);
  const needs = ben.page.getByTestId('needs-reply');
  await expect(needs.locator(`[data-clip-id="${id}"]`)).toContainText('Pelican rollout');
  await needs.locator(`[data-clip-id="${id}"]`).click();
  await expect(ben.page.getByRole('heading', { level: 1, name: 'Pelican rollout' })).toBeVisible();
  // A teammate's update offers no Rename or Delete.
  await expect(ben.page.getByRole('group', { name: 'Update actions' })).toHaveCount(0);
  const video = ben.page.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThan(0);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 2;
  });
  const comments = ben.page.getByTestId('comments');
  await expect(comments.getByRole('button', { name: 'Mark done' })).toBeVisible();
  await comments.getByLabel('Add a comment').fill('The chart at this point needs https://example.com/data');
  await comments.getByLabel('At 0:02 in the video').check();
  await comments.getByRole('button', { name: 'Add comment' }).click();
  await expect(comments.getByTestId('comment')).toContainText('The chart at this point needs');
  await expect(comments.getByRole('link', { name: 'https://example.com/data' })).toHaveAttribute('href', 'https://example.com/data');
  await expect(comments.getByRole('button', { name: 'at 0:02' })).toBeVisible();
  // The comment answers the ask already: no "Mark done" any more.
  await expect(comments.getByTestId('answered')).toBeVisible();
  await ben.page.screenshot({ path: shots('ben-comment'), fullPage: true });

  // The comment alone answers the ask too; the decision is what the test asks for, so check the inbox after it.
  await ben.page.getByLabel('Record a decision').fill('Ship on Monday');
  await ben.page.getByRole('button', { name: 'Add decision' }).click();
  await expect(ben.page.locator('.clip-decisions')).toContainText('Ship on Monday');
  await ben.page.goto(`${ben.web.url}/#/inbox`);
  await expect(ben.page.getByTestId('inbox-list').locator(`[data-clip-id="${id}"]`)).toContainText('Pelican rollout');
  await expect(ben.page.getByTestId('needs-reply')).toHaveCount(0);

  await ana.page.goto(`${ana.web.url}/#/clip/${id}`);
  await expect(ana.page.getByRole('heading', { level: 1, name: 'Pelican rollout' })).toBeVisible();
  await call(ana.page, ana.web, 'sync:run', {});
  const marker = ana.page.getByTestId('reaction-markers').getByRole('button', { name: /^Ben commented at 0:02: The chart at this point/ });
  await expect(marker).toBeVisible();
  await expect(ana.page.getByTestId('comments').getByTestId('comment')).toContainText('Ben');
  // Ana answers in the thread.
  await ana.page.getByTestId('comments').getByRole('button', { name: 'Reply' }).click();
  await ana.page.getByLabel('Reply to Ben').fill('Updated the data, thanks');
  await ana.page.getByRole('button', { name: 'Send reply' }).click();
  await expect(ana.page.getByRole('list', { name: 'Replies to Ben' })).toContainText('Updated the data, thanks');
  await ana.page.screenshot({ path: shots('ana-timeline'), fullPage: true });
});

test('a taken share port is a clear error in the UI and nothing is copied; a new port applies at once', async ({ browser }) => {
  const taken = createServer((socket) => socket.resume());
  servers.push(taken);
  const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
  const web = await startWebMode({ sharePort: port });
  webs.push(web);
  const media = tempDir('handoff-media-');
  folders.push(media);
  const file = path.join(media.dir, 'clip.mp4');
  const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=3', '-f', 'lavfi', '-i', 'sine=duration=3', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file]);
  expect(made.status, String(made.stderr)).toBe(0);
  const id = (JSON.parse(cli(web.dataDir, ['--json', 'import', file, '--title', 'Port test', '--author', 'Ana'])) as { clip: { id: string } }).clip.id;

  const context = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
  const page = await context.newPage();
  await signIn(page, web, { 'profile.name': 'Ana', 'profile.timezone': 'Europe/Berlin' });
  await page.goto(`${web.url}/#/clip/${id}`);
  const server = page.getByTestId('share-server-status');
  await expect(server).toHaveAttribute('data-state', 'failed');
  await expect(server).toContainText(`The share server is not running: port ${port} is already in use by another program`);
  await page.evaluate(() => navigator.clipboard.writeText('nothing copied'));
  await page.getByRole('button', { name: 'Create and copy link' }).click();
  await expect(page.getByTestId('share-panel').getByRole('alert').filter({ hasText: 'No share server answers for this link' })).toBeVisible();
  await expect(page.getByTestId('share-status')).toHaveText('');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('nothing copied');
  await expect(page.getByTestId('share-link').first()).toContainText('revoked');
  await page.screenshot({ path: shots('port-taken'), fullPage: true });

  // A free port in Settings: the server moves there without a restart.
  const free = await freePort();
  await page.goto(`${web.url}/#/settings`);
  const sharing = page.getByRole('region', { name: 'Sharing and shortcuts' });
  await sharing.getByLabel('Share server port').fill(String(free));
  await sharing.getByRole('button', { name: 'Save' }).click();
  await expect(sharing.getByTestId('share-server-status')).toHaveAttribute('data-state', 'running');
  await expect(sharing.getByTestId('share-server-status')).toContainText(`running on port ${free}`);
  await page.screenshot({ path: shots('settings-port-moved'), fullPage: true });
  await page.goto(`${web.url}/#/clip/${id}`);
  await page.getByRole('button', { name: 'Create and copy link' }).click();
  await expect(page.getByTestId('share-status')).toHaveText('Link created and copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${free}/`));
  expect((await page.request.get(copied)).status()).toBe(200);
});
