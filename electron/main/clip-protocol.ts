// Media for the desktop renderer through `clip://media/<clipId>/<file>` (protocol.handle). The id sits in the path,
// not the host, because a standard scheme lowercases hosts and clip ids are case-sensitive. Containment and Range
// are core's (media/clip-files.ts), shared with browser mode.
import { resolveClipFile, type ClipTarget } from '../core/media/clip-files';

export { serveClipFile } from '../core/media/clip-files';

export const CLIP_SCHEME = 'clip';
export const CLIP_HOST = 'media';

export function clipUrl(clipId: string, file: string): string {
  return `${CLIP_SCHEME}://${CLIP_HOST}/${encodeURIComponent(clipId)}/${encodeURIComponent(file)}`;
}

export function resolveClipUrl(rawUrl: string, clipsDir: string, clipExists: (id: string) => boolean): ClipTarget {
  const parts = parseClipUrl(rawUrl);
  return 'status' in parts ? { ok: false, status: parts.status } : resolveClipFile(parts.id, parts.file, clipsDir, clipExists);
}

/** `clip://media/<id>/<file>` → its two decoded parts (core checks them), or the status to refuse it with. */
export function parseClipUrl(rawUrl: string): { id: string; file: string } | { status: 400 | 404 } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${CLIP_SCHEME}:` || url.hostname !== CLIP_HOST) return { status: 404 };
  let parts: string[];
  try {
    parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { status: 400 };
  }
  // Decoding first means %2e%2e and %2f are judged as what they spell.
  if (parts.length !== 2 || parts.some((part) => part.includes('/') || part.includes('\\') || part.includes('\0'))) {
    return { status: 404 };
  }
  return { id: parts[0], file: parts[1] };
}
