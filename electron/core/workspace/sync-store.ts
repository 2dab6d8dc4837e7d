// The sync bookkeeping in SQLite (migration 004): what is indexed, what waits, what was reported, how far the feed
// has been read. Kept apart from the sync algorithm so both stay readable.
import type { Db } from '../library/database';

export type ProblemKind = 'malformed' | 'unknown-version' | 'conflict' | 'future-timestamp' | 'video-mismatch';

export interface SyncProblem {
  key: string;
  kind: ProblemKind;
  clipId: string | null;
  message: string;
  firstSeen: string;
  lastSeen: string;
}

export interface PendingItem {
  key: string;
  clipId: string | null;
  reason: string;
  since: string;
}

export function createSyncStore(db: Db, clock: () => Date) {
  const now = () => clock().toISOString();
  const q = {
    indexed: db.prepare('SELECT hash FROM workspace_index WHERE key = ?'),
    setIndexed: db.prepare(
      `INSERT INTO workspace_index (key, hash, kind, clip_id, indexed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, indexed_at = excluded.indexed_at`,
    ),
    update: db.prepare('SELECT clip_id AS clipId, manifest_hash AS manifestHash, reply_to AS replyTo FROM workspace_updates WHERE clip_id = ?'),
    setUpdate: db.prepare(
      `INSERT INTO workspace_updates (clip_id, manifest_hash, reply_to, video_size, video_sha256) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(clip_id) DO UPDATE SET manifest_hash = excluded.manifest_hash, reply_to = excluded.reply_to,
         video_size = excluded.video_size, video_sha256 = excluded.video_sha256`,
    ),
    setPending: db.prepare(
      `INSERT INTO workspace_pending (key, clip_id, reason, since) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET reason = excluded.reason`,
    ),
    clearPending: db.prepare('DELETE FROM workspace_pending WHERE key = ?'),
    pending: db.prepare('SELECT key, clip_id AS clipId, reason, since FROM workspace_pending ORDER BY key'),
    setProblem: db.prepare(
      `INSERT INTO sync_problems (key, kind, clip_id, message, first_seen, last_seen) VALUES (@key, @kind, @clipId, @message, @now, @now)
       ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, message = excluded.message, last_seen = excluded.last_seen`,
    ),
    clearProblem: db.prepare('DELETE FROM sync_problems WHERE key = ?'),
    problems: db.prepare(
      'SELECT key, kind, clip_id AS clipId, message, first_seen AS firstSeen, last_seen AS lastSeen FROM sync_problems ORDER BY key',
    ),
    refused: db.prepare('SELECT stamp FROM workspace_refused WHERE key = ?'),
    setRefused: db.prepare(
      `INSERT INTO workspace_refused (key, stamp, refused_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET stamp = excluded.stamp, refused_at = excluded.refused_at`,
    ),
    clearRefused: db.prepare('DELETE FROM workspace_refused WHERE key = ?'),
    feedSeen: db.prepare('SELECT 1 FROM workspace_feed_seen WHERE key = ?'),
    markFeed: db.prepare('INSERT OR IGNORE INTO workspace_feed_seen (key) VALUES (?)'),
    pruneFeed: db.prepare('DELETE FROM workspace_feed_seen WHERE key < ?'),
    state: db.prepare('SELECT marker_ms AS markerMs, last_full_at AS lastFullAt FROM workspace_sync_state WHERE backend_id = ?'),
    setState: db.prepare(
      `INSERT INTO workspace_sync_state (backend_id, marker_ms, last_full_at, last_sync_at) VALUES (@id, @marker, @full, @now)
       ON CONFLICT(backend_id) DO UPDATE SET marker_ms = excluded.marker_ms,
         last_full_at = COALESCE(excluded.last_full_at, workspace_sync_state.last_full_at), last_sync_at = excluded.last_sync_at`,
    ),
  };

  return {
    indexedHash: (key: string) => (q.indexed.get(key) as { hash: string } | undefined)?.hash ?? null,
    setIndexed: (key: string, hash: string, kind: 'update' | 'event' | 'person', clipId: string | null) =>
      q.setIndexed.run(key, hash, kind, clipId, now()),
    update: (clipId: string) => (q.update.get(clipId) as { clipId: string; manifestHash: string; replyTo: string | null } | undefined) ?? null,
    setUpdate: (clipId: string, hash: string, replyTo: string | null, videoSize: number | null, videoSha: string | null) =>
      q.setUpdate.run(clipId, hash, replyTo, videoSize, videoSha),
    setPending: (key: string, clipId: string | null, reason: string) => q.setPending.run(key, clipId, reason, now()),
    clearPending: (key: string) => q.clearPending.run(key),
    pending: () => q.pending.all() as PendingItem[],
    setProblem: (key: string, kind: ProblemKind, clipId: string | null, message: string) =>
      q.setProblem.run({ key, kind, clipId, message, now: now() }),
    clearProblem: (key: string) => q.clearProblem.run(key),
    problems: () => q.problems.all() as SyncProblem[],
    /** The stamp a file had when it was refused unread, or null. */
    refusedStamp: (key: string) => (q.refused.get(key) as { stamp: string } | undefined)?.stamp ?? null,
    setRefused: (key: string, stamp: string) => q.setRefused.run(key, stamp, now()),
    clearRefused: (key: string) => q.clearRefused.run(key),
    feedSeen: (key: string) => q.feedSeen.get(key) !== undefined,
    markFeed: (key: string) => q.markFeed.run(key),
    pruneFeed: (beforeKey: string) => q.pruneFeed.run(beforeKey),
    state: (backendId: string) => (q.state.get(backendId) as { markerMs: number; lastFullAt: string | null } | undefined) ?? null,
    setState: (backendId: string, markerMs: number, full: boolean) =>
      q.setState.run({ id: backendId, marker: markerMs, full: full ? now() : null, now: now() }),
  };
}
export type SyncStore = ReturnType<typeof createSyncStore>;
