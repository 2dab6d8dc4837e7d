import type { Migration } from './index';

// Lazy media (issue 19): a teammate's video stays in the workspace until it is played, pinned or needed whole.
// - media_remote: where an indexed update's video is (key, size, SHA-256 from its manifest) and when it was found gone.
// - media_cache: the videos held in <data>/cache/media, with when each was last played (least recently played goes
//   first when the cache is over its cap).
// - media_pins: clips kept offline on request ("Keep offline"); never evicted.
// Updates synced before this migration keep the copy sync made in clips/<id>/; their remote location is filled in
// from workspace_updates so a later fetch knows where to look.
export const mediaCache: Migration = {
  name: '011-media-cache',
  up(db) {
    db.exec(`
      CREATE TABLE media_remote (
        clip_id TEXT PRIMARY KEY,
        video_key TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        missing_at TEXT
      );
      CREATE TABLE media_cache (
        clip_id TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL,
        last_played_ms INTEGER NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE INDEX media_cache_lru ON media_cache (last_played_ms);
      CREATE TABLE media_pins (
        clip_id TEXT PRIMARY KEY,
        pinned_at TEXT NOT NULL
      );
      INSERT INTO media_remote (clip_id, video_key, size, sha256)
        SELECT clip_id, 'updates/' || clip_id || '/video.mp4', video_size, video_sha256 FROM workspace_updates
        WHERE video_size IS NOT NULL AND video_sha256 IS NOT NULL;
    `);
  },
};
