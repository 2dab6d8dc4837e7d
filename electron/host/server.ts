// Browser mode: the built renderer and the contract over HTTP + WebSocket, on loopback only. Every request passes the
// Host/Origin check and the token check before it reaches a file or a call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../core/api/dispatch';
import type { EventBus } from '../core/api/event-bus';
import type { Logger } from '../core/logger';
import { serveClipFile } from '../core/media/clip-files';
import { readWholeRequest, type WholeRequest } from '../core/system/request-body';
import type { ErrorCode, Result } from '../../shared/result';
import {
  SECURITY_HEADERS,
  SESSION_COOKIE,
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  readCookies,
  safeDecode,
  tokensEqual,
} from './security';
import { SESSION_KEY_HEADER, SESSION_KEY_PARAM, SessionStore } from './sessions';

export interface HostOptions {
  dispatch: Dispatch;
  events: Pick<EventBus, 'onAny'>;
  rendererDir: string;
  token: string;
  port: number;
  logger: Logger;
  /** Answers `/media/<clipId>/<file>` (core: a checked local file, or a teammate's video streamed from the workspace). */
  serveMedia: (clipId: string, file: string, range: string | null) => Promise<Response>;
}

export interface HostServer {
  url: string;
  /** The URL to open: carries the token once, which the server trades for a session (sessions.ts). */
  launchUrl: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const STATUS_FOR: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'unknown-call': 404,
  'not-found': 404,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  unavailable: 503,
  cancelled: 409,
  internal: 500,
};

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendResult(res: ServerResponse, result: Result<unknown>) {
  send(res, result.ok ? 200 : STATUS_FOR[result.error.code], JSON.stringify(result), 'application/json; charset=utf-8');
}

export async function startHostServer(options: HostOptions): Promise<HostServer> {
  const { dispatch, events, token, logger } = options;
  const serveStatic = sirv(options.rendererDir, {
    single: true,
    dev: false,
    etag: true,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    },
  });
  let port = options.port;
  const sessions = new SessionStore();

  /** Returns a reason to refuse, or null when the request may go on. */
  function gate(req: IncomingMessage): { status: number; message: string } | null {
    if (!isAllowedHost(req.headers.host, port)) return { status: 403, message: 'Forbidden: unknown Host header.' };
    if (!isAllowedOrigin(req.headers.origin, port)) return { status: 403, message: 'Forbidden: cross-origin request.' };
    return null;
  }

  /**
   * 'data' (calls, events, media) needs the token as a Bearer header, or the session cookie with its page key;
   * 'page' (the renderer's own files, which hold no data) is open to the session cookie alone.
   */
  function authenticated(req: IncomingMessage, url: URL, need: 'page' | 'data'): boolean {
    if (tokensEqual(bearerToken(req.headers.authorization), token)) return true;
    const ids = readCookies(req.headers.cookie, SESSION_COOKIE);
    if (need === 'page') return sessions.known(ids);
    const header = req.headers[SESSION_KEY_HEADER];
    const key = typeof header === 'string' ? header : url.searchParams.get(SESSION_KEY_PARAM);
    return sessions.verify(ids, key);
  }

  /** Absolute-form targets and odd bytes can make `new URL` throw; that is a bad request, not a crash. */
  function parseTarget(req: IncomingMessage): URL | null {
    try {
      return new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return null;
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, request: WholeRequest) {
    if (req.method !== 'POST') return send(res, 405, 'Use POST.');
    // JSON only: a cross-site form cannot send it without a CORS preflight we never answer.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return sendResult(res, { ok: false, error: { code: 'invalid-input', message: 'Content-Type must be application/json.' } });
    }
    if (request.overLimit || request.body === null) {
      res.writeHead(413, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(JSON.stringify({ ok: false, error: { code: 'invalid-input', message: `The request body is over ${MAX_BODY_BYTES} bytes.` } }));
    }
    let input: unknown;
    try {
      const body = request.body.toString('utf8');
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      return sendResult(res, {
        ok: false,
        error: { code: 'invalid-input', message: `The request body is not JSON: ${(error as Error).message}` },
      });
    }
    sendResult(res, await dispatch(channel, input));
  }

  async function sendMedia(req: IncomingMessage, res: ServerResponse, rawId: string, rawFile: string) {
    const id = safeDecode(rawId);
    const file = safeDecode(rawFile);
    const response =
      id === null || file === null
        ? await serveClipFile({ ok: false, status: 400 }, null)
        : await options.serveMedia(id, file, req.headers.range ?? null);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    res.writeHead(response.status, { ...headers, ...SECURITY_HEADERS });
    if (!response.body || req.method === 'HEAD') {
      await response.body?.cancel();
      res.end();
      return;
    }
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
    // A viewer that seeks drops the connection: the stream behind it (a file, or a workspace read) is closed too.
    res.once('close', () => body.destroy());
    body.once('error', (error) => {
      logger.warn('a media stream failed', { error });
      res.destroy();
    });
    body.pipe(res);
  }

  function handle(req: IncomingMessage, res: ServerResponse, request: WholeRequest) {
    const refusal = gate(req);
    if (refusal) return send(res, refusal.status, refusal.message);
    const url = parseTarget(req);
    if (!url) return send(res, 400, 'Bad request target.');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensEqual(offered, token)) return send(res, 401, 'This link is not valid: open the URL that `handoff web` printed.');
      // The token itself never becomes a cookie: the page gets a session id (cookie) and a page key (in the URL once,
      // which the renderer moves to localStorage), neither of which the token can be recovered from.
      const session = sessions.create();
      url.searchParams.delete('token');
      url.searchParams.set(SESSION_KEY_PARAM, session.key);
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${SESSION_COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      return res.end();
    }
    const isApi = url.pathname.startsWith('/api/');
    const media = /^\/media\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!authenticated(req, url, isApi || media ? 'data' : 'page')) {
      return send(res, 401, 'Unauthorized: open the URL that `handoff web` printed (it carries the token).');
    }
    if (isApi) {
      const channel = safeDecode(url.pathname.slice('/api/'.length));
      if (channel === null) return sendResult(res, { ok: false, error: { code: 'invalid-input', message: 'The call name is not valid percent-encoding.' } });
      handleApi(req, res, channel, request).catch((error: unknown) => {
        logger.error('api request failed', { error });
        if (!res.headersSent) sendResult(res, { ok: false, error: { code: 'internal', message: 'The request failed.' } });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
    if (media) {
      sendMedia(req, res, media[1], media[2]).catch((error: unknown) => {
        logger.error('media request failed', { error });
        if (!res.headersSent) send(res, 500, 'The media could not be read.');
        else res.destroy();
      });
      return;
    }
    // The renderer's files are small and never seeked; sirv's own Range handling throws on a reversed range
    // (`bytes=5-2`) after it has written the headers, which leaves only a dropped connection. Whole files only.
    delete req.headers.range;
    serveStatic(req, res, () => send(res, 404, 'Not found.'));
  }

  const server: Server = createServer((req, res) => {
    // Only a call keeps its body (request-body.ts says why every body is read before the answer).
    const keep = req.method === 'POST' && (req.url ?? '').startsWith('/api/');
    readWholeRequest(req, { keep, limit: MAX_BODY_BYTES })
      .then((request) => handle(req, res, request))
      .catch((error: unknown) => {
        // The last line of defence: whatever a request holds, browser mode answers it and stays up.
        logger.error('request failed', { error });
        if (!res.headersSent) send(res, 400, 'Bad request.');
        else res.destroy();
      });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    try {
      const refusal = gate(req);
      const url = parseTarget(req);
      if (refusal || !url || !authenticated(req, url, 'data') || url.pathname !== '/events') {
        socket.end(`HTTP/1.1 ${refusal ? 403 : 401} ${refusal ? 'Forbidden' : 'Unauthorized'}\r\nConnection: close\r\n\r\n`);
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws));
    } catch (error) {
      logger.error('upgrade failed', { error });
      socket.destroy();
    }
  });
  const unsubscribe = events.onAny((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients as Set<WebSocket>) if (client.readyState === client.OPEN) client.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info('browser mode listening', { url });
  return {
    url,
    launchUrl: `${url}/?token=${token}`,
    port,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
