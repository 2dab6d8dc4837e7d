// What a user would notice about a recording, measured with the real ffmpeg/ffprobe: streams, faststart layout,
// pixels in a frame, loudness, and when flashes and beeps start.
import { spawnSync } from 'node:child_process';
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

function run(bin: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export function probe(file: string): { durationMs: number; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] } {
  const r = run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  const json = JSON.parse(r.stdout) as { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] };
  return { durationMs: Math.round(Number(json.format.duration) * 1000), streams: json.streams };
}

/** Top-level MP4 box types in file order (faststart means moov comes before mdat). */
export function topLevelBoxes(file: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const boxes: string[] = [];
    const header = Buffer.alloc(16);
    let at = 0;
    while (at + 8 <= size && boxes.length < 50) {
      readSync(fd, header, 0, 16, at);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - at;
      boxes.push(type);
      if (boxSize < 8) break;
      at += boxSize;
    }
    return boxes;
  } finally {
    closeSync(fd);
  }
}

/** One decoded frame as RGB24 at `atSeconds`. */
export function frameAt(file: string, atSeconds: number): { width: number; height: number; rgb: Buffer } {
  const info = probe(file).streams.find((s) => s.codec_type === 'video');
  const width = info?.width ?? 0;
  const height = info?.height ?? 0;
  const r = spawnSync('ffmpeg', ['-v', 'error', '-ss', String(atSeconds), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return { width, height, rgb: r.stdout };
}

/** Mean RGB of a square patch centred on (x, y). */
export function patchMean(frame: { width: number; rgb: Buffer }, x: number, y: number, half = 3): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  x = Math.round(x);
  y = Math.round(y);
  for (let yy = y - half; yy <= y + half; yy++) {
    for (let xx = x - half; xx <= x + half; xx++) {
      const i = (yy * frame.width + xx) * 3;
      sum[0] += frame.rgb[i];
      sum[1] += frame.rgb[i + 1];
      sum[2] += frame.rgb[i + 2];
      n++;
    }
  }
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}

export function colorDistance(a: number[], b: number[]): number {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
}

/** volumedetect's mean volume in dB (-91 is digital silence). */
export function meanVolumeDb(file: string): number {
  const r = run('ffmpeg', ['-hide_banner', '-i', file, '-vn', '-af', 'volumedetect', '-f', 'null', '-']);
  const match = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(r.stderr);
  return match ? (match[1] === '-inf' ? -Infinity : Number(match[1])) : NaN;
}

/** Times (s) where the picture turns bright. */
export function flashOnsets(file: string): number[] {
  const r = run('ffmpeg', ['-hide_banner', '-i', file, '-an', '-vf', 'signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG', '-f', 'null', '-']);
  const onsets: number[] = [];
  let pts = 0;
  let bright = false;
  for (const line of r.stderr.split('\n')) {
    const t = /pts_time:([\d.]+)/.exec(line);
    if (t) pts = Number(t[1]);
    const y = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line);
    if (y) {
      const now = Number(y[1]) > 128;
      if (now && !bright) onsets.push(pts);
      bright = now;
    }
  }
  return onsets;
}

/** Times (s) where sound starts after silence. */
export function soundOnsets(file: string): number[] {
  const r = run('ffmpeg', ['-hide_banner', '-i', file, '-vn', '-af', 'silencedetect=n=-30dB:d=0.05', '-f', 'null', '-']);
  return [...r.stderr.matchAll(/silence_end:\s*([\d.]+)/g)].map((m) => Number(m[1]));
}
