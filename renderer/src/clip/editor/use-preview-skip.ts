// Preview without rendering: while the original plays, a removed range is skipped the frame it is reached (checked on
// every animation frame, not on timeupdate's ~250 ms), so what plays is what the edited version will hold.
import { useEffect } from 'react';
import { nextKeptTime, type Range } from '../../../../shared/edit/ranges';

export function usePreviewSkip(video: () => HTMLVideoElement | null, kept: Range[] | null) {
  useEffect(() => {
    if (!kept) return;
    let frame = 0;
    const tick = () => {
      const v = video();
      if (v && !v.seeking) {
        const ms = v.currentTime * 1000;
        const next = nextKeptTime(kept, ms);
        if (next === null) {
          if (!v.paused) v.pause();
        } else if (next > ms + 1) {
          v.currentTime = next / 1000;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [video, kept]);
}
