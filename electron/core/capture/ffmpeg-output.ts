// Pure parsers for what a recording ffmpeg prints: `-progress` blocks on stdout, the mic meter and errors on stderr,
// and the stream line of a one-frame probe.
import type { Size } from './command';

export interface ProgressBlock {
  outTimeMs: number | null;
  frame: number | null;
  speed: number | null;
  dupFrames: number;
  dropFrames: number;
  end: boolean;
}

/** Feeds `key=value` lines; returns a block each time a `progress=` line closes one. */
export function createProgressParser(onBlock: (block: ProgressBlock) => void): (line: string) => void {
  let current: Record<string, string> = {};
  return (line) => {
    const at = line.indexOf('=');
    if (at <= 0) return;
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    current[key] = value;
    if (key !== 'progress') return;
    const num = (k: string) => {
      const n = Number.parseFloat(current[k] ?? '');
      return Number.isFinite(n) ? n : null;
    };
    const outUs = num('out_time_us') ?? num('out_time_ms');
    onBlock({
      outTimeMs: outUs === null || outUs < 0 ? null : Math.round(outUs / 1000),
      frame: num('frame'),
      speed: num('speed'),
      dupFrames: num('dup_frames') ?? 0,
      dropFrames: num('drop_frames') ?? 0,
      end: value === 'end',
    });
    current = {};
  };
}

/** `[Parsed_ametadata_9 @ 0x…] lavfi.astats.Overall.RMS_level=-21.07` → -21.07; digital silence prints `-inf`. */
export function parseMeterLine(line: string): number | null {
  const match = /lavfi\.astats\.Overall\.RMS_level=(-?inf|-?[\d.]+)/.exec(line);
  if (!match) return null;
  return match[1].endsWith('inf') ? Number.NEGATIVE_INFINITY : Number.parseFloat(match[1]);
}

/** `Stream #0:0: Video: rawvideo (BGR[0] / 0x30524742), bgr0, 1920x1080, …` → the first video stream's size. */
export function parseVideoSize(stderr: string): Size | null {
  const match = /Stream #\d+:\d+.*?: Video: .*?[, ](\d{2,5})x(\d{2,5})[, \n]/.exec(stderr);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}

/** Turns ffmpeg's last words into one sentence a user can act on. */
export function explainFailure(stderr: string, role: string): string | null {
  const lines = stderr.split('\n');
  if (/No space left on device/i.test(stderr)) return 'The disk is full: recording stopped.';
  if (/Can't open display|cannot open display|Cannot open display/i.test(stderr)) {
    const display = /display\s+([^\s,]+)/i.exec(lines.find((l) => /display/i.test(l)) ?? '');
    return `Cannot open the display${display ? ` ${display[1]}` : ''}: is it running, and is DISPLAY right?`;
  }
  if (/Connection refused|pa_context_connect|Connection terminated/i.test(stderr)) return 'Cannot reach the sound server for the microphone.';
  if (/No such file or directory|No such device|not found|Input\/output error/i.test(stderr)) {
    const last = lines.filter((l) => /No such|not found|Input\/output/i.test(l)).pop();
    return `A ${role} device is missing: ${last?.trim() ?? 'not found'}`;
  }
  return null;
}

/**
 * Real-time factor over the last `windowMs` of wall time. ffmpeg's own `speed=` is an average since the start, so
 * startup latency drags it below 1× for a long while; the recent slope of output time over wall time is what tells
 * whether the encoder keeps up now. Null until a whole window has been seen.
 */
export function createSpeedMeter(windowMs: number): (wallMs: number, outMs: number) => number | null {
  const samples: { wall: number; out: number }[] = [];
  return (wall, out) => {
    samples.push({ wall, out });
    while (samples.length > 2 && wall - samples[1].wall >= windowMs) samples.shift();
    const first = samples[0];
    if (wall - first.wall < windowMs) return null;
    return (out - first.out) / (wall - first.wall);
  };
}
