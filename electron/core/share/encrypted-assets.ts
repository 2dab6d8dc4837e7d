// The browser half of end-to-end encrypted links: the page script (gets the key from the URL fragment or a password,
// proves it by opening the small encrypted page body, hands the key to the service worker, then shows the player) and
// the service worker (answers the video element's Range requests by fetching only the encrypted chunks they cover,
// with HTTP Range, and decrypting them with WebCrypto). Constants, like player-assets.ts, so the share server and the
// bucket serve the same bytes. The chunk layout is encrypted-media.ts's; the unit test checks the two agree.
import { PLAYER_JS } from './player-assets';

/** Shared by page and worker: base64url, per-chunk nonce and additional data, exactly as encrypted-media.ts. */
const CRYPTO_JS = `
  function b64(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function chunks(f) { return Math.max(1, Math.ceil(f.size / f.chunkSize)); }
  function nonceOf(f, i) {
    var n = b64(f.nonce);
    var v = ((n[8] << 24) | (n[9] << 16) | (n[10] << 8) | n[11]) ^ i;
    n[8] = (v >>> 24) & 255; n[9] = (v >>> 16) & 255; n[10] = (v >>> 8) & 255; n[11] = v & 255;
    return n;
  }
  function openChunk(key, f, i, data) {
    var aad = new TextEncoder().encode('handoff-e2e/1 ' + f.name + ' ' + i + '/' + chunks(f) + ' ' + f.size);
    return crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonceOf(f, i), additionalData: aad, tagLength: 128 }, key, data);
  }
  function fetchChunk(key, f, i) {
    var step = f.chunkSize + 16;
    var from = i * step;
    var to = Math.min((i + 1) * step, f.size + chunks(f) * 16) - 1;
    return fetch(f.url, { headers: { Range: 'bytes=' + from + '-' + to }, credentials: 'omit', cache: 'no-store' }).then(function (res) {
      if (res.status !== 206 && res.status !== 200) throw new Error('the encrypted ' + f.name + ' answered ' + res.status);
      return res.arrayBuffer();
    }).then(function (buf) {
      // A server that ignores Range sends the whole file: take this chunk out of it.
      var data = buf.byteLength === to - from + 1 ? buf : buf.slice(from, to + 1);
      return openChunk(key, f, i, data);
    });
  }
`;

export const E2E_SW_JS = `'use strict';
${CRYPTO_JS}
var state = null;
var cache = new Map();
// At most this much per answer to an open-ended Range: a seek then waits for little, and the element asks for more.
var MAX_SPAN = 2 * 1024 * 1024;
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });
self.addEventListener('message', function (event) {
  if (!event.data || event.data.type !== 'handoff-e2e-key') return;
  state = event.data.state;
  cache.clear();
  if (event.ports[0]) event.ports[0].postMessage('ok');
});

// A worker stopped while idle loses its memory: it asks the page that made the request for the key again.
function stateFor(clientId) {
  if (state) return Promise.resolve(state);
  return self.clients.get(clientId).then(function (client) {
    return client || self.clients.matchAll({ type: 'window' }).then(function (all) { return all[0]; });
  }).then(function (client) {
    if (!client) throw new Error('no page holds the key');
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { state = event.data; resolve(state); };
      client.postMessage({ type: 'handoff-e2e-need-key' }, [channel.port2]);
    });
  });
}

function chunk(f, i) {
  var id = f.name + ':' + i;
  var hit = cache.get(id);
  if (hit) { cache.delete(id); cache.set(id, hit); return hit; }
  var loading = fetchChunk(state.key, f, i).then(function (buf) {
    report(f, i, buf.byteLength);
    return new Uint8Array(buf);
  });
  loading.catch(function () { cache.delete(id); });
  cache.set(id, loading);
  while (cache.size > 12) cache.delete(cache.keys().next().value);
  return loading;
}

// What was fetched, for the page (and its tests) to show how little a seek needs.
var fetched = { chunks: [], bytes: 0 };
function report(f, i, bytes) {
  if (f.name === 'video') fetched.chunks.push(i);
  fetched.bytes += bytes;
  self.clients.matchAll({ type: 'window' }).then(function (all) {
    all.forEach(function (c) { c.postMessage({ type: 'handoff-e2e-progress', name: f.name, chunks: fetched.chunks, bytes: fetched.bytes }); });
  });
}

function respond(request, clientId, name) {
  return stateFor(clientId).then(function (s) {
    var f = s.files[name];
    if (!f) return new Response('Not found.', { status: 404 });
    var type = name === 'video' ? 'video/mp4' : 'text/vtt; charset=utf-8';
    var m = /^bytes=(\\d+)-(\\d*)$/.exec(request.headers.get('range') || '');
    var start = 0, end = f.size - 1;
    if (m) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), f.size - 1) : f.size - 1;
      if (start >= f.size || end < start) return new Response('', { status: 416, headers: { 'Content-Range': 'bytes */' + f.size } });
      // An open-ended range is answered in part; the video element asks again for what it still needs.
      end = Math.min(end, start + MAX_SPAN - 1);
    }
    var i = Math.floor(start / f.chunkSize);
    var last = Math.floor(end / f.chunkSize);
    var body = new ReadableStream({
      pull: function (controller) {
        if (f.size === 0 || i > last) { controller.close(); return undefined; }
        var index = i++;
        // The next chunk is fetched while this one is decrypted and played: the two overlap instead of queuing.
        if (index + 1 <= last) chunk(f, index + 1).catch(function () { return undefined; });
        return chunk(f, index).then(function (plain) {
          var from = Math.max(start - index * f.chunkSize, 0);
          var to = Math.min(end - index * f.chunkSize + 1, plain.length);
          controller.enqueue(plain.slice(from, to));
          if (i > last) controller.close();
        }, function (error) { controller.error(error); });
      }
    });
    var headers = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Content-Length': String(f.size === 0 ? 0 : end - start + 1), 'Cache-Control': 'no-store' };
    if (!m) return new Response(body, { status: 200, headers: headers });
    headers['Content-Range'] = 'bytes ' + start + '-' + end + '/' + f.size;
    return new Response(body, { status: 206, headers: headers });
  });
}

self.addEventListener('fetch', function (event) {
  var url = event.request.url.split(/[?#]/)[0];
  var scope = self.registration.scope;
  var name = url === scope + 'e2e/video.mp4' ? 'video' : url === scope + 'e2e/captions.vtt' ? 'captions' : null;
  if (!name) return;
  event.respondWith(respond(event.request, event.clientId, name).catch(function (error) {
    return new Response('This part of the video could not be decrypted: ' + error.message, { status: 500 });
  }));
});
`;

export const E2E_PAGE_JS = `(function () {
  'use strict';
  ${CRYPTO_JS}
  // Shown by the markup, so a browser that runs no script at all (or blocks this one) says why nothing plays.
  document.getElementById('e2e-nojs').hidden = true;
  var status = document.getElementById('e2e-status');
  var gate = document.getElementById('e2e-gate');
  var form = document.getElementById('e2e-unlock');
  function say(message, error) {
    status.textContent = message;
    status.className = error ? 'error' : 'muted';
    status.setAttribute('role', error ? 'alert' : 'status');
    document.body.setAttribute('data-e2e', error ? 'error' : 'working');
  }
  var manifest = JSON.parse(document.getElementById('e2e-manifest').textContent);
  var files = {};
  Object.keys(manifest.files).forEach(function (name) {
    var f = manifest.files[name];
    if (f) files[name] = { name: name, url: new URL(f.url, location.href).href, size: f.size, chunkSize: f.chunkSize, nonce: f.nonce };
  });
  if (!window.isSecureContext || !window.crypto || !crypto.subtle) {
    return say('This page must be opened over https (or on this computer) to decrypt the video.', true);
  }
  if (!('serviceWorker' in navigator)) {
    return say('This browser cannot play encrypted videos here (service workers are off, as in some private windows). Open the link in a normal window of a current browser.', true);
  }
  var swState = null;
  navigator.serviceWorker.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'handoff-e2e-need-key' && swState && event.ports[0]) event.ports[0].postMessage(swState);
    if (data.type === 'handoff-e2e-progress') {
      document.body.setAttribute('data-e2e-chunks', data.chunks.join(' '));
      document.body.setAttribute('data-e2e-bytes', String(data.bytes));
    }
  });
  navigator.serviceWorker.startMessages();

  function openMeta(key) {
    var f = files.meta;
    var parts = [];
    for (var i = 0; i < chunks(f); i++) parts.push(fetchChunk(key, f, i));
    return Promise.all(parts).then(function (opened) {
      var total = opened.reduce(function (n, b) { return n + b.byteLength; }, 0);
      var all = new Uint8Array(total), at = 0;
      opened.forEach(function (b) { all.set(new Uint8Array(b), at); at += b.byteLength; });
      return JSON.parse(new TextDecoder().decode(all));
    });
  }

  function worker() {
    return navigator.serviceWorker.register(manifest.sw, { scope: manifest.scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      if (navigator.serviceWorker.controller) return navigator.serviceWorker.controller;
      // The worker claims open pages when it activates; a page it has just claimed sees controllerchange.
      return new Promise(function (resolve) {
        navigator.serviceWorker.addEventListener('controllerchange', function () { resolve(navigator.serviceWorker.controller); });
        if (navigator.serviceWorker.controller) resolve(navigator.serviceWorker.controller);
      });
    });
  }

  function give(controller, key) {
    swState = { key: key, files: { video: files.video, captions: files.captions || null } };
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { resolve(); };
      controller.postMessage({ type: 'handoff-e2e-key', state: swState }, [channel.port2]);
    });
  }

  function startPlayer() {
    ${PLAYER_JS}
  }

  function show(meta) {
    document.title = meta.title;
    gate.hidden = true;
    var content = document.getElementById('e2e-content');
    content.innerHTML = meta.body;
    document.body.setAttribute('data-e2e', 'ready');
    startPlayer();
  }

  // The key is proved on the small page body before anything else: a wrong one never gets near the video.
  function unlock(keyPromise, wrong) {
    var key;
    return keyPromise.then(function (k) { key = k; return openMeta(key); }).then(function (meta) {
      say('Decrypting…', false);
      return worker().then(function (controller) { return give(controller, key); }).then(function () { show(meta); });
    }, function (error) {
      if (error && error.name === 'OperationError') return say(wrong, true);
      say('The video could not be loaded: ' + (error && error.message ? error.message : String(error)), true);
    });
  }

  if (manifest.kdf) {
    form.hidden = false;
    say('', false);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = document.getElementById('e2e-password');
      var password = input.value.normalize('NFC');
      say('Checking the password…', false);
      var derived = crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']).then(function (material) {
        return crypto.subtle.deriveKey(
          { name: 'PBKDF2', hash: 'SHA-256', salt: b64(manifest.kdf.salt), iterations: manifest.kdf.iterations },
          material, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
      });
      unlock(derived, 'That password is not right.');
    });
    return;
  }
  var match = /[#&]k=([A-Za-z0-9_-]{43})/.exec(location.hash);
  if (!match) return say('This link is missing its key (the part after #). Ask the sender for the whole link.', true);
  unlock(crypto.subtle.importKey('raw', b64(match[1]), 'AES-GCM', false, ['decrypt']), 'The key in this link does not open this video. Ask the sender for the whole link.');
})();
`;
