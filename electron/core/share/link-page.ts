// Gathers what the player page of one local link shows (clip facts, transcript, which media exist), records the view,
// and renders the page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { clipDir, findClip } from '../library/clips-store';
import type { Db } from '../library/database';
import type { LinkRow, LinksStore } from './links-store';
import { renderPlayerPage, type PlayerAssets, type PlayerClip, type PlayerSegment } from './player-page';

export function playerClipOf(clip: {
  title: string;
  context: string | null;
  ask: string | null;
  due_at: string | null;
  urgency: PlayerClip['urgency'];
  author_name: string;
  author_timezone: string;
  recorded_at: string;
}): PlayerClip {
  return {
    title: clip.title,
    context: clip.context,
    ask: clip.ask,
    dueAt: clip.due_at,
    urgency: clip.urgency,
    authorName: clip.author_name,
    authorTimezone: clip.author_timezone,
    recordedAt: clip.recorded_at,
  };
}

export function segmentsOf(db: Db, clipId: string): PlayerSegment[] {
  return db
    .prepare('SELECT start_ms AS startMs, end_ms AS endMs, text FROM segments WHERE clip_id = ? ORDER BY idx')
    .all(clipId) as PlayerSegment[];
}

/** An absolute origin for Open Graph tags from the Host the client used; a Host that is not a plain authority is ignored. */
function originOf(req: IncomingMessage): string | null {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `http://${host}` : null;
}

export function renderLinkPage(options: {
  db: Db;
  clipsDir: string;
  links: LinksStore;
  link: LinkRow;
  req: IncomingMessage;
  search: URLSearchParams;
  now: Date;
  assets: PlayerAssets;
}): string | null {
  const { db, link, links, req, search } = options;
  const clip = findClip(db, link.clip_id);
  if (!clip) return null;
  const dir = clipDir(options.clipsDir, clip.id);
  const base = `/${link.token}`;
  const hasThumb = existsSync(path.join(dir, 'thumb.jpg'));
  const origin = originOf(req);

  // A returning form post carries its view id back (?v=), so naming yourself does not count a second view.
  const given = Number(search.get('v'));
  let viewId: number | null = null;
  if (req.method === 'GET') {
    viewId = Number.isSafeInteger(given) && given > 0 && links.hasView(link.token, given) ? given : links.startView(link.token, options.now);
  }
  const t = Number(search.get('t'));

  return renderPlayerPage({
    clip: playerClipOf(clip),
    segments: segmentsOf(db, clip.id),
    urls: {
      video: `${base}/video.mp4`,
      captions: existsSync(path.join(dir, 'captions.vtt')) ? `${base}/captions.vtt` : null,
      thumb: hasThumb ? `${base}/thumb.jpg` : null,
      download: link.allow_download === 1 ? `${base}/download` : null,
      beacon: `${base}/beacon`,
      pageAbsolute: origin ? origin + base : null,
      thumbAbsolute: origin && hasThumb ? `${origin}${base}/thumb.jpg` : null,
    },
    assets: options.assets,
    viewId,
    startAt: Number.isFinite(t) && t > 0 && t < 1e6 ? t : null,
  });
}
