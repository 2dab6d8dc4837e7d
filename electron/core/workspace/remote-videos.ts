// Where each teammate's video is in the workspace (media_remote, migration 011): written by sync when it indexes an
// update, read by lazy media to stream or fetch it, and marked when the video is found gone. The only writer of it.
import type { Db } from '../library/database';

export interface RemoteVideo {
  clipId: string;
  key: string;
  size: number;
  sha256: string;
  /** When the video was found gone from the workspace; null while it is there (or not yet looked for). */
  missingAt: string | null;
}

export function createRemoteVideos(db: Db) {
  const q = {
    get: db.prepare('SELECT clip_id AS clipId, video_key AS key, size, sha256, missing_at AS missingAt FROM media_remote WHERE clip_id = ?'),
    set: db.prepare(
      `INSERT INTO media_remote (clip_id, video_key, size, sha256) VALUES (?, ?, ?, ?)
       ON CONFLICT(clip_id) DO UPDATE SET video_key = excluded.video_key, size = excluded.size, sha256 = excluded.sha256`,
    ),
    missing: db.prepare('UPDATE media_remote SET missing_at = ? WHERE clip_id = ?'),
  };
  return {
    get: (clipId: string) => (q.get.get(clipId) as RemoteVideo | undefined) ?? null,
    set: (clipId: string, key: string, size: number, sha256: string) => q.set.run(clipId, key, size, sha256),
    /** The video was not there when asked for (null: it is there again). */
    setMissing: (clipId: string, at: string | null) => q.missing.run(at, clipId),
  };
}
export type RemoteVideos = ReturnType<typeof createRemoteVideos>;
