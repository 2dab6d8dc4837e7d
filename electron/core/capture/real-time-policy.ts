// Fall-behind policy (real time, always). Each part's ffmpeg reports its output time twice a second; the recorder
// turns that into the real-time factor of the last 3 s of wall time (ffmpeg's own `speed=` averages since the start,
// so startup drags it down). If, after the first 5 s of a part, that factor stays below 0.9× for 4 consecutive reports,
// the encoder cannot keep up with the source. The recorder then ends that part (keeping everything written) and starts
// the next one a step cheaper (at most 3 steps, each announced with a 'falling-behind' warning):
//   1. x264 one preset faster (superfast → ultrafast); a hardware encoder was already chosen at start if one works;
//   2. then 20 fps;
//   3. then an output height of at most 720 p.
// Audio is never dropped to keep up (it is resampled to its timestamps), and the input queues stay bounded (64 audio
// packets, 8 raw camera frames, 8 raw screen frames), so memory cannot grow while it adapts.
import type { RecordOptions } from '../../../shared/contract/recorder';
import type { EncodeSettings, X264Preset } from './command';

export const SLOW_FACTOR = 0.9;
export const SLOW_REPORTS = 4;
export const WARMUP_MS = 5000;
export const MAX_ADAPTATIONS = 3;

const FASTER: Record<X264Preset, X264Preset> = { faster: 'veryfast', veryfast: 'superfast', superfast: 'ultrafast', ultrafast: 'ultrafast' };

/** The next cheaper way to encode, per the policy above. */
export function cheaperSettings(encode: EncodeSettings, options: RecordOptions): { encode: EncodeSettings; options: RecordOptions } {
  if (encode.encoder === 'libx264' && encode.preset !== 'ultrafast') return { encode: { ...encode, preset: FASTER[encode.preset] }, options };
  if (encode.fps > 20) return { encode: { ...encode, fps: 20 }, options };
  return { encode, options: { ...options, maxHeight: Math.min(options.maxHeight, 720) } };
}

/**
 * Tracks how long the mic has stayed below `thresholdDb` in recorded time; returns the silent seconds once, when the
 * silence first reaches `warnMs`, and re-arms when sound comes back.
 */
export function createSilenceWatch(thresholdDb: number, warnMs: number): (levelDb: number | null, elapsedMs: number) => number | null {
  let since: number | null = null;
  let warned = false;
  return (levelDb, elapsedMs) => {
    if (levelDb !== null && levelDb >= thresholdDb) {
      since = null;
      warned = false;
      return null;
    }
    since ??= elapsedMs;
    if (warned || elapsedMs - since < warnMs) return null;
    warned = true;
    return Math.round((elapsedMs - since) / 1000);
  };
}
