// The same contract call through Electron IPC (real wiring, fake ipcMain) and through browser mode's HTTP server
// (real server on 127.0.0.1) must give the same result, and refuse the same bad input the same way.
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { insertClip } from '../../electron/core/library/clips-store';
import { newToken } from '../../electron/host/security';
import { startHostServer, type HostServer } from '../../electron/host/server';
import { registerContractHandlers } from '../../electron/main/ipc';
import { channels } from '../../shared/contract';
import { FakeIpcMain } from '../support/fake-electron';
import { makeTempCore, repoRoot } from '../support/temp-core';

const APP_URL = 'file:///opt/Handoff/resources/out/renderer/index.html';

let env: ReturnType<typeof makeTempCore>;
let host: HostServer;
let token: string;
const ipcMain = new FakeIpcMain();

beforeAll(async () => {
  env = makeTempCore();
  token = newToken();
  registerContractHandlers({ ipcMain, dispatch: env.core.dispatch, appUrl: APP_URL, logger: env.logger });
  host = await startHostServer({
    dispatch: env.core.dispatch,
    events: env.core.events,
    rendererDir: path.join(repoRoot, 'out', 'renderer'),
    token,
    port: 0,
    logger: env.logger,
    serveMedia: (id, file, range) => env.core.media.serve(id, file, range),
  });
});

afterAll(async () => {
  await host?.close();
  env?.dispose();
});

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function callHttp(channel: string, input: unknown) {
  const res = await request({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: res.status, result: JSON.parse(res.body) as unknown };
}

describe('one contract, two transports', () => {
  it('registers exactly one IPC handler per contract call', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('gives the same result for the same call over IPC and HTTP', async () => {
    await callHttp('settings:set', { values: { 'profile.name': 'Ana' } });
    const viaIpc = await ipcMain.invoke('settings:get', {}, APP_URL);
    const viaHttp = await callHttp('settings:get', {});
    expect(viaHttp.status).toBe(200);
    expect(viaIpc).toEqual(viaHttp.result);
    expect(viaIpc).toMatchObject({ ok: true, value: { 'profile.name': 'Ana' } });

    const listIpc = await ipcMain.invoke('clips:list', { limit: 10 }, APP_URL);
    const listHttp = await callHttp('clips:list', { limit: 10 });
    expect(listIpc).toEqual(listHttp.result);
    expect(listIpc).toEqual({ ok: true, value: { clips: [], total: 0 } });
  });

  it('refuses malformed input with the same typed error on both', async () => {
    const bad = { limit: -4, extra: true };
    const viaIpc = await ipcMain.invoke('clips:list', bad, APP_URL);
    const viaHttp = await callHttp('clips:list', bad);
    expect(viaHttp.status).toBe(400);
    expect(viaIpc).toEqual(viaHttp.result);
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const badSetting = await callHttp('settings:set', { values: { 'profile.workingHours': 'all day' } });
    expect(badSetting.result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('HH:MM') } });
  });

  it('refuses IPC calls from a frame that is not the app', async () => {
    const result = await ipcMain.invoke('settings:get', {}, 'https://evil.example/');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses requests without the token, with a foreign Host, or a foreign Origin', async () => {
    const noToken = await request({ method: 'POST', path: '/api/settings:get', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const wrongToken = await request({ path: '/?token=guess' });
    expect(wrongToken.status).toBe(401);
    const evilHost = await request({ path: '/', headers: { host: 'evil.example', authorization: `Bearer ${token}` } });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await request({
      method: 'POST',
      path: '/api/settings:get',
      headers: { origin: 'http://evil.example', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(evilOrigin.status).toBe(403);
    expect(evilOrigin.body).not.toContain('profile.name');
  });

  it('trades the launch token for an HttpOnly SameSite cookie', async () => {
    const launch = await request({ path: `/?token=${token}` });
    expect(launch.status).toBe(302);
    const cookie = String(launch.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request({ path: '/', headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses non-JSON bodies (no cross-site form posts)', async () => {
    const form = await request({
      method: 'POST',
      path: '/api/settings:get',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(400);
  });

  it('delivers events over the WebSocket only to authenticated loopback clients', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const received = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    await callHttp('settings:set', { values: { 'profile.name': 'Bea' } });
    expect(await received).toMatchObject({ event: 'settings:changed', payload: { keys: ['profile.name'] } });
    ws.close();
  });

  it('serves a clip\'s media with Range to the authenticated page only, and nothing outside the clip folder', async () => {
    const clip = insertClip(
      env.core.db,
      { authorName: 'Ana', authorTimezone: 'Europe/Berlin', recordedAt: new Date(), state: 'ready', source: 'imported' },
      new Date(),
    );
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(env.core.paths.clipsDir, clip.id), { recursive: true });
    writeFileSync(path.join(env.core.paths.clipsDir, clip.id, 'video.mp4'), Buffer.alloc(4096, 7));
    const auth = { authorization: `Bearer ${token}` };
    const part = await request({ path: `/media/${clip.id}/video.mp4`, headers: { ...auth, range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 0-99/4096');
    expect((await request({ path: `/media/${clip.id}/video.mp4` })).status).toBe(401);
    for (const bad of [`/media/${clip.id}/library.sqlite`, '/media/..%2F..%2Flibrary.sqlite/video.mp4', `/media/%2e%2e/video.mp4`, '/media/NoSuchClip1/video.mp4']) {
      const res = await request({ path: bad, headers: auth });
      expect(res.status, bad).toBeGreaterThanOrEqual(400);
      expect(res.status, bad).toBeLessThan(500);
    }
  });
});
