import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { cli, signIn } from '../support/ui-flow';
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
  await expect(page.getByTestId('inbox-empty')).toBeVisible();
  const result = await page.evaluate(async () => {
    const key = localStorage.getItem('handoff.sessionKey') ?? '';
    const res = await fetch('/api/clips:list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-handoff-key': key }, body: '{"limit":"many"}' });
    return { status: res.status, body: await res.json() };
  });
  expect(result.status).toBe(400);
  expect(result.body).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
});

test('the session cookie is a secret of its own: alone it opens no call, and the token is not in it', async ({ page, context }) => {
  await page.goto(web.launchUrl);
  await expect(page.getByTestId('inbox-empty')).toBeVisible();
  // The page key moved from the address bar into this origin's storage.
  expect(page.url()).not.toContain('session-key=');
  const key = await page.evaluate(() => localStorage.getItem('handoff.sessionKey'));
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const cookies = await context.cookies(web.url);
  expect(cookies.map((cookie) => cookie.name)).toEqual(['handoff_session']);
  const [session] = cookies;
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(session.value).not.toBe(web.token);
  expect(session.value).not.toContain(web.token);

  // What any other server on 127.0.0.1 that this browser visits receives is the cookie; with it alone (a request from
  // the same cookie jar, as a script holding it would send), calls are refused, also when it poses as a Bearer token.
  const cookieOnly = await context.request.post(`${web.url}/api/settings:get`, { data: {} });
  expect(cookieOnly.status()).toBe(401);
  const asBearer = await context.request.post(`${web.url}/api/settings:get`, { data: {}, headers: { authorization: `Bearer ${session.value}` } });
  expect(asBearer.status()).toBe(401);
  // Another server on 127.0.0.1, on another port, visited by the same browser: it does receive the cookie (browsers
  // do not isolate cookies by port), but not the key, and replaying the cookie gets it nothing.
  let received = '';
  const other = http.createServer((req, res) => {
    received = req.headers.cookie ?? '';
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>other local server</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherUrl = `http://127.0.0.1:${(other.address() as import('node:net').AddressInfo).port}/`;
  const otherPage = await context.newPage();
  await otherPage.goto(otherUrl);
  expect(received).toContain(`handoff_session=${session.value}`);
  expect(await otherPage.evaluate(() => localStorage.getItem('handoff.sessionKey'))).toBeNull();
  const replay = await new Promise<number>((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port: web.port, method: 'POST', path: '/api/settings:get', headers: { cookie: received, origin: web.url, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject)
      .end('{}');
  });
  expect(replay).toBe(401);
  await otherPage.close();
  await new Promise((resolve) => other.close(resolve));

  // The page itself keeps working after a reload, with the key from its storage.
  await page.reload();
  await expect(page.getByTestId('inbox-empty')).toBeVisible();
  const settings = await page.evaluate(async (pageKey) => {
    const res = await fetch('/api/settings:get', { method: 'POST', headers: { 'content-type': 'application/json', 'x-handoff-key': pageKey ?? '' }, body: '{}' });
    return res.status;
  }, key);
  expect(settings).toBe(200);
});

test('media play with the page key: the video and its thumbnail load, and the cookie alone gets none', async ({ page, context }) => {
  const file = path.join(web.dataDir, 'talk.mp4');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file]);
  const id = (JSON.parse(cli(web.dataDir, ['--json', 'import', file, '--title', 'Keyed media', '--author', 'Ana', '--timezone', 'Europe/Berlin'])) as { clip: { id: string } }).clip.id;
  await signIn(page, web);
  await page.goto(`${web.url}/#/clip/${id}`);
  const video = page.getByTestId('player').locator('video');
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1);
  expect(await video.evaluate((v) => (v as HTMLVideoElement).duration)).toBeGreaterThan(1.5);
  await page.goto(`${web.url}/#/inbox`);
  const thumb = page.locator('img.thumb').first();
  await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // The same media URL without the key, with the session cookie of this browser: refused.
  expect((await context.request.get(`${web.url}/media/${id}/video.mp4`)).status()).toBe(401);
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
