// The only files a share link can reach: three fixed names inside the folder of the link's clip.
import path from 'node:path';
import { servedFiles } from '../edit/edited-media';
import { clipDir } from '../library/clips-store';
import type { Db } from '../library/database';

export type MediaName = 'video.mp4' | 'captions.vtt' | 'thumb.jpg';

const TYPES: Record<MediaName, string> = {
  'video.mp4': 'video/mp4',
  'captions.vtt': 'text/vtt; charset=utf-8',
  'thumb.jpg': 'image/jpeg',
};

/** `root` + `/name` for send (which then checks containment itself); the clip id comes from the database. */
export function mediaFile(clipsDir: string, clipId: string, name: MediaName, db?: Db): { root: string; file: string; type: string } {
  // An edited clip's link serves its rendered edited version (core/edit); the original is never shared then.
  const served = db && name !== 'thumb.jpg' ? servedFiles(db, clipsDir, clipId) : null;
  if (served?.edited) {
    const file = name === 'video.mp4' ? served.video : served.captions;
    if (file) return { root: clipDir(clipsDir, clipId), file: `/${path.basename(file)}`, type: TYPES[name] };
  }
  return { root: clipDir(clipsDir, clipId), file: `/${name}`, type: TYPES[name] };
}
