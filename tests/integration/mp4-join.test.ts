// The direct segment join against ffmpeg's own stream-copy join of the same HLS part: every packet (stream, pts, dts,
// size, keyframe flag) must match, the file must decode cleanly, and moov must come before mdat.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMp4Joiner } from '../../electron/core/capture/mp4-join';
import { topLevelBoxes } from '../support/media-check';

const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-mp4-join-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A part as the recorder writes it: fMP4 HLS, ~1 s segments starting with keyframes. */
function makePart(name: string, video: string[], audio: boolean, seconds: number): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=s=320x180:r=30:d=${seconds}`];
  if (audio) inputs.push('-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${seconds}`);
  const r = spawnSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', ...inputs, ...video, '-force_key_frames', 'expr:gte(t,n_forced*1)',
    ...(audio ? ['-c:a', 'aac', '-b:a', '64k', '-ac', '1'] : []),
    '-f', 'hls', '-hls_time', '1', '-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments', '-hls_list_size', '0',
    '-hls_playlist_type', 'event', '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', path.join(dir, 'seg-%05d.m4s'), path.join(dir, 'index.m3u8'),
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  return dir;
}

interface Packet { stream: number; pts: string; dts: string; size: string; key: boolean }

function packets(file: string): Packet[] {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,dts_time,size,flags', '-of', 'json', file], { maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, String(r.stderr)).toBe(0);
  const list = (JSON.parse(String(r.stdout)) as { packets: { stream_index: number; pts_time: string; dts_time: string; size: string; flags: string }[] }).packets;
  return list.map((p) => ({ stream: p.stream_index, pts: p.pts_time, dts: p.dts_time, size: p.size, key: p.flags.includes('K') }));
}

async function joinDirectly(dir: string, out: string): Promise<void> {
  const joiner = await createMp4Joiner(path.join(dir, 'init.mp4'), out, 256 * 1024);
  for (const seg of readdirSync(dir).filter((n) => n.endsWith('.m4s')).sort()) await joiner.append(path.join(dir, seg));
  await joiner.finish();
}

describe.skipIf(!haveFfmpeg)('direct join of fMP4 segments', () => {
  const cases: [string, string[], boolean][] = [
    ['x264 ultrafast + AAC (the recorder)', ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], true],
    ['x264 veryfast with B-frames + AAC', ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3', '-pix_fmt', 'yuv420p'], true],
    ['video only', ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], false],
  ];
  for (const [name, video, audio] of cases) {
    it(`${name}: the same packets as ffmpeg's join, decodable, moov first`, async () => {
      const dir = makePart(name.replace(/\W+/g, '-'), video, audio, 6);
      const ours = path.join(dir, 'ours.mp4');
      const theirs = path.join(dir, 'theirs.mp4');
      await joinDirectly(dir, ours);
      const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', path.join(dir, 'index.m3u8'), '-map', '0', '-c', 'copy', '-y', theirs]);
      expect(r.status, String(r.stderr)).toBe(0);
      const mine = packets(ours);
      expect(mine.length).toBeGreaterThan(150);
      // Per stream: the interleaving differs (one chunk per track per segment here, finer in ffmpeg's), the packets not.
      const byStream = (list: Packet[]) => [0, 1].map((stream) => list.filter((p) => p.stream === stream));
      expect(byStream(mine)).toEqual(byStream(packets(theirs)));
      const decode = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-i', ours, '-f', 'null', '-']);
      expect(decode.status).toBe(0);
      expect(String(decode.stderr)).toBe('');
      const top = topLevelBoxes(ours);
      expect(top.indexOf('moov')).toBeLessThan(top.indexOf('mdat'));
      const duration = Number(spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', ours]).stdout.toString());
      expect(Math.abs(duration - 6)).toBeLessThan(0.1);
    });
  }
});
