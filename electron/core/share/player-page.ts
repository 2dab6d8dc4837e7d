// The player page, rendered on the server for someone who has never heard of Handoff: what the update is about, what
// it asks and by when, up front; the video with captions (plays with JavaScript off); the transcript beside it. The
// script only enhances (speed, click-to-seek, current line, viewer-local deadline, watch-time beacon). Every value that
// comes from a clip goes through escapeHtml.

import { FAVICON_LINK } from './player-assets';

export interface PlayerClip {
  title: string;
  context: string | null;
  ask: string | null;
  dueAt: string | null;
  urgency: 'fyi' | 'reply-needed' | 'urgent';
  authorName: string;
  authorTimezone: string;
  recordedAt: string;
  /** The transcript's language code (whisper's detection or the chosen one); the caption track carries it. */
  language?: string | null;
}

export interface PlayerSegment {
  startMs: number;
  endMs: number;
  text: string;
}

export interface PlayerUrls {
  video: string;
  captions: string | null;
  thumb: string | null;
  download: string | null;
  /** Where watch time and a viewer name are posted; null on pages without a server (S3). */
  beacon: string | null;
  /** Absolute URLs for link previews (Open Graph needs absolute URLs). */
  pageAbsolute: string | null;
  thumbAbsolute: string | null;
}

export type PlayerAssets = { mode: 'linked'; cssHref: string; jsHref: string } | { mode: 'inline'; css: string; js: string };

export interface PlayerPageModel {
  clip: PlayerClip;
  segments: PlayerSegment[];
  urls: PlayerUrls;
  assets: PlayerAssets;
  viewId: number | null;
  /** Seconds to start at (the no-script transcript links use `?t=`). */
  startAt: number | null;
  /** False where the page URL must not change (a presigned URL): transcript lines then need the script to seek. */
  queryLinks?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A time in a named IANA zone; an unknown zone (bad data) falls back to UTC and says so rather than failing the page. */
export function formatInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    // RangeError: not an IANA zone. The instant is still right in UTC.
    zone = 'UTC';
  }
  return `${new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone }).format(date)} (${zone.replace(/_/g, ' ')})`;
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const URGENCY_LABEL = { fyi: 'FYI', 'reply-needed': 'Reply needed', urgent: 'Urgent' } as const;

function describe(clip: PlayerClip): string {
  const parts = [clip.ask ? `Ask: ${clip.ask}` : null, clip.context, `A video update from ${clip.authorName}.`];
  return parts.filter(Boolean).join(' — ').slice(0, 300);
}

function head(title: string, model: { description: string; urls: PlayerUrls | null; assets: PlayerAssets }): string {
  const { description, urls, assets } = model;
  const meta = [
    `<meta property="og:type" content="video.other">`,
    `<meta property="og:site_name" content="Handoff">`,
    `<meta property="og:title" content="${escapeHtml(title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<meta name="twitter:title" content="${escapeHtml(title)}">`,
    `<meta name="twitter:description" content="${escapeHtml(description)}">`,
  ];
  if (urls?.pageAbsolute) meta.push(`<meta property="og:url" content="${escapeHtml(urls.pageAbsolute)}">`);
  if (urls?.thumbAbsolute) {
    meta.push(`<meta property="og:image" content="${escapeHtml(urls.thumbAbsolute)}">`);
    meta.push(`<meta name="twitter:card" content="summary_large_image">`);
    meta.push(`<meta name="twitter:image" content="${escapeHtml(urls.thumbAbsolute)}">`);
  } else {
    meta.push(`<meta name="twitter:card" content="summary">`);
  }
  const style =
    assets.mode === 'linked' ? `<link rel="stylesheet" href="${escapeHtml(assets.cssHref)}">` : `<style>${assets.css}</style>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${FAVICON_LINK}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
${meta.join('\n')}
${style}
</head>`;
}

function script(assets: PlayerAssets): string {
  // A JSON-ish payload can never close the script element: the inline script is our own constant, not clip data.
  return assets.mode === 'linked'
    ? `<script src="${escapeHtml(assets.jsHref)}" defer></script>`
    : `<script>${assets.js}</script>`;
}

function transcript(segments: PlayerSegment[], queryLinks: boolean): string {
  if (segments.length === 0) return `<p class="muted">No transcript yet.</p>`;
  const items = segments.map((s) => {
    const start = (s.startMs / 1000).toFixed(3);
    const end = (s.endMs / 1000).toFixed(3);
    const href = queryLinks ? `?t=${start}#player` : '#player';
    return `<li><a href="${href}" data-start="${start}" data-end="${end}"><span class="ts">${formatClock(s.startMs)}</span> <span class="tx">${escapeHtml(s.text)}</span></a></li>`;
  });
  return `<ol class="lines">\n${items.join('\n')}\n</ol>`;
}

export function renderPlayerPage(model: PlayerPageModel): string {
  const { clip, urls, segments } = model;
  const title = clip.title.trim() || `Update from ${clip.authorName}`;
  const fragment = model.startAt !== null && model.startAt > 0 ? `#t=${model.startAt.toFixed(3)}` : '';
  const facts: string[] = [
    `<p class="from">From <strong>${escapeHtml(clip.authorName)}</strong>, recorded <time datetime="${escapeHtml(clip.recordedAt)}">${escapeHtml(formatInZone(clip.recordedAt, clip.authorTimezone))}</time> their time</p>`,
  ];
  const upFront: string[] = [];
  if (clip.urgency !== 'fyi') upFront.push(`<p class="badge badge-${clip.urgency}">${URGENCY_LABEL[clip.urgency]}</p>`);
  if (clip.ask) upFront.push(`<div class="ask"><h2>The ask</h2><p>${escapeHtml(clip.ask)}</p></div>`);
  if (clip.dueAt) {
    upFront.push(
      `<p class="deadline"><strong>Deadline:</strong> <time datetime="${escapeHtml(clip.dueAt)}" data-viewer-local>${escapeHtml(formatInZone(clip.dueAt, clip.authorTimezone))}</time></p>`,
    );
  }
  if (clip.context) upFront.push(`<div class="context"><h2>Context</h2><p>${escapeHtml(clip.context)}</p></div>`);

  const track = urls.captions ? captionTrack(urls.captions, clip.language ?? null) : '';
  const poster = urls.thumb ? ` poster="${escapeHtml(urls.thumb)}"` : '';
  const download = urls.download
    ? `<a class="button" href="${escapeHtml(urls.download)}" download>Download video</a>`
    : '';
  const nameForm =
    urls.beacon && model.viewId !== null
      ? `<form class="name" method="post" action="${escapeHtml(urls.beacon)}">
<input type="hidden" name="view" value="${model.viewId}"><input type="hidden" name="back" value="1">
<label for="viewer-name">Let ${escapeHtml(clip.authorName)} know you watched (optional)</label>
<span class="row"><input id="viewer-name" name="name" maxlength="80" autocomplete="name" placeholder="Your name"><button type="submit">Send</button></span>
</form>`
      : '';
  const data = [
    urls.beacon ? ` data-beacon="${escapeHtml(urls.beacon)}"` : '',
    model.viewId !== null ? ` data-view="${model.viewId}"` : '',
  ].join('');

  return `${head(title, { description: describe(clip), urls, assets: model.assets })}
<body${data}>
<header class="top">
<h1>${escapeHtml(title)}</h1>
${facts.join('\n')}
${upFront.join('\n')}
</header>
<main class="layout">
<section class="watch" aria-label="Video">
<video id="player" src="${escapeHtml(urls.video + fragment)}" controls preload="metadata" playsinline${poster}>
${track}
<p>Your browser cannot play this video here. <a href="${escapeHtml(urls.video)}">Open the video file</a>.</p>
</video>
<div class="controls">
<label class="speed" hidden>Speed <select id="speed">
<option value="0.75">0.75×</option><option value="1" selected>1×</option><option value="1.25">1.25×</option><option value="1.5">1.5×</option><option value="2">2×</option>
</select></label>
${download}
</div>
${nameForm}
</section>
<section class="transcript" aria-label="Transcript">
<h2>Transcript</h2>
${transcript(segments, model.queryLinks !== false)}
</section>
</main>
<footer class="foot">Shared with Handoff</footer>
${script(model.assets)}
</body>
</html>
`;
}

/** A page with a message and no clip data: 404/410/401/429 pages and the password form. */
export function renderNotice(options: { title: string; message: string; assets: PlayerAssets; form?: { action: string; error: string | null }; refreshSeconds?: number }): string {
  const form = options.form
    ? `<form class="unlock" method="post" action="${escapeHtml(options.form.action)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" required autofocus autocomplete="current-password">
<button type="submit">Open</button>
${options.form.error ? `<p class="error" role="alert">${escapeHtml(options.form.error)}</p>` : ''}
</form>`
    : '';
  return `${head(options.title, { description: options.message, urls: null, assets: options.assets })}
<body>
${options.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.round(options.refreshSeconds)}">
` : ''}<main class="notice">
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.message)}</p>
${form}
</main>
</body>
</html>
`;
}

/** The caption track in the transcript's language ("Captions (German)"), or undetermined when it is not known. */
export function captionTrack(src: string, language: string | null): string {
  const code = language && /^[a-z]{2,3}$/.test(language) ? language : null;
  let name: string | null = null;
  try {
    name = code ? (new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? null) : null;
  } catch {
    name = null; // a code Intl does not know: the track still carries it, labelled by the code
  }
  const label = code ? `Captions (${name ?? code})` : 'Captions';
  return `<track kind="captions" src="${escapeHtml(src)}" srclang="${code ?? 'und'}" label="${escapeHtml(label)}" default>`;
}
