import type { Migration } from './index';

// Publishing while recording on S3 (issue 21) stores a video as parts objects (workspace/video-parts.ts): sync keeps
// the manifest's layout of them (JSON { headBytes, chunkBytes, count }) beside the video's key, so lazy media can
// stream and fetch it. NULL: the video is one object, as every update synced before this migration is.
export const mediaRemoteParts: Migration = {
  name: '013-media-remote-parts',
  up(db) {
    db.exec('ALTER TABLE media_remote ADD COLUMN parts TEXT');
  },
};
