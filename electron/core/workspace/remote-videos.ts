// Where each teammate's video is in the workspace (media_remote, migrations 011 and 013): written by sync when it
// indexes an update, read by lazy media to stream or fetch it, and marked when the video is found gone. The only
// writer of it.
import type { Db } from '../library/database';
import { videoParts, type VideoParts } from './files';

export interface RemoteVideo {
  clipId: string;
  key: string;
  size: number;
  sha256: string;
  /** The video is stored as parts objects (video-parts.ts) laid out so; null: one object at `key`. */
  parts: VideoParts | null;
  /** When the video was found gone from the workspace; null while it is there (or not yet looked for). */
  missingAt: string | null;
}

type Row = Omit<RemoteVideo, 'parts'> & { parts: string | null };

/** The stored layout, checked again on the way out: a row is only as good as what was written into it. */
function layoutOf(row: Row): VideoParts | null {
  if (row.parts === null) return null;
  const parsed = videoParts.safeParse(JSON.parse(row.parts));
  if (!parsed.success) throw new Error(`media_remote.parts of ${row.clipId} is not a parts layout: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export function createRemoteVideos(db: Db) {
  const q = {
    get: db.prepare('SELECT clip_id AS clipId, video_key AS key, size, sha256, parts, missing_at AS missingAt FROM media_remote WHERE clip_id = ?'),
    set: db.prepare(
      `INSERT INTO media_remote (clip_id, video_key, size, sha256, parts) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(clip_id) DO UPDATE SET video_key = excluded.video_key, size = excluded.size, sha256 = excluded.sha256, parts = excluded.parts`,
    ),
    missing: db.prepare('UPDATE media_remote SET missing_at = ? WHERE clip_id = ?'),
  };
  return {
    get(clipId: string): RemoteVideo | null {
      const row = q.get.get(clipId) as Row | undefined;
      return row ? { ...row, parts: layoutOf(row) } : null;
    },
    set: (clipId: string, key: string, size: number, sha256: string, parts: VideoParts | null = null) =>
      q.set.run(clipId, key, size, sha256, parts ? JSON.stringify(parts) : null),
    /** The video was not there when asked for (null: it is there again). */
    setMissing: (clipId: string, at: string | null) => q.missing.run(at, clipId),
  };
}
export type RemoteVideos = ReturnType<typeof createRemoteVideos>;
