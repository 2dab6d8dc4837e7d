// The direct segment join against ffmpeg's own stream-copy join of the same HLS part: every packet (stream, pts, dts,
// size, keyframe flag) must match, the file must decode cleanly, and moov must come before mdat.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMp4Joiner } from '../../electron/core/capture/mp4-join';
import { syncSources } from '../../electron/core/capture/inputs';
import { flashOnsets, soundOnsets, topLevelBoxes } from '../support/media-check';

const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-mp4-join-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A part as the recorder writes it: fMP4 HLS, ~1 s segments starting with keyframes. */
function makePart(name: string, video: string[], audio: boolean, seconds: number, sources = { video: 'testsrc2=s=320x180:r=30', audio: 'sine=f=440:r=48000' }): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const inputs = ['-t', String(seconds), '-f', 'lavfi', '-i', sources.video];
  if (audio) inputs.push('-t', String(seconds), '-f', 'lavfi', '-i', sources.audio);
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

async function joinDirectly(dirs: string[], out: string): Promise<void> {
  const joiner = await createMp4Joiner(path.join(dirs[0], 'init.mp4'), out, 256 * 1024);
  for (const [i, dir] of dirs.entries()) {
    if (i > 0) await joiner.nextPart(path.join(dir, 'init.mp4'));
    for (const seg of readdirSync(dir).filter((n) => n.endsWith('.m4s')).sort()) await joiner.append(path.join(dir, seg));
  }
  await joiner.finish();
}

const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const durationOf = (file: string) => Number(spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).stdout.toString());

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
      await joinDirectly([dir], ours);
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
      expect(Math.abs(durationOf(ours) - 6)).toBeLessThan(0.1);
    });
  }

  /**
   * ffmpeg 5's fMP4 init starts the audio at media time 0 (priming and all) and delays the video by the priming; other
   * muxers (and later ffmpeg) skip the priming with the audio's edit list instead. This rewrites an init that way.
   */
  function trimPrimingByEditList(initPath: string): void {
    const buf = readFileSync(initPath);
    const elsts: number[] = [];
    for (let at = buf.indexOf('elst', 0, 'latin1'); at > 0; at = buf.indexOf('elst', at + 4, 'latin1')) elsts.push(at);
    const [video, audio] = elsts;
    expect([buf.readUInt32BE(video + 8), buf.readInt32BE(video + 16), buf.readInt32BE(audio + 16)]).toEqual([2, -1, 0]);
    buf.writeUInt32BE(0, video + 12); // the video's leading empty edit: no delay
    buf.writeInt32BE(1024, audio + 16); // the audio's edit starts after one AAC frame of priming
    writeFileSync(initPath, buf);
  }

  for (const [priming, dropped] of [['delayed video (ffmpeg 5)', 0], ['audio edit list', 1]] as const) {
    it(`a paused recording (two parts, priming by ${priming}): the recorded time, every frame, flashes and beeps together`, async () => {
      // Each part flashes and beeps at 0, 1, 2 s of its own time; joined, the second part's must land at ~3, 4, 5 s.
      const sources = syncSources(30, 320, 180);
      const dirs = [1, 2].map((n) => makePart(`pause-${dropped}-${n}`, X264, true, 3, sources));
      if (dropped) for (const dir of dirs) trimPrimingByEditList(path.join(dir, 'init.mp4'));
      const ours = path.join(root, `paused-${dropped}.mp4`);
      await joinDirectly(dirs, ours);
      expect(Math.abs(durationOf(ours) - 6)).toBeLessThan(0.06);
      // The file's own time base: a part's last frame shows a few ms longer (the next part starts after the priming),
      // so its average rate is not 30 fps, and ffmpeg's default 1/rate encoder clock would report two frames in one
      // tick; the decode itself must be clean.
      const decode = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-i', ours, '-enc_time_base', '-1', '-f', 'null', '-']);
      expect(String(decode.stderr)).toBe('');
      expect(topLevelBoxes(ours).slice(0, 2)).toEqual(['ftyp', 'moov']);

      const mine = packets(ours);
      const partPackets = dirs.map((dir) => packets(path.join(dir, 'index.m3u8')));
      const count = (list: Packet[], stream: number) => list.filter((p) => p.stream === stream).length;
      expect(count(mine, 0)).toBe(count(partPackets[0], 0) + count(partPackets[1], 0));
      // A priming frame the second part's edit list skips is dropped: heard mid-file, it would push that part's audio a
      // frame (21 ms) late.
      expect(count(mine, 1)).toBe(count(partPackets[0], 1) + count(partPackets[1], 1) - dropped);
      const videoPts = mine.filter((p) => p.stream === 0).map((p) => Number(p.pts));
      const gaps = videoPts.slice(1).map((t, i) => t - videoPts[i]);
      expect(Math.min(...gaps)).toBeGreaterThan(0);
      expect(Math.max(...gaps)).toBeLessThan(1 / 30 + 0.035);

      // The test source's beeps start on its 1024-sample audio frames, so each beep trails its flash by a few ms that
      // grow through a part's seconds (0 s: none measurable, 1 s: ~3 ms, 2 s: ~5 ms). The join must reproduce the first
      // part's offsets in the second (a priming frame heard mid-file would add 21 ms to them).
      const flashes = flashOnsets(ours);
      const beeps = soundOnsets(ours);
      expect(flashes.map(Math.round)).toEqual([0, 1, 2, 3, 4, 5]);
      const offset = (second: number) => Math.min(...beeps.map((beep) => beep - flashes[second]).filter((d) => d > -0.05));
      for (const second of [1, 2, 3, 4, 5]) expect(Math.abs(offset(second))).toBeLessThan(0.025);
      for (const second of [1, 2]) expect(Math.abs(offset(second + 3) - offset(second))).toBeLessThan(0.003);
    });
  }

  it('refuses a later part encoded with other settings (finalize then lets ffmpeg join)', async () => {
    const first = makePart('settings-one', X264, true, 2);
    const smaller = makePart('settings-two', [...X264, '-vf', 'scale=160:90'], true, 2);
    const joiner = await createMp4Joiner(path.join(first, 'init.mp4'), path.join(root, 'refused.mp4'), 64 * 1024);
    await joiner.append(path.join(first, 'seg-00000.m4s'));
    await expect(joiner.nextPart(path.join(smaller, 'init.mp4'))).rejects.toThrow(/other settings/);
    await joiner.abandon();
  });
});
