// The player's keyboard map (YouTube's: space/k play, j/l ±10 s, arrows ±5 s, up/down speed), as a pure function.
export type PlayerAction =
  | { kind: 'toggle' }
  | { kind: 'seek-by'; seconds: number }
  | { kind: 'speed-by'; step: number }
  | { kind: 'captions' }
  | { kind: 'mute' };

export function playerKeyAction(key: string): PlayerAction | null {
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
      return { kind: 'toggle' };
    case 'j':
    case 'J':
      return { kind: 'seek-by', seconds: -10 };
    case 'l':
    case 'L':
      return { kind: 'seek-by', seconds: 10 };
    case 'ArrowLeft':
      return { kind: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return { kind: 'seek-by', seconds: 5 };
    case 'ArrowUp':
      return { kind: 'speed-by', step: 0.25 };
    case 'ArrowDown':
      return { kind: 'speed-by', step: -0.25 };
    case 'c':
    case 'C':
      return { kind: 'captions' };
    case 'm':
    case 'M':
      return { kind: 'mute' };
    default:
      return null;
  }
}

export const SPEEDS = [1, 1.25, 1.5, 1.75, 2] as const;

export function clampSpeed(speed: number): number {
  return Math.min(2, Math.max(1, Math.round(speed * 4) / 4));
}

export interface Segment {
  startMs: number;
  endMs: number;
  text: string;
}

/** Index of the last segment started at `ms` (binary search: transcripts can be long), or -1 before the first. */
export function currentSegmentIndex(segments: Segment[], ms: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // In a pause between segments the last one started stays current, so the highlight does not flicker.
  return found;
}
