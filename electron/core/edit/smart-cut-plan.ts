// What a smart cut does, decided before any ffmpeg runs: which frames are stream-copied as whole GOPs and which are
// re-encoded (only from the cut point to the next keyframe, and from the last keyframe to the cut's end), and the
// x264 settings the recording was made with, read from the encoder's own SEI note so re-encoded frames carry the
// same SPS/PPS as the copied ones. Pure, so the plan is unit-tested without media.
import type { Range } from '../../../shared/edit/ranges';
import { rateControl, type X264Preset } from '../capture/command';

export interface Piece {
  kind: 'copy' | 'encode';
  /** First frame (inclusive) and last (exclusive), in the original's frame numbers. */
  from: number;
  to: number;
}

/**
 * Kept ranges in ms → frame ranges, given each frame's presentation time (seconds, the file's timeline): a frame is
 * kept when it starts inside a kept range. Audio is cut at the same instants, so A/V stay aligned.
 */
export function toFrameRanges(kept: readonly Range[], times: readonly number[]): { from: number; to: number }[] {
  // 1 µs of slack: times come from integer timestamps, ranges from milliseconds.
  const firstAtOrAfter = (ms: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] * 1000 < ms - 0.001) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return kept.map((range) => ({ from: firstAtOrAfter(range.startMs), to: firstAtOrAfter(range.endMs) })).filter((range) => range.to > range.from);
}

/**
 * Pieces for frame ranges, given the keyframes' frame numbers. Inside each kept range, frames from the first keyframe
 * at or after its start up to the last keyframe (or the end of the file) at or before its end are copied; the frames
 * before and after are re-encoded. A range with no whole GOP inside is re-encoded whole.
 */
export function planPieces(ranges: readonly { from: number; to: number }[], keyframes: readonly number[], frameCount: number): Piece[] {
  const boundaries = [...new Set([...keyframes.filter((k) => k >= 0 && k < frameCount), frameCount])].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (const { from, to } of ranges) {
    const k1 = boundaries.find((k) => k >= from);
    const k2 = [...boundaries].reverse().find((k) => k <= to);
    if (k1 === undefined || k2 === undefined || k1 >= k2) {
      pieces.push({ kind: 'encode', from, to });
      continue;
    }
    if (from < k1) pieces.push({ kind: 'encode', from, to: k1 });
    pieces.push({ kind: 'copy', from: k1, to: k2 });
    if (k2 < to) pieces.push({ kind: 'encode', from: k2, to });
  }
  return pieces;
}

export interface X264Settings {
  preset: X264Preset;
  crf: number;
  maxrateK: number;
  bufsizeK: number;
}

/**
 * The settings in x264's SEI note ("x264 - core 164 ... options: cabac=0 ref=1 ... subme=0 ... crf=26.0
 * vbv_maxrate=2000 vbv_bufsize=4000 ..."). The recorder only uses ultrafast…faster, told apart by subme; null when the
 * note is missing (another encoder) or says something the recorder never writes.
 */
export function parseX264Note(text: string): X264Settings | null {
  const options = /x264 - core \d+[^]*?options: ([^\0]*)/.exec(text)?.[1];
  if (!options) return null;
  const get = (key: string) => new RegExp(`(?:^| )${key}=([\\d.]+)`).exec(options)?.[1];
  const subme = get('subme');
  const crf = get('crf');
  const maxrate = get('vbv_maxrate');
  const bufsize = get('vbv_bufsize');
  const preset = ({ '0': 'ultrafast', '1': 'superfast', '2': 'veryfast', '4': 'faster' } as const)[subme ?? ''];
  if (!preset || !crf || !maxrate || !bufsize || get('bframes') !== '0') return null;
  return { preset, crf: Number(crf), maxrateK: Number(maxrate), bufsizeK: Number(bufsize) };
}

/** The recorder's x264 arguments (capture/command.ts videoEncoderArgs) for these settings, plus its keyframe rule. */
export function x264Args(settings: X264Settings, rate: string): string[] {
  return [
    '-c:v', 'libx264', '-preset', settings.preset, '-tune', 'zerolatency', '-crf', String(settings.crf),
    '-maxrate', `${settings.maxrateK}k`, '-bufsize', `${settings.bufsizeK}k`, '-pix_fmt', 'yuv420p',
    '-force_key_frames', 'expr:gte(t,n_forced*1)', '-fps_mode', 'cfr', '-r', rate,
  ];
}

/** What the recorder would use for a clip of this size when the file carries no x264 note (standard quality, ultrafast). */
export function defaultX264Settings(width: number, height: number, fps: number): X264Settings {
  const { crf, maxrateK } = rateControl({ width, height }, fps, 'standard');
  return { preset: 'ultrafast', crf, maxrateK, bufsizeK: maxrateK * 2 };
}
