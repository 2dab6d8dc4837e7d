// End-to-end encrypted links served by the share server on this computer or the LAN: the same shell page, service
// worker and encrypted files as on a bucket, kept under <dataDir>/share-e2e/<token>/. The page lives at /<token>/ (the
// worker's scope must contain the page it controls); the server sees views and watch time, never the key.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import send from 'send';
import { HandoffError } from '../../../shared/result';
import type { Logger } from '../logger';
import { E2E_SW_JS } from './encrypted-assets';
import { buildEncryptedLink } from './encrypted-page';
import type { PlayerClip, PlayerSegment } from './player-page';

export type EncryptedSub = 'sw.js' | 'meta.enc' | 'video.enc' | 'captions.enc';
export const ENCRYPTED_SUBS: readonly string[] = ['sw.js', 'meta.enc', 'video.enc', 'captions.enc'];

/** Next to the clips folder; the token is checked against the share-token shape before it reaches a path. */
export function encryptedLinkDir(clipsDir: string, token: string): string {
  if (!/^[A-Za-z0-9_-]{22,64}$/.test(token)) throw new HandoffError('invalid-input', 'not a share token');
  return path.join(path.dirname(clipsDir), 'share-e2e', token);
}

export function isEncryptedLocal(clipsDir: string, token: string): boolean {
  return existsSync(path.join(encryptedLinkDir(clipsDir, token), 'index.html'));
}

export async function writeLocalEncrypted(input: {
  clipsDir: string;
  token: string;
  clip: PlayerClip;
  segments: PlayerSegment[];
  files: { video: string; captions?: string | null };
  password?: string;
  kdfIterations?: number;
}): Promise<{ fragment: string }> {
  const dir = encryptedLinkDir(input.clipsDir, input.token);
  const bundle = await buildEncryptedLink({
    clip: input.clip,
    segments: input.segments,
    files: input.files,
    password: input.password,
    kdfIterations: input.kdfIterations,
    urlOf: (name) => `/${input.token}/${name}`,
    scope: `/${input.token}/`,
    assets: { mode: 'linked', cssHref: '/_/player.css', jsHref: '/_/e2e.js' },
  });
  try {
    await mkdir(dir, { recursive: true });
    for (const object of bundle.objects) {
      if (object.name === 'sw.js') continue;
      if (object.file) await copyFile(object.file, path.join(dir, object.name));
      else await writeFile(path.join(dir, object.name), object.data as Buffer);
    }
    // Written last: its presence is what makes the link an encrypted one (isEncryptedLocal).
    await writeFile(path.join(dir, 'index.html'), bundle.page);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await bundle.dispose();
  }
  return { fragment: bundle.fragment };
}

/** Deletes a link's encrypted files; returns how many there were (0 for a plain link). */
export async function removeLocalEncrypted(clipsDir: string, token: string): Promise<number> {
  const dir = encryptedLinkDir(clipsDir, token);
  if (!existsSync(dir)) return 0;
  const count = (await readdir(dir)).length;
  await rm(dir, { recursive: true, force: true });
  return count;
}

/** The shell page (with the view id for watch-time beacons), the worker, or an encrypted file with HTTP Range. */
export async function serveEncrypted(
  req: IncomingMessage,
  res: ServerResponse,
  options: { clipsDir: string; token: string; sub: EncryptedSub | ''; viewId: number | null; logger: Logger },
): Promise<void> {
  const dir = encryptedLinkDir(options.clipsDir, options.token);
  if (options.sub === 'sw.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : E2E_SW_JS);
    return;
  }
  if (options.sub === '') {
    const page = await readFile(path.join(dir, 'index.html'), 'utf8');
    const data = options.viewId === null ? '' : ` data-beacon="/${options.token}/beacon" data-view="${options.viewId}"`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : page.replace('<body data-e2e="locked">', `<body data-e2e="locked"${data}>`));
    return;
  }
  const stream = send(req, `/${options.sub}`, { root: dir, index: false, etag: true, lastModified: true, acceptRanges: true, cacheControl: false });
  stream.on('headers', (response: ServerResponse) => {
    response.setHeader('Content-Type', 'application/octet-stream');
    response.setHeader('Cache-Control', 'private, no-cache');
  });
  stream.on('error', (error: { status?: number; message?: string; headers?: Record<string, string> }) => {
    if (res.headersSent) return res.destroy();
    const status = error.status === 404 || error.status === 416 || error.status === 412 ? error.status : 500;
    if (status === 500) options.logger.error('serving an encrypted file failed', { error: error.message, name: options.sub });
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...(error.headers ?? {}) });
    res.end(status === 404 ? 'Not found.' : status === 500 ? 'The file could not be read.' : 'Range not satisfiable.');
  });
  stream.pipe(res);
}
