// The one place that turns a clip id into a media URL. Browser mode serves `/media/<id>/<file>` from the host; inside
// the Electron shell (the preload bridge is present) the `clip://` scheme serves the same files.
import { withSessionKey } from './session-key';

export type MediaFile = 'video.mp4' | 'thumb.jpg' | 'captions.vtt' | 'edited.mp4';

export function mediaUrl(clipId: string, file: MediaFile): string {
  if (typeof window !== 'undefined' && window.handoff) return `clip://media/${encodeURIComponent(clipId)}/${file}`;
  return withSessionKey(`/media/${encodeURIComponent(clipId)}/${file}`);
}
