// The share server: `/<token>` is a player page, `/<token>/video.mp4|captions.vtt|thumb.jpg|download` are that clip's
// media (HTTP Range, HEAD, ETag and Last-Modified through `send`), `/<token>/unlock` takes a link's password and
// `/<token>/beacon` records watch time and a viewer's name. No part of a request path ever reaches the file system:
// files are found from the clip id of a known token and a fixed list of names.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import send from 'send';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { createLinksStore, linkStatus, type LinkRow } from './links-store';
import { PLAYER_CSS, PLAYER_JS } from './player-assets';
import { renderNotice, type PlayerAssets } from './player-page';
import { renderLinkPage } from './link-page';
import { createBackoff, createRateLimiter, signUnlock, signView, verifyPassword, verifyUnlock, verifyView } from './secrets';
import { mediaFile, type MediaName } from './media-files';
import { readWholeRequest, type WholeRequest } from '../system/request-body';
import { E2E_PAGE_JS } from './encrypted-assets';
import { ENCRYPTED_SUBS, isEncryptedLocal, serveEncrypted, type EncryptedSub } from './encrypted-local';

export interface ShareServerDeps {
  db: Db;
  clipsDir: string;
  logger: Logger;
  clock: () => Date;
  port: number;
  /** '127.0.0.1' unless LAN sharing is on ('0.0.0.0'). */
  host: string;
  /**
   * Links handed out while their recording is still being made (pending-links.ts): `promote` turns one into an
   * ordinary link once its clip exists (true), or says it is still in progress (false).
   */
  pending?: { find(token: string): { recordingId: string; expiresAt: string | null } | null; promote(token: string): boolean };
  /** Password attempts allowed per client address per window (default 5 a minute). */
  passwordAttempts?: { limit: number; windowMs: number };
  /** Attempts on one link from all addresses together, then exponential backoff (default 5, 1 s doubling to 15 min). */
  linkBackoff?: { free: number; baseMs: number; maxMs: number };
  /**
   * The address links are made with (shareBaseUrl of the settings), for the page's absolute Open Graph URLs; default
   * http://<host>:<port>. Never the request's Host header, which the client chooses.
   */
  publicBaseUrl?: (port: number) => string;
}

export interface ShareServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const SHARE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const ASSETS: PlayerAssets = { mode: 'linked', cssHref: '/_/player.css', jsHref: '/_/player.js' };
const STATIC: Record<string, { body: string; type: string; etag: string }> = Object.fromEntries(
  [
    ['/_/player.js', PLAYER_JS, 'text/javascript; charset=utf-8'],
    ['/_/player.css', PLAYER_CSS, 'text/css; charset=utf-8'],
    ['/_/e2e.js', E2E_PAGE_JS, 'text/javascript; charset=utf-8'],
  ].map(([path, body, type]) => [path, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }]),
);

// `/<token>/` (an empty sub-path) is where an encrypted link's page lives: its service worker's scope must contain it.
const ROUTE = /^\/([A-Za-z0-9_-]{22,64})(?:\/(video\.mp4|captions\.vtt|thumb\.jpg|download|unlock|beacon|sw\.js|meta\.enc|video\.enc|captions\.enc)?)?$/;
const UNLOCK_COOKIE = 'handoff_unlock';
const VIEW_COOKIE = 'handoff_view';
const UNLOCK_TTL_MS = 12 * 3600_000;
const MAX_FORM_BYTES = 4096;
const READ_CHUNK = 256 * 1024;

function text(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function html(req: IncomingMessage, res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * A POST from another site is refused: the forms and the beacon are for this page only. Sec-Fetch-Site says so where
 * the browser sends it; otherwise a present Origin must be this host. (With Referrer-Policy: no-referrer, Chromium
 * sends `Origin: null` even for same-origin form posts, so null alone cannot decide.)
 */
function crossSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    // An Origin that is not a URL is not ours.
    return true;
  }
}

export async function startShareServer(deps: ShareServerDeps): Promise<ShareServer> {
  const { db, logger, clock } = deps;
  const links = createLinksStore(db);
  // Unlock cookies are signed with a key that lives as long as this server: a restart asks for the password again.
  const cookieKey = randomBytes(32);
  // Viewer sessions are signed the same way: a restart makes the next visit a new view.
  const viewKey = randomBytes(32);
  const attempts = createRateLimiter({
    limit: deps.passwordAttempts?.limit ?? 5,
    windowMs: deps.passwordAttempts?.windowMs ?? 60_000,
    now: () => clock().getTime(),
  });
  const linkAttempts = createBackoff({
    free: deps.linkBackoff?.free ?? 5,
    baseMs: deps.linkBackoff?.baseMs ?? 1000,
    maxMs: deps.linkBackoff?.maxMs ?? 15 * 60_000,
    forgetMs: 24 * 3600_000,
    now: () => clock().getTime(),
  });
  let publicBase = '';

  const notFound = (req: IncomingMessage, res: ServerResponse) =>
    html(req, res, 404, renderNotice({ title: 'Not found', message: 'There is no video at this address.', assets: ASSETS }));

  function gone(req: IncomingMessage, res: ServerResponse, status: 'expired' | 'revoked', page: boolean) {
    const message =
      status === 'expired' ? 'This link has expired. Ask the sender for a new one.' : 'This link was turned off by the sender.';
    if (!page) return text(res, 410, message);
    html(req, res, 410, renderNotice({ title: status === 'expired' ? 'Link expired' : 'Link revoked', message, assets: ASSETS }));
  }

  function passwordPage(req: IncomingMessage, res: ServerResponse, link: LinkRow, status: number, error: string | null, extra: Record<string, string> = {}) {
    html(
      req,
      res,
      status,
      renderNotice({
        title: 'Password required',
        message: 'The sender protected this video with a password.',
        assets: ASSETS,
        form: { action: `/${link.token}/unlock`, error },
      }),
      extra,
    );
  }

  function unlocked(req: IncomingMessage, link: LinkRow): boolean {
    return link.password_hash === null || verifyUnlock(cookieKey, link.token, readCookie(req.headers.cookie, UNLOCK_COOKIE), clock().getTime());
  }

  function serveMedia(req: IncomingMessage, res: ServerResponse, link: LinkRow, name: MediaName, attachmentTitle: string | null) {
    const { root, file, type } = mediaFile(deps.clipsDir, link.clip_id, name, db);
    res.setHeader('Cache-Control', 'private, no-cache');
    // send passes unknown options on to fs.createReadStream. Reads of 256 KiB instead of 64 KiB mean a quarter of the
    // trips through libuv's 4-thread pool, which send's async stat/open/close also queue on: measured by bench:share.
    const options = { root, index: false, etag: true, lastModified: true, acceptRanges: true, cacheControl: false, highWaterMark: READ_CHUNK };
    const stream = send(req, file, options as send.SendOptions);
    stream.on('headers', (response: ServerResponse) => {
      response.setHeader('Content-Type', type);
      if (attachmentTitle !== null) {
        const ascii = attachmentTitle.replace(/[^A-Za-z0-9 ._-]+/g, '').trim().slice(0, 80) || 'handoff-video';
        response.setHeader('Content-Disposition', `attachment; filename="${ascii}.mp4"; filename*=UTF-8''${encodeURIComponent(attachmentTitle.slice(0, 80) || 'handoff-video')}.mp4`);
      }
    });
    stream.on('error', (error: { status?: number; message?: string; headers?: Record<string, string> }) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.removeHeader('Cache-Control');
      if (error.status === 404) return text(res, 404, 'Not found.');
      // 416 (with its Content-Range: bytes */size) and 412 are answers, not failures.
      if (error.status === 416 || error.status === 412) {
        return text(res, error.status, error.status === 416 ? 'Range not satisfiable.' : 'Precondition failed.', error.headers ?? {});
      }
      logger.error('serving media failed', { error: error.message, name });
      text(res, 500, 'The file could not be read.');
    });
    stream.pipe(res);
  }

  /** A posted form, or null when it was over MAX_FORM_BYTES. */
  function formOf(request: WholeRequest): URLSearchParams | null {
    return request.body === null ? null : new URLSearchParams(request.body.toString('utf8'));
  }

  async function unlock(req: IncomingMessage, res: ServerResponse, link: LinkRow, request: WholeRequest) {
    const client = req.socket.remoteAddress ?? 'unknown';
    if (!attempts.take(client)) {
      return passwordPage(req, res, link, 429, 'Too many attempts. Wait a minute and try again.', { 'Retry-After': '60' });
    }
    const waitMs = linkAttempts.take(link.token);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return passwordPage(req, res, link, 429, `Too many wrong passwords for this link. Try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
    }
    const form = formOf(request);
    if (form === null) return text(res, 413, 'The form is too large.');
    const password = form.get('password') ?? '';
    if (!link.password_hash || !(await verifyPassword(password, link.password_hash))) {
      return passwordPage(req, res, link, 401, 'That password is not right.');
    }
    linkAttempts.clear(link.token);
    const expires = clock().getTime() + UNLOCK_TTL_MS;
    res.writeHead(303, {
      'Set-Cookie': `${UNLOCK_COOKIE}=${signUnlock(cookieKey, link.token, expires)}; Path=/${link.token}; HttpOnly; SameSite=Lax; Max-Age=${UNLOCK_TTL_MS / 1000}`,
      Location: `/${link.token}`,
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  /** The view this browser opened on this link (its HttpOnly cookie), or null. */
  function ownView(req: IncomingMessage, link: LinkRow): number | null {
    const viewId = verifyView(viewKey, link.token, readCookie(req.headers.cookie, VIEW_COOKIE));
    return viewId !== null && links.hasView(link.token, viewId) ? viewId : null;
  }

  function clipSeconds(link: LinkRow): number {
    const row = db.prepare('SELECT duration_ms FROM clips WHERE id = ?').get(link.clip_id) as { duration_ms: number | null } | undefined;
    return (row?.duration_ms ?? 0) / 1000;
  }

  async function beacon(req: IncomingMessage, res: ServerResponse, link: LinkRow, request: WholeRequest) {
    const form = formOf(request);
    if (form === null) return text(res, 413, 'The form is too large.');
    const view = Number(form.get('view'));
    const secondsRaw = form.get('seconds');
    const seconds = secondsRaw == null || secondsRaw === '' ? null : Number(secondsRaw);
    // Control characters are dropped: the name is shown in the sender's app.
    const name = (form.get('name') ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 80) || null;
    if (!Number.isSafeInteger(view) || (seconds !== null && !(Number.isFinite(seconds) && seconds >= 0 && seconds < 1e7))) {
      return text(res, 400, 'Bad beacon.');
    }
    // Only the browser that opened a view may time it or name it; anyone else holding the link has a view of their own.
    if (ownView(req, link) !== view) return text(res, 403, 'Not your view.');
    // No more than the clip lasts: seconds watched are a position in the clip, not a free number.
    const clamped = seconds === null ? null : Math.min(seconds, clipSeconds(link));
    if (!links.updateView(link.token, view, clamped, name)) return text(res, 404, 'Not found.');
    if (form.get('back') === '1') {
      res.writeHead(303, { Location: `/${link.token}`, 'Cache-Control': 'no-store' });
      return res.end();
    }
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, request: WholeRequest) {
    for (const [name, value] of Object.entries(SHARE_SECURITY_HEADERS)) res.setHeader(name, value);
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const query = rawUrl.indexOf('?');
    // The raw path, never decoded: only the fixed shapes in ROUTE mean anything; everything else is a 404.
    const pathname = query === -1 ? rawUrl : rawUrl.slice(0, query);
    const search = new URLSearchParams(query === -1 ? '' : rawUrl.slice(query + 1));

    const asset = STATIC[pathname];
    if (asset && (method === 'GET' || method === 'HEAD')) {
      if (req.headers['if-none-match'] === asset.etag) {
        res.writeHead(304, { ETag: asset.etag });
        return res.end();
      }
      res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600', ETag: asset.etag });
      return res.end(method === 'HEAD' ? undefined : asset.body);
    }
    const match = ROUTE.exec(pathname);
    if (!match) return notFound(req, res);
    const token = match[1];
    const sub: string | undefined = match[2] ?? (pathname.endsWith('/') ? '' : undefined);
    const isPost = sub === 'unlock' || sub === 'beacon';
    if (isPost ? method !== 'POST' : method !== 'GET' && method !== 'HEAD') {
      return text(res, 405, 'Method not allowed.', { Allow: isPost ? 'POST' : 'GET, HEAD' });
    }
    let link = links.resolve(token);
    if (!link && deps.pending?.find(token)) {
      const waiting = deps.pending.find(token)!;
      if (waiting.expiresAt && Date.parse(waiting.expiresAt) <= clock().getTime()) return gone(req, res, 'expired', true);
      if (deps.pending.promote(token)) link = links.resolve(token);
      // The recording goes on (or is being finished): the page says so and asks again in a moment by itself.
      else return html(req, res, 200, renderNotice({ title: 'Recording in progress', message: 'Recording in progress — ready in a moment. This page refreshes by itself.', assets: ASSETS, refreshSeconds: 3 }), { Refresh: '3' });
    }
    if (!link || link.kind !== 'local') return notFound(req, res);
    const status = linkStatus(link, clock());
    if (status !== 'active') return gone(req, res, status, sub === undefined || sub === '');
    if (isPost && crossSite(req)) return text(res, 403, 'Forbidden: cross-site form.');
    if (sub === 'unlock') return unlock(req, res, link, request);
    if (!unlocked(req, link)) {
      if (sub === undefined || sub === '') return passwordPage(req, res, link, 401, null);
      return text(res, 401, 'Password required.');
    }
    if (sub === 'beacon') return beacon(req, res, link, request);
    if (isEncryptedLocal(deps.clipsDir, link.token)) {
      if (sub === undefined) {
        res.writeHead(308, { Location: `/${link.token}/`, 'Cache-Control': 'no-store' });
        return res.end();
      }
      if (sub !== '' && !ENCRYPTED_SUBS.includes(sub)) return text(res, 404, 'Not found.');
      // The same one view per viewer session as the plain page.
      let encryptedView: number | null = null;
      if (sub === '' && method === 'GET') {
        encryptedView = ownView(req, link);
        if (encryptedView === null) {
          encryptedView = links.startView(link.token, clock());
          res.setHeader('Set-Cookie', `${VIEW_COOKIE}=${signView(viewKey, link.token, encryptedView)}; Path=/${link.token}; HttpOnly; SameSite=Lax`);
        }
      }
      return serveEncrypted(req, res, { clipsDir: deps.clipsDir, token: link.token, sub: sub as EncryptedSub | '', viewId: encryptedView, logger });
    }
    if (sub !== undefined && ENCRYPTED_SUBS.includes(sub)) return text(res, 404, 'Not found.');
    if (sub === 'download') {
      if (link.allow_download !== 1) return text(res, 403, 'The sender turned off downloads for this link.');
      const row = db.prepare('SELECT title FROM clips WHERE id = ?').get(link.clip_id) as { title: string } | undefined;
      return serveMedia(req, res, link, 'video.mp4', row?.title ?? '');
    }
    if (sub !== undefined && sub !== '') return serveMedia(req, res, link, sub as MediaName, null);

    // One view per viewer session: a reload, or the page after naming yourself, is the same view.
    let viewId: number | null = null;
    const extra: Record<string, string> = {};
    if (method === 'GET') {
      viewId = ownView(req, link);
      if (viewId === null) {
        viewId = links.startView(link.token, clock());
        extra['Set-Cookie'] = `${VIEW_COOKIE}=${signView(viewKey, link.token, viewId)}; Path=/${link.token}; HttpOnly; SameSite=Lax`;
      }
    }
    const page = renderLinkPage({ db, clipsDir: deps.clipsDir, link, search, origin: publicBase, viewId, assets: ASSETS });
    if (!page) return notFound(req, res);
    html(req, res, 200, page, extra);
  }

  const server: Server = createServer((req, res) => {
    // Only the two forms keep their body (request-body.ts says why every body is read before the answer).
    const keep = req.method === 'POST' && /\/(unlock|beacon)$/.test((req.url ?? '').split('?')[0]);
    readWholeRequest(req, { keep, limit: MAX_FORM_BYTES }).then((request) => handle(req, res, request)).catch((error: unknown) => {
      logger.error('share request failed', { error, url: req.url?.slice(0, 200) });
      if (!res.headersSent) text(res, 500, 'Something went wrong.');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('share server error', { error }));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${deps.host === '0.0.0.0' ? '127.0.0.1' : deps.host}:${port}`;
  publicBase = deps.publicBaseUrl?.(port) ?? url;
  logger.info('share server listening', { host: deps.host, port });
  return {
    url,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
