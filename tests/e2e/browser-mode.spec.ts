import http from 'node:http';
import { expect, test } from '@playwright/test';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode;
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
});

test('opens browser mode with its token and shows the empty inbox', async ({ page }) => {
  await page.goto(web.launchUrl);
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(page.getByTestId('inbox-empty')).toContainText('No updates yet');
  // The token left the address bar: it was traded for a cookie.
  expect(page.url()).not.toContain('token=');
});

test('events reach the page over the WebSocket', async ({ page }) => {
  await page.goto(web.launchUrl);
  await expect(page.getByTestId('inbox-empty')).toBeVisible();
  // A change made elsewhere (here, another client of the same contract) shows up without a reload.
  const response = await page.request.post(`${web.url}/api/settings:set`, {
    data: { values: { 'profile.name': 'Dana' } },
    headers: { authorization: `Bearer ${web.token}` },
  });
  expect(response.ok()).toBe(true);
  await expect(page.getByTestId('greeting')).toHaveText('Signed in as Dana');
});

test('a malformed call from the page gets a typed error', async ({ page }) => {
  await page.goto(web.launchUrl);
  const result = await page.evaluate(async () => {
    const res = await fetch('/api/clips:list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"limit":"many"}' });
    return { status: res.status, body: await res.json() };
  });
  expect(result.status).toBe(400);
  expect(result.body).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
});

test('refuses a browser without the token, and a request with a foreign Host', async ({ browser }) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const response = await page.goto(web.url + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('Unauthorized');
  await stranger.close();

  // Browsers will not send a forged Host header, so a rebinding attack is simulated with a raw request.
  const status = await new Promise<number>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: web.port, path: `/?token=${web.token}`, headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
  expect(status).toBe(403);
});
