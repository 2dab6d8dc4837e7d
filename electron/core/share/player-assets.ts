// The player page's stylesheet and enhancement script. They are constants (not files on disk) so the same bytes are
// served by the share server as /_/player.css and /_/player.js (CSP: no inline script) and inlined into the
// self-contained page uploaded to S3. The script is plain ES2017 with no dependencies; everything it does is optional.

export const PLAYER_CSS = `
:root { color-scheme: light dark; --fg: #1b1d21; --bg: #fbfbfc; --muted: #5f6672; --card: #fff; --line: #e2e4e8;
  --accent: #2457d6; --accent-fg: #ffffff; --hi: #fff3c4; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
@media (prefers-color-scheme: dark) { :root { --fg: #e9eaee; --bg: #15171b; --muted: #a2a8b3; --card: #1e2127;
  --line: #30343c; --accent: #8fb0ff; --accent-fg: #0b1a33; --hi: #4a4020; } }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.5; }
.top, .layout, .foot, .notice { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem; }
h1 { font-size: 1.6rem; margin: 0.25rem 0; }
h2 { font-size: 1rem; margin: 0 0 0.25rem; }
.from, .muted, .foot { color: var(--muted); }
.ask, .context { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin: 0.5rem 0; }
.ask { border-left: 4px solid var(--accent); }
.ask p, .context p { margin: 0; white-space: pre-wrap; }
.deadline { margin: 0.5rem 0; }
.badge { display: inline-block; margin: 0.25rem 0; padding: 0.1rem 0.6rem; border-radius: 999px; font-weight: 600; font-size: 0.85rem; }
.badge-urgent { background: #c62828; color: #fff; }
.badge-reply-needed { background: #f3b61f; color: #1b1d21; }
.layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1.25rem; align-items: start; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
video { width: 100%; background: #000; border-radius: 8px; display: block; }
.controls { display: flex; gap: 1rem; align-items: center; margin: 0.75rem 0; flex-wrap: wrap; }
.button, button { display: inline-block; padding: 0.45rem 0.9rem; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-fg); text-decoration: none; font: inherit; cursor: pointer; }
select, input { font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--line); background: var(--card); color: var(--fg); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.name label, .unlock label { display: block; margin-bottom: 0.25rem; }
.name .row { display: flex; gap: 0.5rem; }
.transcript { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; max-height: 70vh; overflow: auto; }
.lines { list-style: none; margin: 0; padding: 0; }
.lines a { display: block; padding: 0.3rem 0.4rem; border-radius: 4px; color: inherit; text-decoration: none; }
.lines a:hover { background: var(--line); }
.lines li.current a { background: var(--hi); }
.ts { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 0.4rem; }
.viewer-local { color: var(--muted); }
.error { color: #c62828; }
@media (prefers-color-scheme: dark) { .error { color: #f4a29b; } }
`;

/** The app's icon inline, so no page asks the server for /favicon.ico (a 404 on every load otherwise). */
export const FAVICON_LINK =
  '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 64 64%22%3E%3Crect width=%2264%22 height=%2264%22 rx=%2214%22 fill=%22%234338ca%22/%3E%3Cpath d=%22M14 22a6 6 0 016-6h16a6 6 0 016 6v20a6 6 0 01-6 6H20a6 6 0 01-6-6z%22 fill=%22%23fff%22/%3E%3Cpath d=%22M44 28l8-5v18l-8-5z%22 fill=%22%23fff%22/%3E%3C/svg%3E">';

export const PLAYER_JS = `(function () {
  'use strict';
  var video = document.getElementById('player');
  if (!video) return;
  var body = document.body;
  var beacon = body.getAttribute('data-beacon');
  var view = body.getAttribute('data-view');

  var speed = document.getElementById('speed');
  if (speed) {
    speed.parentElement.hidden = false;
    speed.addEventListener('change', function () { video.playbackRate = Number(speed.value) || 1; });
  }

  var lines = Array.prototype.slice.call(document.querySelectorAll('.lines a[data-start]'));
  lines.forEach(function (a) {
    a.addEventListener('click', function (event) {
      event.preventDefault();
      video.currentTime = Number(a.getAttribute('data-start'));
      var playing = video.play();
      // A blocked play() (autoplay policy) leaves the video paused at the right place, which is still useful.
      if (playing && playing.catch) playing.catch(function () { return undefined; });
    });
  });

  var list = document.querySelector('.transcript');
  var current = null;
  function highlight() {
    var t = video.currentTime;
    var found = null;
    for (var i = 0; i < lines.length; i++) {
      var start = Number(lines[i].getAttribute('data-start'));
      var end = Number(lines[i].getAttribute('data-end'));
      if (t >= start && t < end) { found = lines[i]; break; }
    }
    if (found === current) return;
    if (current) { current.parentElement.classList.remove('current'); current.removeAttribute('aria-current'); }
    current = found;
    if (!current) return;
    current.parentElement.classList.add('current');
    current.setAttribute('aria-current', 'true');
    if (list) {
      var top = current.offsetTop - list.offsetTop;
      if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - current.offsetHeight) {
        list.scrollTop = Math.max(0, top - list.clientHeight / 3);
      }
    }
  }
  video.addEventListener('timeupdate', highlight);
  video.addEventListener('seeked', highlight);

  // dateStyle cannot be combined with timeZoneName, hence the separate fields.
  var local = new Intl.DateTimeFormat(undefined, {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short'
  });
  Array.prototype.forEach.call(document.querySelectorAll('time[data-viewer-local]'), function (el) {
    var date = new Date(el.getAttribute('datetime'));
    if (isNaN(date.getTime())) return;
    var span = document.createElement('span');
    span.className = 'viewer-local';
    span.textContent = ' — your time: ' + local.format(date);
    el.insertAdjacentElement('afterend', span);
  });

  document.addEventListener('keydown', function (event) {
    var tag = (event.target && event.target.tagName) || '';
    if (/^(INPUT|SELECT|TEXTAREA|BUTTON|VIDEO|A)$/.test(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'k') { if (video.paused) { video.play(); } else { video.pause(); } event.preventDefault(); }
    if (event.key === 'j') { video.currentTime = Math.max(0, video.currentTime - 5); event.preventDefault(); }
    if (event.key === 'l') { video.currentTime = video.currentTime + 5; event.preventDefault(); }
  });

  var watched = 0;
  var sent = -1;
  var last = null;
  video.addEventListener('timeupdate', function () {
    var t = video.currentTime;
    if (last !== null && !video.seeking) {
      var delta = t - last;
      if (delta > 0 && delta < 2) watched += delta;
    }
    last = t;
  });
  video.addEventListener('seeking', function () { last = null; });
  function report(extra) {
    if (!beacon || !view || !navigator.sendBeacon) return false;
    var data = new URLSearchParams({ view: view, seconds: watched.toFixed(1) });
    if (extra) Object.keys(extra).forEach(function (key) { data.set(key, extra[key]); });
    sent = watched;
    return navigator.sendBeacon(beacon, data);
  }
  function flush() { if (watched !== sent) report(null); }
  video.addEventListener('pause', flush);
  video.addEventListener('ended', flush);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(); });
  window.addEventListener('pagehide', flush);
  setInterval(flush, 15000);

  var form = document.querySelector('form.name');
  if (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[name=name]');
      var name = input ? input.value.trim() : '';
      if (!name || !report({ name: name })) return;
      event.preventDefault();
      var thanks = document.createElement('p');
      thanks.textContent = 'Thanks, ' + name + '.';
      thanks.setAttribute('role', 'status');
      form.replaceWith(thanks);
    });
  }
})();
`;
