// The one place that turns a clip id into a media URL. Browser mode serves `/media/<id>/<file>` from the host; the
// Electron shell will swap in its `clip://` scheme here, and nothing else in the renderer changes.
export type MediaFile = 'video.mp4' | 'thumb.jpg' | 'captions.vtt';

export function mediaUrl(clipId: string, file: MediaFile): string {
  return `/media/${encodeURIComponent(clipId)}/${file}`;
}
