import type { Migration } from './index';

// What sync needs to stay idempotent and incremental: which workspace files are already indexed (by content hash),
// which are waiting (video still arriving, clip of an event not synced yet), what was reported and skipped, and how
// far the change feed has been read per workspace.
export const workspace: Migration = {
  name: 'workspace',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_index (
        key TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('update', 'event', 'person')),
        clip_id TEXT,
        indexed_at TEXT NOT NULL
      );

      CREATE TABLE workspace_updates (
        clip_id TEXT PRIMARY KEY,
        manifest_hash TEXT NOT NULL,
        reply_to TEXT,
        video_size INTEGER,
        video_sha256 TEXT
      );

      CREATE TABLE workspace_pending (
        key TEXT PRIMARY KEY,
        clip_id TEXT,
        reason TEXT NOT NULL,
        since TEXT NOT NULL
      );

      CREATE TABLE sync_problems (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('malformed', 'unknown-version', 'conflict', 'future-timestamp', 'video-mismatch')),
        clip_id TEXT,
        message TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
      );

      CREATE TABLE workspace_feed_seen (
        key TEXT PRIMARY KEY
      );

      CREATE TABLE workspace_sync_state (
        backend_id TEXT PRIMARY KEY,
        marker_ms INTEGER NOT NULL,
        last_full_at TEXT,
        last_sync_at TEXT
      );
    `);
  },
};
