// A 60 s 640x360 H.264/AAC faststart MP4 at about 1.2 Mbit/s (about 9 MiB: several 1 MiB encrypted chunks), with a
// keyframe every second so a seek lands where asked. Encoded once per process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cached: string | null = null;

export function longTestVideo(): string {
  if (cached) return cached;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'handoff-long-clip-')), 'video.mp4');
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=60',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=60',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '1200k', '-maxrate', '1200k', '-bufsize', '2400k', '-pix_fmt', 'yuv420p', '-g', '25',
    '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-shortest', file,
  ];
  const result = spawnSync(process.env.HANDOFF_FFMPEG ?? 'ffmpeg', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg exited with ${result.status}: ${(result.stderr ?? '').slice(-800)}`);
  cached = file;
  return file;
}
