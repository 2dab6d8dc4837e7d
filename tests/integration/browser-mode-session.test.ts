// Browser mode against hostile input and a leaked cookie, through the real `handoff web` process: a malformed cookie,
// a bad percent-encoding in a call name or on the event socket must not end the process (issue 20, finding 1), and the
// session cookie is a secret of its own that opens no call, event or media without the page key (finding 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { request } from '../support/raw-http';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode;
beforeAll(async () => {
  web = await startWebMode();
}, 60_000);
afterAll(async () => {
  await web?.stop();
});

const json = { 'content-type': 'application/json' };

async function stillUp() {
  const res = await request(web.port, '/api/settings:get', { method: 'POST', headers: { ...json, authorization: `Bearer ${web.token}` }, body: '{}' });
  expect(res.status).toBe(200);
}

function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', reject);
  });
}

async function launch(): Promise<{ cookie: string; key: string; location: string }> {
  const res = await request(web.port, `/?token=${web.token}`);
  expect(res.status).toBe(302);
  const setCookie = String(res.headers['set-cookie']);
  const location = String(res.headers.location);
  return { cookie: setCookie.split(';')[0], key: new URL(location, web.url).searchParams.get('session-key') ?? '', location };
}

describe('browser mode survives malformed requests', () => {
  it('answers a cookie with bad percent-encoding with 401 and stays up', async () => {
    for (const cookie of ['handoff_session=%', 'handoff_session=%E0%A4%A', 'a=%; handoff_session=%zz']) {
      expect((await request(web.port, '/', { headers: { cookie } })).status, cookie).toBe(401);
      expect(await upgradeStatus('/events', { cookie }), cookie).toBe(401);
    }
    await stillUp();
  });

  it('answers a call name with bad percent-encoding with 400 and stays up', async () => {
    const res = await request(web.port, '/api/%E0%A4%A', { method: 'POST', headers: { ...json, authorization: `Bearer ${web.token}` }, body: '{}' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const media = await request(web.port, '/media/%E0%A4%A/video.mp4', { headers: { authorization: `Bearer ${web.token}` } });
    expect(media.status).toBe(400);
    await stillUp();
  });

  it('finds the real session cookie beside a planted malformed one', async () => {
    const { cookie, key } = await launch();
    const res = await request(web.port, '/api/settings:get', { method: 'POST', headers: { ...json, cookie: `handoff_session=%; ${cookie}`, 'x-handoff-key': key }, body: '{}' });
    expect(res.status).toBe(200);
  });
});

describe('contract inputs from a page (issue 20, finding 6)', () => {
  it('refuses a synthetic source file, a remote X display and a non-https endpoint before anything runs', async () => {
    const call = (channel: string, body: unknown) =>
      request(web.port, `/api/${channel}`, { method: 'POST', headers: { ...json, authorization: `Bearer ${web.token}` }, body: JSON.stringify(body) });
    for (const [channel, body] of [
      ['recorder:start', { synthetic: { file: '/etc/passwd' }, camera: 'synthetic', mic: 'synthetic' }],
      ['recorder:start', { synthetic: { file: 'http://127.0.0.1:1/x.mp4' }, camera: 'synthetic', mic: null }],
      ['recorder:start', { display: 'evil.example:0', mic: null }],
      ['settings:set', { values: { 'workspace.s3.endpoint': 'file:///etc/passwd' } }],
      ['settings:set', { values: { 'transcription.modelBaseUrl': 'http://example.com/models' } }],
      ['workspace:useFolder', { dir: '/tmp/handoff-no-such-folder/created-by-a-page' }],
    ] as const) {
      const res = await call(channel, body);
      expect(res.status, `${channel} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const status = JSON.parse((await call('recorder:status', {})).body.toString());
    expect(status).toMatchObject({ ok: true, value: { state: 'idle' } });
    await stillUp();
  });
});

describe('the session cookie is not the token', () => {
  it('sets a cookie and a page key that are neither the token nor derived from it', async () => {
    const first = await launch();
    const second = await launch();
    const cookieValue = first.cookie.split('=')[1];
    expect(first.cookie).toMatch(/^handoff_session=[A-Za-z0-9_-]{43}$/);
    expect(cookieValue).not.toBe(web.token);
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.key).not.toBe(web.token);
    expect(first.key).not.toBe(cookieValue);
    // Each trade makes new random secrets: nothing in them is a function of the token.
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.key).not.toBe(first.key);
    expect(first.location).not.toContain(web.token);
  });

  it('opens the renderer files to the cookie alone, but no call, event or media', async () => {
    const { cookie, key } = await launch();
    const cookieValue = cookie.split('=')[1];
    expect((await request(web.port, '/', { headers: { cookie } })).status).toBe(200);

    const call = (headers: Record<string, string>) =>
      request(web.port, '/api/settings:get', { method: 'POST', headers: { ...json, ...headers }, body: '{}' });
    // What another local server that received the cookie could do with it: nothing.
    expect((await call({ cookie })).status).toBe(401);
    expect((await call({ cookie, origin: web.url })).status).toBe(401);
    expect((await call({ authorization: `Bearer ${cookieValue}` })).status).toBe(401);
    expect((await call({ cookie, 'x-handoff-key': 'guess' })).status).toBe(401);
    expect(await upgradeStatus('/events', { cookie })).toBe(401);
    expect((await request(web.port, '/media/AAAAAAAAAAAA/video.mp4', { headers: { cookie } })).status).toBe(401);
    // The page key alone is not enough either.
    expect((await call({ 'x-handoff-key': key })).status).toBe(401);

    // The page, holding both, can.
    expect((await call({ cookie, 'x-handoff-key': key })).status).toBe(200);
    expect(await upgradeStatus(`/events?session-key=${key}`, { cookie })).toBe(101);
    expect((await request(web.port, `/media/AAAAAAAAAAAA/video.mp4?session-key=${key}`, { headers: { cookie } })).status).toBe(404);
  });
});
