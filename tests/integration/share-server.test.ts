import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_SECURITY_HEADERS } from '../../electron/core/share/share-server';
import { startShareHarness, type ShareHarness } from '../support/share-harness';
import { rawRequestLine, request, type RawResponse } from '../support/raw-http';
import { hasFfmpeg, makeTestClip, type TestClip } from '../support/test-clip';

const ffmpegMissing = !hasFfmpeg();

function expectSecurityHeaders(res: RawResponse) {
  for (const [name, value] of Object.entries(SHARE_SECURITY_HEADERS)) expect(res.headers[name.toLowerCase()]).toBe(value);
}

describe.skipIf(ffmpegMissing)('share server', () => {
  let nowMs = Date.parse('2026-05-01T12:00:00Z');
  let h: ShareHarness;
  let clip: TestClip;
  let token: string;
  let video: Buffer;
  let size: number;
  let notFoundBody: Buffer;
  const port = () => h.server.port;

  beforeAll(async () => {
    h = await startShareHarness({ clock: () => new Date(nowMs), passwordAttempts: { limit: 5, windowMs: 60_000 } });
    clip = makeTestClip(h.core.db, h.core.paths.clipsDir);
    token = (await h.call('share:create', { clipId: clip.clip.id, expires: '7d' })).token;
    video = readFileSync(clip.video);
    size = video.length;
    notFoundBody = (await request(port(), `/${randomBytes(24).toString('base64url')}`)).body;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('makes links of at least 128 random bits, base64url, on the configured address', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(link.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(link.url).toBe(`http://127.0.0.1:${port()}/${link.token}`);
    expect(link.token).not.toBe(token);
  });

  it('renders the player page with everything up front, escaped, and records the view', async () => {
    const before = (await h.call('share:list', { clipId: clip.clip.id })).links.find((l) => l.token === token)!.views.length;
    const res = await request(port(), `/${token}`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    const page = res.body.toString();
    expect(page).toContain('<h1>Weekly update: release &lt;status&gt;</h1>');
    expect(page).not.toContain('<status>');
    expect(page).toContain('Approve the new release plan');
    expect(page).toContain('Monday, March 9, 2026 at 12:00 PM (America/Sao Paulo)');
    expect(page).toContain('Friday, March 6, 2026 at 6:40 PM (America/Sao Paulo)');
    expect(page).toContain(`<video id="player" src="/${token}/video.mp4"`);
    expect(page).toContain(`<track kind="captions" src="/${token}/captions.vtt"`);
    expect(page).toContain('the &lt;login&gt; fix &amp; review');
    expect(page).toContain(`<meta property="og:image" content="http://127.0.0.1:${port()}/${token}/thumb.jpg">`);
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page).toContain(`href="/${token}/download"`);
    expect(page).not.toMatch(/<script>/);
    const after = (await h.call('share:list', { clipId: clip.clip.id })).links.find((l) => l.token === token)!.views.length;
    expect(after).toBe(before + 1);
    await request(port(), `/${token}`, { method: 'HEAD' });
    expect((await h.call('share:list', { clipId: clip.clip.id })).links.find((l) => l.token === token)!.views.length).toBe(after);
  });

  it('serves the whole video with validators and the right types', async () => {
    const res = await request(port(), `/${token}/video.mp4`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['last-modified']).toBeTruthy();
    expect(res.body.equals(video)).toBe(true);
    expectSecurityHeaders(res);
    const again = await request(port(), `/${token}/video.mp4`, { headers: { 'If-None-Match': String(res.headers.etag) } });
    expect(again.status).toBe(304);
    expect((await request(port(), `/${token}/captions.vtt`)).headers['content-type']).toBe('text/vtt; charset=utf-8');
    const thumb = await request(port(), `/${token}/thumb.jpg`);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.body.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await request(port(), `/${token}/video.mp4`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(size);
    expect(res.body.length).toBe(0);
  });

  it.each([
    ['open-ended', () => 'bytes=1000-', () => [1000, size - 1]],
    ['suffix', () => 'bytes=-500', () => [size - 500, size - 1]],
    ['middle', () => 'bytes=2000-2999', () => [2000, 2999]],
    ['end past the file, clamped', () => `bytes=${size - 10}-${size + 5000}`, () => [size - 10, size - 1]],
  ])('serves %s ranges as 206 with the exact bytes', async (_name, range, expected) => {
    const [start, end] = expected();
    const res = await request(port(), `/${token}/video.mp4`, { headers: { Range: range() } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
    expect(Number(res.headers['content-length'])).toBe(end - start + 1);
    expect(res.body.equals(video.subarray(start, end + 1))).toBe(true);
    expectSecurityHeaders(res);
  });

  it.each([
    ['starts past the end', () => `bytes=${size}-`],
    ['ends before it starts', () => 'bytes=5-2'],
  ])('answers 416 for a range that %s', async (_name, range) => {
    const res = await request(port(), `/${token}/video.mp4`, { headers: { Range: range() } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${size}`);
    expectSecurityHeaders(res);
  });

  it.each(['bytes=abc', 'items=0-10', 'bytes=', 'bytes=--5'])('ignores the malformed range %s and sends the whole file', async (range) => {
    const res = await request(port(), `/${token}/video.mp4`, { headers: { Range: range } });
    expect(res.status).toBe(200);
    expect(res.body.equals(video)).toBe(true);
  });

  it.each([
    (t: string) => `/${t}/../../../../etc/passwd`,
    (t: string) => `/${t}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
    (t: string) => `/${t}/%2E%2E%2F%2E%2E%2Flibrary.sqlite`,
    (t: string) => `/${t}/video.mp4/../../../library.sqlite`,
    (t: string) => `/${t}/library.sqlite`,
    (t: string) => `/${t}/..%2fcaptions.vtt`,
    (t: string) => `/${t}%2fvideo.mp4`,
    () => '/etc/passwd',
    () => '//etc/passwd',
    () => '/%2e%2e/%2e%2e/etc/passwd',
    () => '/_/../../package.json',
  ])('answers path traversal attempt %# with the plain 404 and nothing else', async (make) => {
    const res = await request(port(), make(token));
    expect(res.status).toBe(404);
    expect(res.body.equals(notFoundBody)).toBe(true);
    expectSecurityHeaders(res);
  });

  it('refuses absolute-form request targets', async () => {
    for (const target of [`http://127.0.0.1:${port()}/etc/passwd`, '/etc/passwd', `http://127.0.0.1/../../${token}/../library.sqlite`]) {
      const reply = await rawRequestLine(port(), `GET ${target} HTTP/1.1`);
      expect(reply.startsWith('HTTP/1.1 404 ')).toBe(true);
      expect(reply).not.toMatch(/root:|SQLite format/);
    }
  });

  it('answers guessed tokens with the same 404 as any unknown address', async () => {
    const guesses = [
      randomBytes(24).toString('base64url'),
      token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
      token.slice(0, 22),
      token + 'x',
      token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
    ];
    for (const guess of guesses) {
      for (const suffix of ['', '/video.mp4', '/captions.vtt', '/download']) {
        const res = await request(port(), `/${guess}${suffix}`);
        expect(res.status).toBe(404);
        expect(res.body.equals(notFoundBody)).toBe(true);
      }
    }
  });

  it('answers 410 once a link expires, for the page and its media', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id, expires: '1h' });
    expect((await request(port(), `/${link.token}/video.mp4`, { headers: { Range: 'bytes=0-9' } })).status).toBe(206);
    nowMs += 2 * 3600_000;
    try {
      const page = await request(port(), `/${link.token}`);
      expect(page.status).toBe(410);
      expect(page.body.toString()).toContain('expired');
      expect(page.body.toString()).not.toContain('Weekly update');
      expectSecurityHeaders(page);
      expect((await request(port(), `/${link.token}/video.mp4`)).status).toBe(410);
      const listed = (await h.call('share:list', { clipId: clip.clip.id })).links.find((l) => l.token === link.token);
      expect(listed?.status).toBe('expired');
    } finally {
      nowMs -= 2 * 3600_000;
    }
  });

  it('answers 410 once a link is revoked, and revoking an unknown token is not-found', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id, expires: 'never' });
    expect(link.expiresAt).toBeNull();
    expect((await request(port(), `/${link.token}`)).status).toBe(200);
    await h.call('share:revoke', { token: link.token });
    expect((await request(port(), `/${link.token}`)).status).toBe(410);
    expect((await request(port(), `/${link.token}/captions.vtt`)).status).toBe(410);
    await expect(h.call('share:revoke', { token: randomBytes(24).toString('base64url') })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('forbids downloads when the link says so', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id, allowDownload: false });
    const page = (await request(port(), `/${link.token}`)).body.toString();
    expect(page).not.toContain('/download');
    expect((await request(port(), `/${link.token}/download`)).status).toBe(403);
    const ok = await request(port(), `/${token}/download`);
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-disposition'])).toMatch(/^attachment; filename="Weekly update release status\.mp4"/);
  });

  it('records watch time and a viewer name from the beacon, and refuses cross-site posts', async () => {
    const opened = await request(port(), `/${token}`);
    const view = /data-view="(\d+)"/.exec(opened.body.toString())![1];
    const mine = { Cookie: String(opened.headers['set-cookie']).split(';')[0] };
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', ...mine };
    expect((await request(port(), `/${token}/beacon`, { method: 'POST', headers: form, body: `view=${view}&seconds=3.5` })).status).toBe(204);
    expect((await request(port(), `/${token}/beacon`, { method: 'POST', headers: form, body: `view=${view}&seconds=1&name=Kenji%00` })).status).toBe(204);
    const back = await request(port(), `/${token}/beacon`, { method: 'POST', headers: form, body: `view=${view}&name=Kenji+T&back=1` });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(`/${token}`);
    const evil = await request(port(), `/${token}/beacon`, { method: 'POST', headers: { ...form, Origin: 'https://evil.example' }, body: `view=${view}&seconds=999` });
    expect(evil.status).toBe(403);
    const fetched = await request(port(), `/${token}/beacon`, { method: 'POST', headers: { ...form, 'Sec-Fetch-Site': 'cross-site' }, body: `view=${view}&seconds=999` });
    expect(fetched.status).toBe(403);
    expect((await request(port(), `/${token}/beacon`, { method: 'POST', headers: form, body: 'view=999999&seconds=1' })).status).toBe(403);
    expect((await request(port(), `/${token}/beacon`, { method: 'POST', headers: form, body: `view=${view}&seconds=-1` })).status).toBe(400);
    const views = (await h.call('share:list', { clipId: clip.clip.id })).links.find((l) => l.token === token)!.views;
    const named = views.find((v) => v.viewerName === 'Kenji T');
    expect(named?.secondsWatched).toBe(3.5);
  });

  it('counts a view once per viewer session, clamps seconds to the clip, and lets only its own session name it', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id });
    const views = async () => (await h.call('share:list', { clipId: clip.clip.id })).links.find((l) => l.token === link.token)!.views;
    const first = await request(port(), `/${link.token}`);
    const alice = { Cookie: String(first.headers['set-cookie']).split(';')[0] };
    expect(String(first.headers['set-cookie'])).toMatch(new RegExp(`^handoff_view=[^;]+; Path=/${link.token}; HttpOnly; SameSite=Lax$`));
    const aliceView = /data-view="(\d+)"/.exec(first.body.toString())![1];
    // Reloads by the same viewer are the same view.
    for (let i = 0; i < 5; i++) {
      const again = await request(port(), `/${link.token}`, { headers: alice });
      expect(again.headers['set-cookie']).toBeUndefined();
      expect(again.body.toString()).toContain(`data-view="${aliceView}"`);
    }
    expect(await views()).toHaveLength(1);
    // Another viewer is another view.
    const second = await request(port(), `/${link.token}`);
    const bob = { Cookie: String(second.headers['set-cookie']).split(';')[0] };
    const bobView = /data-view="(\d+)"/.exec(second.body.toString())![1];
    expect(bobView).not.toBe(aliceView);
    expect(await views()).toHaveLength(2);

    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    // Bob cannot rename or time Alice's view, with his cookie or none; a forged cookie is nobody's.
    for (const headers of [{ ...form, ...bob }, form, { ...form, Cookie: `handoff_view=${aliceView}.forged` }]) {
      expect((await request(port(), `/${link.token}/beacon`, { method: 'POST', headers, body: `view=${aliceView}&name=Mallory&seconds=4` })).status).toBe(403);
    }
    // A claim beyond the clip's 4 s is clamped to 4 s.
    expect((await request(port(), `/${link.token}/beacon`, { method: 'POST', headers: { ...form, ...bob }, body: `view=${bobView}&seconds=9999999&name=Bob` })).status).toBe(204);
    expect((await request(port(), `/${link.token}/beacon`, { method: 'POST', headers: { ...form, ...alice }, body: `view=${aliceView}&name=Alice&seconds=2` })).status).toBe(204);
    const final = await views();
    expect(final.map((v) => [v.viewerName, v.secondsWatched])).toEqual([['Alice', 2], ['Bob', 4]]);
    // A view cookie of one link means nothing on another.
    expect((await request(port(), `/${token}/beacon`, { method: 'POST', headers: { ...form, ...alice }, body: `view=${aliceView}&name=X` })).status).toBe(403);
  });

  it('writes og:url and og:image with the configured address, whatever Host the request names', async () => {
    const page = (await request(port(), `/${token}`, { headers: { Host: 'evil.example:666' } })).body.toString();
    expect(page).toContain(`<meta property="og:url" content="http://127.0.0.1:${port()}/${token}">`);
    expect(page).toContain(`<meta property="og:image" content="http://127.0.0.1:${port()}/${token}/thumb.jpg">`);
    expect(page).not.toContain('evil.example');
  });

  it('limits password attempts per link across client addresses, with a doubling wait', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id, password: 'correct horse' });
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const guess = (from: string, password = 'guess') =>
      request(port(), `/${link.token}/unlock`, { method: 'POST', headers: form, body: `password=${password}`, localAddress: from });
    // Each address stays under its own limit of 5 a minute; the link counts all of them.
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']) expect((await guess(from)).status).toBe(401);
    const blocked = await guess('127.0.0.7', 'correct+horse');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    nowMs += 1000;
    expect((await guess('127.0.0.8')).status).toBe(401);
    const doubled = await guess('127.0.0.9', 'correct+horse');
    expect(doubled.status).toBe(429);
    expect(doubled.headers['retry-after']).toBe('2');
    nowMs += 2000;
    expect((await guess('127.0.0.10', 'correct+horse')).status).toBe(303);
    // The right password clears the link's count.
    expect((await guess('127.0.0.11')).status).toBe(401);
  });

  it('asks for the password, rate-limits attempts per client, and unlocks with a signed cookie for that link only', async () => {
    const link = await h.call('share:create', { clipId: clip.clip.id, password: 'correct horse' });
    const other = await h.call('share:create', { clipId: clip.clip.id, password: 'correct horse' });
    const page = await request(port(), `/${link.token}`);
    expect(page.status).toBe(401);
    expect(page.body.toString()).toContain('type="password"');
    expect(page.body.toString()).not.toContain('Weekly update');
    expect((await request(port(), `/${link.token}/video.mp4`)).status).toBe(401);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const wrong = await request(port(), `/${link.token}/unlock`, { method: 'POST', headers: form, body: 'password=nope' });
    expect(wrong.status).toBe(401);
    const right = await request(port(), `/${link.token}/unlock`, { method: 'POST', headers: form, body: 'password=correct+horse' });
    expect(right.status).toBe(303);
    const cookie = String(right.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^handoff_unlock=[^;]+; Path=/${link.token}; HttpOnly; SameSite=Lax`));
    const pair = cookie.split(';')[0];
    expect((await request(port(), `/${link.token}`, { headers: { Cookie: pair } })).status).toBe(200);
    expect((await request(port(), `/${link.token}/video.mp4`, { headers: { Cookie: pair, Range: 'bytes=0-1' } })).status).toBe(206);
    expect((await request(port(), `/${other.token}`, { headers: { Cookie: pair } })).status).toBe(401);
    const forged = pair.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await request(port(), `/${link.token}`, { headers: { Cookie: forged } })).status).toBe(401);
    // Two attempts used; three more are allowed in this minute, then 429 even for the right password.
    for (let i = 0; i < 3; i++) {
      expect((await request(port(), `/${other.token}/unlock`, { method: 'POST', headers: form, body: 'password=guess' })).status).toBe(401);
    }
    const limited = await request(port(), `/${other.token}/unlock`, { method: 'POST', headers: form, body: 'password=correct+horse' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    nowMs += 61_000;
    const later = await request(port(), `/${other.token}/unlock`, { method: 'POST', headers: form, body: 'password=correct+horse' });
    expect(later.status).toBe(303);
  });

  it('refuses methods that do not belong to a route', async () => {
    expect((await request(port(), `/${token}`, { method: 'POST' })).status).toBe(405);
    expect((await request(port(), `/${token}/beacon`)).status).toBe(405);
    expect((await request(port(), `/${token}/video.mp4`, { method: 'DELETE' })).status).toBe(405);
  });

  it('serves the player script and stylesheet as separate files (CSP allows no inline script)', async () => {
    const js = await request(port(), '/_/player.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body.toString()).toContain("getElementById('player')");
    expectSecurityHeaders(js);
    expect((await request(port(), '/_/player.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });
});
