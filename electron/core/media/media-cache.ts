// The media cache: teammates' videos fetched from the workspace, kept in <data>/cache/media/<clipId>.mp4 under a size
// cap. When an addition takes it over the cap, the least recently played clips go first; a pinned clip ("Keep
// offline", or an update that needs my reply) and a clip being played or read right now are never evicted. The rows
// (migration 011) are the cache's own: no other module writes media_cache or media_pins.
import { mkdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../library/database';
import type { Logger } from '../logger';

/** A clip served within this long counts as playing: a media element pauses between its Range requests. */
export const PLAYING_GRACE_MS = 2 * 60_000;
export const DEFAULT_CACHE_CAP_BYTES = 5 * 1024 ** 3;

export interface MediaCacheDeps {
  db: Db;
  dir: string;
  clock: () => Date;
  logger: Logger;
  capBytes: () => number;
  /** Of these clips, the ones pinned without being asked (updates that need my reply). */
  autoPinned: (clipIds: string[]) => Set<string>;
}

export interface CacheUsage {
  bytes: number;
  capBytes: number;
  clips: number;
  pinnedClips: number;
}

/** Where played videos are cached: <data>/cache/media (compose.ts and an edited version's sync both need it). */
export function mediaCacheDirOf(dataDir: string): string {
  return path.join(dataDir, 'cache', 'media');
}

export function createMediaCache(deps: MediaCacheDeps) {
  const { db, dir, clock, logger } = deps;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const leases = new Map<string, number>();
  const lastServed = new Map<string, number>();
  const q = {
    get: db.prepare('SELECT bytes, last_played_ms AS lastPlayedMs FROM media_cache WHERE clip_id = ?'),
    put: db.prepare(
      `INSERT INTO media_cache (clip_id, bytes, last_played_ms, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(clip_id) DO UPDATE SET bytes = excluded.bytes, last_played_ms = excluded.last_played_ms`,
    ),
    touch: db.prepare('UPDATE media_cache SET last_played_ms = ? WHERE clip_id = ?'),
    remove: db.prepare('DELETE FROM media_cache WHERE clip_id = ?'),
    total: db.prepare('SELECT COALESCE(SUM(bytes), 0) AS bytes, COUNT(*) AS clips FROM media_cache'),
    oldestFirst: db.prepare('SELECT clip_id AS clipId, bytes FROM media_cache ORDER BY last_played_ms, clip_id'),
    pinned: db.prepare('SELECT 1 FROM media_pins WHERE clip_id = ?'),
    pin: db.prepare('INSERT OR IGNORE INTO media_pins (clip_id, pinned_at) VALUES (?, ?)'),
    unpin: db.prepare('DELETE FROM media_pins WHERE clip_id = ?'),
    pins: db.prepare('SELECT clip_id AS clipId FROM media_pins ORDER BY pinned_at'),
  };

  const fileOf = (clipId: string) => path.join(dir, `${clipId}.mp4`);
  const now = () => clock().getTime();

  function playing(clipId: string): boolean {
    if ((leases.get(clipId) ?? 0) > 0) return true;
    const served = lastServed.get(clipId);
    return served !== undefined && now() - served < PLAYING_GRACE_MS;
  }

  function pinnedSet(clipIds: string[]): Set<string> {
    const set = deps.autoPinned(clipIds);
    for (const id of clipIds) if (q.pinned.get(id)) set.add(id);
    return set;
  }

  /** Brings the cache under its cap, least recently played first; returns the clips evicted. */
  async function evict(): Promise<string[]> {
    const cap = deps.capBytes();
    let { bytes } = q.total.get() as { bytes: number };
    if (bytes <= cap) return [];
    const rows = q.oldestFirst.all() as { clipId: string; bytes: number }[];
    const keep = pinnedSet(rows.map((r) => r.clipId));
    const evicted: string[] = [];
    for (const row of rows) {
      if (bytes <= cap) break;
      if (keep.has(row.clipId) || playing(row.clipId)) continue;
      q.remove.run(row.clipId);
      await rm(fileOf(row.clipId), { force: true });
      bytes -= row.bytes;
      evicted.push(row.clipId);
    }
    if (bytes > cap) logger.warn('the media cache is over its cap: what is left is pinned or playing', { bytes, cap });
    if (evicted.length) logger.info('evicted from the media cache', { clips: evicted.length, bytes, cap });
    return evicted;
  }

  return {
    dir,
    fileOf,
    /** The cached file, when the whole video is here. */
    async lookup(clipId: string): Promise<string | null> {
      const row = q.get.get(clipId) as { bytes: number } | undefined;
      if (!row) return null;
      const info = await stat(fileOf(clipId)).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      });
      if (info?.size === row.bytes) return fileOf(clipId);
      // Removed by hand, or cut short: forget it, so it is fetched again rather than served broken.
      logger.warn('a cached video was missing or the wrong size; it is fetched again when needed', { clipId });
      q.remove.run(clipId);
      return null;
    },
    /** Records a complete, verified file now at fileOf(clipId), then evicts what the cap no longer holds. */
    async add(clipId: string, bytes: number): Promise<string[]> {
      q.put.run(clipId, bytes, now(), clock().toISOString());
      // Just fetched for a reason (played, pinned, shared): it is not the one to make room.
      lastServed.set(clipId, now());
      return evict();
    },
    /** A Range request was served from (or for) this clip: it is the most recently played, and playing for a while. */
    played(clipId: string): void {
      lastServed.set(clipId, now());
      q.touch.run(now(), clipId);
    },
    /** Holds a clip in the cache while a stream or a reader uses it; call the returned function when done. */
    lease(clipId: string): () => void {
      leases.set(clipId, (leases.get(clipId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (leases.get(clipId) ?? 1) - 1;
        if (left > 0) leases.set(clipId, left);
        else leases.delete(clipId);
      };
    },
    playing,
    async remove(clipId: string): Promise<void> {
      q.remove.run(clipId);
      await rm(fileOf(clipId), { force: true });
    },
    /** Leaves the cache's row but not its file: the file was moved out (made a clip's own copy). */
    forget(clipId: string): void {
      q.remove.run(clipId);
    },
    evict,
    pinnedByMe: (clipId: string) => q.pinned.get(clipId) !== undefined,
    isPinned: (clipId: string) => pinnedSet([clipId]).has(clipId),
    setPinned(clipId: string, pinned: boolean): void {
      if (pinned) q.pin.run(clipId, clock().toISOString());
      else q.unpin.run(clipId);
    },
    pins: () => (q.pins.all() as { clipId: string }[]).map((row) => row.clipId),
    cachedBytes: (clipId: string) => (q.get.get(clipId) as { bytes: number } | undefined)?.bytes ?? 0,
    usage(): CacheUsage {
      const { bytes, clips } = q.total.get() as { bytes: number; clips: number };
      const rows = q.oldestFirst.all() as { clipId: string }[];
      return { bytes, clips, capBytes: deps.capBytes(), pinnedClips: pinnedSet(rows.map((r) => r.clipId)).size };
    },
  };
}
export type MediaCache = ReturnType<typeof createMediaCache>;
