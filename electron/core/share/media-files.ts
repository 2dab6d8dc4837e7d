// The only files a share link can reach: three fixed names inside the folder of the link's clip.
import { clipDir } from '../library/clips-store';

export type MediaName = 'video.mp4' | 'captions.vtt' | 'thumb.jpg';

const TYPES: Record<MediaName, string> = {
  'video.mp4': 'video/mp4',
  'captions.vtt': 'text/vtt; charset=utf-8',
  'thumb.jpg': 'image/jpeg',
};

/** `root` + `/name` for send (which then checks containment itself); the clip id comes from the database. */
export function mediaFile(clipsDir: string, clipId: string, name: MediaName): { root: string; file: string; type: string } {
  return { root: clipDir(clipsDir, clipId), file: `/${name}`, type: TYPES[name] };
}
