// An end-to-end encrypted link as files: the encrypted video and captions, the encrypted page body (title, ask,
// transcript: the same player page every link shows, rendered here and decrypted in the viewer's browser), the
// service worker, and a shell page that says nothing about the clip. Where the files go (a bucket, the share server)
// and under which URLs is the caller's business: `urlOf` names each file as the shell page will fetch it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { E2E_PAGE_JS, E2E_SW_JS } from './encrypted-assets';
import { encryptBuffer, encryptFile, keyFromPassword, newContentKey, newKdf, type EncryptedFileInfo, type KdfInfo } from './encrypted-media';
import { FAVICON_LINK, PLAYER_CSS } from './player-assets';
import { escapeHtml, renderPlayerPage, type PlayerClip, type PlayerSegment } from './player-page';

export type EncryptedObjectName = 'index.html' | 'sw.js' | 'meta.enc' | 'video.enc' | 'captions.enc';

export interface EncryptedManifest {
  v: 1;
  kdf: KdfInfo | null;
  sw: string;
  scope: string;
  files: { meta: EncryptedFileInfo & { url: string }; video: EncryptedFileInfo & { url: string }; captions: (EncryptedFileInfo & { url: string }) | null };
}

export interface EncryptedBundle {
  /** The files to publish, besides index.html (`page`); video.enc is a temporary file, the rest are in memory. */
  objects: { name: Exclude<EncryptedObjectName, 'index.html'>; file?: string; data?: Buffer; contentType: string }[];
  page: string;
  /** `#k=…` for a key link (append to the page URL, never send it to a server), '' for a password link. */
  fragment: string;
  /** Removes the temporary encrypted video once it is published. */
  dispose(): Promise<void>;
}

/** The player page's <body> content, without its script: what the encrypted page decrypts and shows. */
export function playerBody(html: string): string {
  const open = html.indexOf('<body');
  const start = html.indexOf('>', open) + 1;
  const end = html.lastIndexOf('<script');
  if (open < 0 || end < start) throw new HandoffError('internal', 'the player page has no body to encrypt');
  return html.slice(start, end).trim();
}

export function renderEncryptedShell(manifest: EncryptedManifest, assets: { mode: 'inline' } | { mode: 'linked'; cssHref: string; jsHref: string }): string {
  // The manifest is JSON inside a script element: `<` is escaped so no value can close it.
  const json = JSON.stringify(manifest).replace(/</g, '\\u003c');
  const style = assets.mode === 'inline' ? `<style>${PLAYER_CSS}</style>` : `<link rel="stylesheet" href="${escapeHtml(assets.cssHref)}">`;
  const script = assets.mode === 'inline' ? `<script>${E2E_PAGE_JS}</script>` : `<script src="${escapeHtml(assets.jsHref)}"></script>`;
  // A bucket sends no CSP header, so the self-contained page carries its own: only its own script and style run, and
  // nothing but its own origin can be reached, so no injected script could carry the key in the fragment elsewhere.
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const csp =
    assets.mode === 'inline'
      ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${hash(E2E_PAGE_JS)}; style-src ${hash(PLAYER_CSS)}; connect-src 'self'; media-src 'self'; worker-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'">\n`
      : '';
  const password = manifest.kdf
    ? `<form id="e2e-unlock" class="unlock" hidden>
<label for="e2e-password">Password</label>
<input id="e2e-password" name="password" type="password" required autofocus autocomplete="current-password">
<button type="submit">Open</button>
</form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${FAVICON_LINK}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${csp}<meta name="robots" content="noindex">
<title>An encrypted video — Handoff</title>
<meta property="og:title" content="An encrypted video">
<meta property="og:description" content="Shared with Handoff. Only people with the link${manifest.kdf ? ' and its password' : ''} can watch it.">
${style}
</head>
<body data-e2e="locked">
<main class="notice" id="e2e-gate">
<h1>An encrypted video</h1>
<p>This video is end-to-end encrypted: it is decrypted here, in your browser, and the server that stores it cannot watch it.</p>
<p class="error" id="e2e-nojs">Your browser has JavaScript turned off, and this video can only be decrypted by the page's script. Turn JavaScript on for this page, or ask the sender for a link that is not encrypted.</p>
${password}
<p id="e2e-status" class="muted" role="status"></p>
</main>
<div id="e2e-content"></div>
<script type="application/json" id="e2e-manifest">${json}</script>
${script}
</body>
</html>
`;
}

export async function buildEncryptedLink(input: {
  clip: PlayerClip;
  segments: PlayerSegment[];
  files: { video: string; captions?: string | null };
  password?: string;
  /** For tests: PBKDF2 rounds and chunk size. */
  kdfIterations?: number;
  chunkSize?: number;
  /** The URL the shell page uses for each file (relative to the page, or absolute, e.g. presigned). */
  urlOf: (name: Exclude<EncryptedObjectName, 'index.html'>) => Promise<string> | string;
  /** The service worker's scope: the folder of the page, e.g. './' for a page at …/TOKEN/index.html. */
  scope: string;
  assets?: { mode: 'inline' } | { mode: 'linked'; cssHref: string; jsHref: string };
}): Promise<EncryptedBundle> {
  const kdf = input.password === undefined ? null : newKdf(input.kdfIterations);
  const key = kdf ? await keyFromPassword(input.password as string, kdf) : newContentKey();
  const work = await mkdtemp(path.join(os.tmpdir(), 'handoff-e2e-'));
  const videoEnc = path.join(work, 'video.enc');
  const video = await encryptFile(key, 'video', input.files.video, videoEnc, input.chunkSize);
  const captions = input.files.captions ? encryptBuffer(key, 'captions', await readFile(input.files.captions), input.chunkSize) : null;
  // The body refers to the worker's virtual files, relative to the page; the thumbnail is left out (it would leak).
  const body = playerBody(
    renderPlayerPage({
      clip: input.clip,
      segments: input.segments,
      urls: { video: 'e2e/video.mp4', captions: captions ? 'e2e/captions.vtt' : null, thumb: null, download: null, beacon: null, pageAbsolute: null, thumbAbsolute: null },
      assets: { mode: 'inline', css: '', js: '' },
      viewId: null,
      startAt: null,
      queryLinks: false,
    }),
  );
  const title = input.clip.title.trim() || `Update from ${input.clip.authorName}`;
  const meta = encryptBuffer(key, 'meta', Buffer.from(JSON.stringify({ title, body }), 'utf8'), input.chunkSize);
  const manifest: EncryptedManifest = {
    v: 1,
    kdf,
    sw: await input.urlOf('sw.js'),
    scope: input.scope,
    files: {
      meta: { ...meta.info, url: await input.urlOf('meta.enc') },
      video: { ...video, url: await input.urlOf('video.enc') },
      captions: captions ? { ...captions.info, url: await input.urlOf('captions.enc') } : null,
    },
  };
  const binary = 'application/octet-stream';
  return {
    objects: [
      { name: 'sw.js', data: Buffer.from(E2E_SW_JS, 'utf8'), contentType: 'text/javascript; charset=utf-8' },
      { name: 'meta.enc', data: meta.data, contentType: binary },
      { name: 'video.enc', file: videoEnc, contentType: binary },
      ...(captions ? [{ name: 'captions.enc' as const, data: captions.data, contentType: binary }] : []),
    ],
    page: renderEncryptedShell(manifest, input.assets ?? { mode: 'inline' }),
    fragment: kdf ? '' : `#k=${key.toString('base64url')}`,
    dispose: () => rm(work, { recursive: true, force: true }),
  };
}
