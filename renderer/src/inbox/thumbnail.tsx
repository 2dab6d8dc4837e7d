import { useState } from 'react';
import { mediaUrl } from '../api/media';

/** The clip's poster frame; a neutral tile while there is none (still processing, syncing, or not served). */
export function Thumbnail({ clipId }: { clipId: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="thumb thumb-empty" aria-hidden="true" />;
  return <img className="thumb" src={mediaUrl(clipId, 'thumb.jpg')} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />;
}
