// A clip's media files by (id, name): an allow-list of names, the path built here and checked with path.relative so
// nothing outside <data>/clips can be reached, and Range so media elements can seek. Used by the desktop clip://
// scheme and by browser mode's /media route alike; answers are web Responses, which both can send.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import parseRange from 'range-parser';

export const CLIP_FILES: Record<string, string> = {
  'video.mp4': 'video/mp4',
  'thumb.jpg': 'image/jpeg',
  'captions.vtt': 'text/vtt; charset=utf-8',
  'captions.srt': 'application/x-subrip; charset=utf-8',
  // The rendered edited version (core/edit), for download.
  'edited.mp4': 'video/mp4',
  'edited.vtt': 'text/vtt; charset=utf-8',
};

const CLIP_ID = /^[A-Za-z0-9_-]{6,64}$/;

export type ClipTarget = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404 };

/** Checks an id and a file name that came from a request; never trusts either. */
export function resolveClipFile(id: string, name: string, clipsDir: string, clipExists: (id: string) => boolean): ClipTarget {
  if (!CLIP_ID.test(id) || !Object.hasOwn(CLIP_FILES, name)) return { ok: false, status: 404 };
  const file = path.resolve(clipsDir, id, name);
  const relative = path.relative(path.resolve(clipsDir), file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, status: 403 };
  if (!clipExists(id)) return { ok: false, status: 404 };
  return { ok: true, file, contentType: CLIP_FILES[name] };
}


function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

export async function serveClipFile(target: ClipTarget, rangeHeader: string | null): Promise<Response> {
  if (!target.ok) return plain(target.status, 'Not found');
  let size: number;
  try {
    size = (await stat(target.file)).size;
  } catch {
    return plain(404, 'Not found');
  }
  const headers: Record<string, string> = {
    'content-type': target.contentType,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
  if (!rangeHeader) {
    const body = Readable.toWeb(createReadStream(target.file)) as ReadableStream;
    return new Response(body, { status: 200, headers: { ...headers, 'content-length': String(size) } });
  }
  const range = parseRange(size, rangeHeader);
  // A malformed header (-2) or another unit is ignored (the whole file); nothing satisfiable (-1) is 416, per RFC 9110.
  if (range === -2 || (typeof range !== 'number' && range.type !== 'bytes')) {
    const body = Readable.toWeb(createReadStream(target.file)) as ReadableStream;
    return new Response(body, { status: 200, headers: { ...headers, 'content-length': String(size) } });
  }
  if (range === -1 || range.length === 0) {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  }
  // One range is what media elements ask for; several are answered with the first.
  const { start, end } = range[0];
  const body = Readable.toWeb(createReadStream(target.file, { start, end })) as ReadableStream;
  return new Response(body, {
    status: 206,
    headers: { ...headers, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` },
  });
}
