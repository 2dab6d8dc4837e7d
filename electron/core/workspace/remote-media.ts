// Lazy media (issue 19): a teammate's video stays in the workspace until it is needed. Playing streams it with Range
// (a folder workspace in place; S3 through this route, byte ranges fetched as the player asks) while an S3 video is
// fetched whole into the media cache behind it; "Keep offline" and updates that need my reply are fetched ahead and
// never evicted; sharing and transcribing fetch the whole video first, with progress. A video gone from the workspace
// is a state ('missing'), never a broken player.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import parseRange from 'range-parser';
import type { MediaPurpose, MediaStatus } from '../../../shared/contract/media';
import { asksSomething, addressedTo } from '../../../shared/inbox';
import { HandoffError, messageOf } from '../../../shared/result';
import type { EventBus } from '../api/event-bus';
import { clipDir, findClip } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { resolveClipFile, serveClipFile } from '../media/clip-files';
import type { MediaCache } from '../media/media-cache';
import type { WorkspaceBackend } from './backend';
import { clipsAnsweredBy } from './inbox-query';
import { createRemoteVideos, type RemoteVideo } from './remote-videos';
import { sha256File } from './sync-context';
import { downloadParts, partKey, readParts } from './video-parts';

export interface RemoteMediaDeps {
  db: Db;
  clipsDir: string;
  cache: MediaCache;
  backend: () => WorkspaceBackend;
  /** S3: a played video is fetched into the cache behind the stream. A folder is read in place. */
  cacheOnPlay: () => boolean;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  me: () => { id: string; name: string };
}

type Where = { kind: 'local'; file: string } | { kind: 'cached'; file: string } | { kind: 'remote'; video: RemoteVideo } | { kind: 'none' };

const PROGRESS_STEP = 256 * 1024;

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers } });
}

/** The updates among `clipIds` that need my reply (the inbox's rule): kept offline without being asked. */
export function needsMyReply(db: Db, me: { id: string; name: string }, clipIds: string[]): Set<string> {
  if (clipIds.length === 0) return new Set();
  const answered = clipsAnsweredBy(db, me.id);
  const pinned = new Set<string>();
  const read = db.prepare(`SELECT ask, urgency, recipients FROM clips WHERE id = ? AND source = 'workspace' AND (author_id IS NULL OR author_id != ?)`);
  for (const id of clipIds) {
    const row = read.get(id, me.id) as { ask: string | null; urgency: 'fyi' | 'reply-needed' | 'urgent'; recipients: string } | undefined;
    if (!row || answered.has(id)) continue;
    if (asksSomething(row) && addressedTo({ recipients: JSON.parse(row.recipients) as string[] }, me)) pinned.add(id);
  }
  return pinned;
}

export function createRemoteMedia(deps: RemoteMediaDeps) {
  const { db, cache, logger, events } = deps;
  const remote = createRemoteVideos(db);
  const inFlight = new Map<string, { promise: Promise<string>; received: number; total: number }>();

  const localFile = (clipId: string) => path.join(clipDir(deps.clipsDir, clipId), 'video.mp4');
  const autoPinned = (clipIds: string[]) => needsMyReply(db, deps.me(), clipIds);
  const exists = (file: string) => stat(file).then((info) => info.isFile(), () => false);

  async function locate(clipId: string): Promise<Where> {
    if (await exists(localFile(clipId))) return { kind: 'local', file: localFile(clipId) };
    const cached = await cache.lookup(clipId);
    if (cached) return { kind: 'cached', file: cached };
    const video = remote.get(clipId);
    return video ? { kind: 'remote', video } : { kind: 'none' };
  }

  function markMissing(clipId: string, missing: boolean): void {
    const before = remote.get(clipId)?.missingAt ?? null;
    if ((before !== null) === missing) return;
    remote.setMissing(clipId, missing ? deps.clock().toISOString() : null);
    if (missing) logger.warn("a teammate's video is gone from the workspace", { clipId });
    events.emit('media:changed', { ids: [clipId] });
  }

  /** Fetches the whole video into the media cache (once, however many ask), verified against its manifest. */
  function fetch(clipId: string, purpose: MediaPurpose): Promise<string> {
    const running = inFlight.get(clipId);
    if (running) return running.promise;
    const entry = { received: 0, total: 0, promise: Promise.resolve('') };
    entry.promise = (async () => {
      const where = await locate(clipId);
      if (where.kind === 'local' || where.kind === 'cached') return where.file;
      if (where.kind === 'none') throw new HandoffError('not-found', `Clip ${clipId} has no video in the workspace yet (still syncing?).`);
      const { video } = where;
      entry.total = video.size;
      const dest = cache.fileOf(clipId);
      const release = cache.lease(clipId);
      const progress = (state: 'fetching' | 'done' | 'failed', error: string | null = null) =>
        events.emit('media:progress', { clipId, purpose, receivedBytes: entry.received, totalBytes: video.size, state, error });
      let reported = 0;
      progress('fetching');
      try {
        const onProgress = (bytes: number) => {
          entry.received = bytes;
          if (bytes - reported >= PROGRESS_STEP) {
            reported = bytes;
            progress('fetching');
          }
        };
        // A video published while recording on S3 is parts objects, fetched in order into one file.
        if (video.parts) await downloadParts(deps.backend(), clipId, video.parts, video.size, dest, onProgress);
        else await deps.backend().download(video.key, dest, { maxBytes: video.size, onProgress });
        if ((await stat(dest)).size !== video.size || (await sha256File(dest)) !== video.sha256) {
          await rm(dest, { force: true });
          throw new HandoffError('conflict', `The video of ${clipId} in the workspace is not the one its manifest describes (size or SHA-256 differ).`);
        }
        markMissing(clipId, false);
        const evicted = await cache.add(clipId, video.size);
        progress('done');
        events.emit('media:changed', { ids: [clipId, ...evicted] });
        return dest;
      } catch (error) {
        if (error instanceof HandoffError && error.code === 'not-found') {
          markMissing(clipId, true);
          const gone = new HandoffError('not-found', `The video of ${clipId} is no longer in the workspace (its author may have removed it).`);
          progress('failed', gone.message);
          throw gone;
        }
        progress('failed', messageOf(error));
        throw error;
      } finally {
        release();
      }
    })().finally(() => inFlight.delete(clipId));
    inFlight.set(clipId, entry);
    return entry.promise;
  }

  /**
   * The video as a clip's own file, clips/<id>/video.mp4, for what needs it whole and lasting (a share link's server,
   * the transcriber): fetched first, with progress, then moved out of the cache so eviction cannot pull it away.
   */
  async function ensureLocal(clipId: string, purpose: MediaPurpose): Promise<string> {
    const target = localFile(clipId);
    if (await exists(target)) return target;
    if (!findClip(db, clipId)) throw new HandoffError('not-found', `No clip with id ${clipId}.`);
    const release = cache.lease(clipId);
    try {
      const file = await fetch(clipId, purpose);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(file, target);
      cache.forget(clipId);
      events.emit('media:changed', { ids: [clipId] });
      return target;
    } finally {
      release();
    }
  }

  /**
   * Holds the clip in the cache (as playing) until the reader has taken the last byte or dropped the response: the
   * body is pulled only as the reader asks, so bytes sitting in a buffer do not count as played.
   */
  function leased(clipId: string, response: Response): Response {
    if (!response.body) return response;
    const release = cache.lease(clipId);
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              release();
              controller.close();
            } else controller.enqueue(value);
          } catch (error) {
            release();
            controller.error(error);
          }
        },
        cancel(reason) {
          release();
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, headers: response.headers });
  }

  /** Answers a media element's request for a clip's video, wherever the video is. */
  async function serveVideo(clipId: string, rangeHeader: string | null): Promise<Response> {
    const where = await locate(clipId);
    if (where.kind === 'local') return serveClipFile({ ok: true, file: where.file, contentType: 'video/mp4' }, rangeHeader);
    if (where.kind === 'cached') {
      cache.played(clipId);
      return leased(clipId, await serveClipFile({ ok: true, file: where.file, contentType: 'video/mp4' }, rangeHeader));
    }
    const clip = findClip(db, clipId);
    if (!clip) return text(404, 'Not found');
    if (where.kind === 'none' || clip.state === 'syncing') return text(409, 'This update is still syncing: its video has not fully arrived.');
    const { video } = where;
    let start = 0;
    let end = video.size - 1;
    let partial = false;
    const range = rangeHeader ? parseRange(video.size, rangeHeader) : -2;
    if (range === -1 || (typeof range !== 'number' && range.type === 'bytes' && range.length === 0)) {
      return new Response(null, { status: 416, headers: { 'content-range': `bytes */${video.size}` } });
    }
    if (typeof range !== 'number' && range.type === 'bytes') {
      ({ start, end } = range[0]);
      partial = true;
    }
    let read;
    try {
      read = video.parts
        ? await readParts(deps.backend(), clipId, video.parts, video.size, { start, end })
        : await deps.backend().read(video.key, { start, end });
    } catch (error) {
      if (error instanceof HandoffError && error.code === 'forbidden') return text(403, error.message);
      throw error;
    }
    if (!read) {
      markMissing(clipId, true);
      return text(410, 'This video is no longer in the workspace.');
    }
    markMissing(clipId, false);
    cache.played(clipId);
    if (deps.cacheOnPlay() && !inFlight.has(clipId)) {
      fetch(clipId, 'play').catch((error: unknown) => logger.warn('caching a played video failed; it streams again next time', { clipId, error }));
    }
    const headers: Record<string, string> = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'content-length': String(read.end - read.start + 1),
    };
    if (partial) headers['content-range'] = `bytes ${read.start}-${read.end}/${read.size}`;
    return leased(clipId, new Response(Readable.toWeb(read.body) as ReadableStream, { status: partial ? 206 : 200, headers }));
  }

  /**
   * The media route of both transports (clip:// in the desktop app, /media in browser mode): a clip's files by name,
   * checked by clip-files.ts; a video streams from wherever it is.
   */
  async function serve(clipId: string, name: string, rangeHeader: string | null): Promise<Response> {
    const target = resolveClipFile(clipId, name, deps.clipsDir, (id) => findClip(db, id) !== null);
    if (target.ok && name === 'video.mp4') return serveVideo(clipId, rangeHeader);
    return serveClipFile(target, rangeHeader);
  }

  /** Where a clip's video is; `check` asks the workspace whether a remote video is still there (one HEAD). */
  async function status(clipId: string, options: { check?: boolean } = {}): Promise<MediaStatus> {
    const clip = findClip(db, clipId);
    if (!clip) throw new HandoffError('not-found', `No clip with id ${clipId}.`);
    const where = await locate(clipId);
    const pinnedByMe = cache.pinnedByMe(clipId);
    const base = {
      clipId,
      pinned: pinnedByMe || autoPinned([clipId]).has(clipId),
      pinnedBy: pinnedByMe ? ('me' as const) : autoPinned([clipId]).has(clipId) ? ('needs-reply' as const) : null,
      sizeBytes: clip.size_bytes,
      cachedBytes: cache.cachedBytes(clipId),
      fetching: inFlight.has(clipId) ? { receivedBytes: inFlight.get(clipId)!.received, totalBytes: inFlight.get(clipId)!.total } : null,
    };
    if (where.kind === 'local') return { ...base, state: 'local', message: 'On this computer.' };
    if (where.kind === 'cached') return { ...base, state: 'cached', message: 'Kept in the media cache on this computer.' };
    if (clip.state === 'syncing') return { ...base, state: 'syncing', message: 'Syncing: the video has not fully arrived in the workspace yet.' };
    if (where.kind === 'none') return { ...base, state: 'missing', message: 'This update has no video here or in the workspace.' };
    if (options.check) {
      try {
        // A parts video is there while its head is (the parts go and come together: one prefix).
        const info = await deps.backend().head(where.video.parts ? partKey(clipId, 0) : where.video.key);
        markMissing(clipId, !info);
      } catch (error) {
        // Offline or refused: what was known stands; the answer says the workspace could not be asked.
        logger.warn('could not look for a video in the workspace', { clipId, error });
        return { ...base, state: where.video.missingAt ? 'missing' : 'remote', message: `The workspace could not be reached: ${messageOf(error)}` };
      }
    }
    if (remote.get(clipId)?.missingAt) {
      return { ...base, state: 'missing', message: 'The video is no longer in the workspace (its author may have removed it). Nothing here can play it.' };
    }
    return { ...base, state: 'remote', message: 'Streams from the workspace when played.' };
  }

  async function setPinned(clipId: string, pinned: boolean): Promise<MediaStatus> {
    const clip = findClip(db, clipId);
    if (!clip) throw new HandoffError('not-found', `No clip with id ${clipId}.`);
    if (clip.source !== 'workspace') throw new HandoffError('invalid-input', `Clip ${clipId} is yours: its video is always on this computer.`);
    cache.setPinned(clipId, pinned);
    events.emit('media:changed', { ids: [clipId] });
    if (pinned) {
      fetch(clipId, 'offline').catch((error: unknown) => logger.warn('keeping a video offline failed; retried at the next sync', { clipId, error }));
    } else await cache.evict();
    return status(clipId);
  }

  /** Fetches every pinned video not yet here (mine and those that need my reply), one at a time. */
  async function prefetchPinned(signal?: AbortSignal): Promise<{ fetched: string[]; failed: string[] }> {
    const candidates = (
      db
        .prepare(
          `SELECT c.id FROM clips c JOIN media_remote r ON r.clip_id = c.id
           WHERE c.source = 'workspace' AND c.state = 'ready' AND r.missing_at IS NULL
             AND (c.id IN (SELECT clip_id FROM media_pins) OR c.ask IS NOT NULL OR c.urgency != 'fyi')`,
        )
        .all() as { id: string }[]
    ).map((row) => row.id);
    const auto = autoPinned(candidates);
    const wanted = candidates.filter((id) => cache.pinnedByMe(id) || auto.has(id));
    const fetched: string[] = [];
    const failed: string[] = [];
    for (const id of wanted) {
      if (signal?.aborted) break;
      if ((await locate(id)).kind !== 'remote') continue;
      try {
        await fetch(id, 'offline');
        fetched.push(id);
      } catch (error) {
        logger.warn('a pinned video could not be fetched yet', { clipId: id, error });
        failed.push(id);
      }
    }
    return { fetched, failed };
  }

  /** Resolves once every fetch started so far has ended (a CLI command awaits it before closing the library). */
  async function whenIdle(): Promise<void> {
    while (inFlight.size) await Promise.allSettled([...inFlight.values()].map((entry) => entry.promise));
  }

  return { locate, fetch, ensureLocal, serve, serveVideo, status, setPinned, prefetchPinned, whenIdle };
}
export type RemoteMedia = ReturnType<typeof createRemoteMedia>;
