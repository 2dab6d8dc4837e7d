// Gathers what the player page of one local link shows (clip facts, transcript, which media exist) and renders it. The
// share server decides the view (one per viewer session) and the public address.
import { existsSync } from 'node:fs';
import { servedFiles } from '../edit/edited-media';
import path from 'node:path';
import { clipDir, findClip } from '../library/clips-store';
import type { Db } from '../library/database';
import type { LinkRow } from './links-store';
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
  language?: string | null;
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
    language: clip.language ?? null,
  };
}

export function segmentsOf(db: Db, clipId: string, clipsDir?: string): PlayerSegment[] {
  // An edited clip is shown as its edited version, so its transcript is the one in edited time (core/edit).
  const edited = clipsDir ? servedFiles(db, clipsDir, clipId).info : null;
  if (edited) return edited.segments.map(({ startMs, endMs, text }) => ({ startMs, endMs, text }));
  return db
    .prepare('SELECT start_ms AS startMs, end_ms AS endMs, text FROM segments WHERE clip_id = ? ORDER BY idx')
    .all(clipId) as PlayerSegment[];
}

export function renderLinkPage(options: {
  db: Db;
  clipsDir: string;
  link: LinkRow;
  search: URLSearchParams;
  /** The configured address links are made with (never the request's Host: anyone can send any Host). */
  origin: string;
  /** The viewer session's view, or null (HEAD). */
  viewId: number | null;
  assets: PlayerAssets;
}): string | null {
  const { db, link, search, origin, viewId } = options;
  const clip = findClip(db, link.clip_id);
  if (!clip) return null;
  const dir = clipDir(options.clipsDir, clip.id);
  const base = `/${link.token}`;
  const hasThumb = existsSync(path.join(dir, 'thumb.jpg'));
  const t = Number(search.get('t'));

  return renderPlayerPage({
    clip: playerClipOf(clip),
    segments: segmentsOf(db, clip.id, options.clipsDir),
    urls: {
      video: `${base}/video.mp4`,
      captions: servedFiles(db, options.clipsDir, clip.id).captions ? `${base}/captions.vtt` : null,
      thumb: hasThumb ? `${base}/thumb.jpg` : null,
      download: link.allow_download === 1 ? `${base}/download` : null,
      beacon: `${base}/beacon`,
      pageAbsolute: origin + base,
      thumbAbsolute: hasThumb ? `${origin}${base}/thumb.jpg` : null,
    },
    assets: options.assets,
    viewId,
    startAt: Number.isFinite(t) && t > 0 && t < 1e6 ? t : null,
  });
}
