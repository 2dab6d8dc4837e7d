import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAvfoundationDevices, parseDshowDevices, parseSourceList } from '../../electron/core/capture/devices';
import { createProgressParser, createSpeedMeter, explainFailure, parseMeterLine, parseVideoSize, type ProgressBlock } from '../../electron/core/capture/ffmpeg-output';
import { moovReserve, playlistEntries, sealPlaylist } from '../../electron/core/capture/finalize';
import { readManifest, writeManifest, type Manifest } from '../../electron/core/capture/manifest';
import { authorOf } from '../../electron/core/library/author';
import { parseRegion, recordInput } from '../../electron/cli/commands/record';
import { recordOptions } from '../../shared/contract/recorder';

describe('ffmpeg output parsers', () => {
  it('reads -progress blocks', () => {
    const blocks: ProgressBlock[] = [];
    const feed = createProgressParser((b) => blocks.push(b));
    'frame=61\nout_time_us=2090667\ndup_frames=2\ndrop_frames=0\nspeed=0.746x\nprogress=continue\nout_time_us=N/A\nprogress=end\n'.split('\n').forEach(feed);
    expect(blocks[0]).toEqual({ outTimeMs: 2091, frame: 61, speed: 0.746, dupFrames: 2, dropFrames: 0, end: false });
    expect(blocks[1]).toMatchObject({ outTimeMs: null, end: true });
  });

  it('reads the mic meter, including digital silence', () => {
    expect(parseMeterLine('[Parsed_ametadata_14 @ 0x55] lavfi.astats.Overall.RMS_level=-21.074044')).toBeCloseTo(-21.07, 2);
    expect(parseMeterLine('[Parsed_ametadata_14 @ 0x55] lavfi.astats.Overall.RMS_level=-inf')).toBe(-Infinity);
    expect(parseMeterLine('frame=1')).toBeNull();
  });

  it('reads the grabbed size and explains failures in words', () => {
    expect(parseVideoSize('  Stream #0:0: Video: rawvideo (BGR[0] / 0x30524742), bgr0, 1920x1080, 1990656 kb/s, 30 fps\n')).toEqual({ width: 1920, height: 1080 });
    expect(explainFailure("[x11grab @ 0x1] Cannot open display :87, error 1.\n:87: Input/output error", 'screen')).toMatch(/Cannot open the display :87/);
    expect(explainFailure('av_interleaved_write_frame(): No space left on device', 'capture')).toMatch(/disk is full/);
    expect(explainFailure('[video4linux2,v4l2 @ 0x] Cannot open video device /dev/video3: No such file or directory', 'camera')).toMatch(/camera device is missing/);
  });

  it('measures the recent real-time factor, not the average since start', () => {
    const speed = createSpeedMeter(3000);
    expect(speed(0, 0)).toBeNull();
    expect(speed(1000, 200)).toBeNull();
    expect(speed(3000, 2200)).toBeCloseTo(2200 / 3000);
    expect(speed(6000, 5200)).toBeCloseTo(1, 1);
    expect(speed(9000, 6700)).toBeCloseTo(0.5, 1);
  });
});

describe('device listings', () => {
  it('pulse sources with the ffmpeg 5 media-type suffix', () => {
    expect(parseSourceList('Auto-detected sources for pulse:\n  vsink.monitor [Monitor of Null Output] (none)\n* vmic [Remapped Monitor of Null Output] (none)\n')).toEqual([
      { id: 'vsink.monitor', name: 'Monitor of Null Output', isDefault: false },
      { id: 'vmic', name: 'Remapped Monitor of Null Output', isDefault: true },
    ]);
  });
  it('avfoundation and dshow listings', () => {
    const av = parseAvfoundationDevices(
      '[AVFoundation indev @ 0x1] AVFoundation video devices:\n[AVFoundation indev @ 0x1] [0] FaceTime HD Camera\n[AVFoundation indev @ 0x1] [1] Capture screen 0\n[AVFoundation indev @ 0x1] AVFoundation audio devices:\n[AVFoundation indev @ 0x1] [0] MacBook Pro Microphone\n',
    );
    expect(av.video.map((d) => d.name)).toEqual(['FaceTime HD Camera', 'Capture screen 0']);
    expect(av.audio).toEqual([{ id: '0', name: 'MacBook Pro Microphone', isDefault: true }]);
    const ds = parseDshowDevices('[dshow @ 0x1] "Integrated Camera" (video)\n[dshow @ 0x1]   Alternative name "@device_pnp_x"\n[dshow @ 0x1] "Microphone (Realtek)" (audio)\n');
    expect(ds.video.map((d) => d.id)).toEqual(['Integrated Camera']);
    expect(ds.audio.map((d) => d.id)).toEqual(['Microphone (Realtek)']);
  });
});

describe('recording folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-rec-unit-'));

  it('writes the manifest atomically and reads it back validated', async () => {
    const manifest: Manifest = {
      version: 1, id: 'abcdef123', state: 'recording', options: recordOptions.parse({}), createdAt: 'a', updatedAt: 'b',
      ownerPid: 1, ffmpegPid: 2, output: { width: 2, height: 2 }, parts: [], error: null,
    };
    writeManifest(dir, manifest);
    expect(await readManifest(dir)).toEqual(manifest);
    writeFileSync(path.join(dir, 'manifest.json'), '{"version":1');
    await expect(readManifest(dir)).rejects.toThrow();
  });

  it('sums playlist time and reserves room for the index up front', () => {
    expect(playlistEntries('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1.000000,\nseg-00000.m4s\n#EXTINF:0.533333,\nseg-00001.m4s\n')).toEqual([
      { seconds: 1, uri: 'seg-00000.m4s' },
      { seconds: 0.533333, uri: 'seg-00001.m4s' },
    ]);
    // 600 s measured here: a 521 KB moov; the reserve must exceed it.
    expect(moovReserve(600, 30)).toBeGreaterThan(521_284);
    expect(moovReserve(10, 30)).toBeLessThan(100_000);
  });

  it('seals a crashed playlist once', async () => {
    const part = mkdtempSync(path.join(dir, 'part-'));
    writeFileSync(path.join(part, 'index.m3u8'), '#EXTM3U\n#EXTINF:1.0,\nseg-00000.m4s\n');
    expect(await sealPlaylist(path.join(part, 'index.m3u8'))).toBe(true);
    expect(await sealPlaylist(path.join(part, 'index.m3u8'))).toBe(false);
    expect(readFileSync(path.join(part, 'index.m3u8'), 'utf8').match(/#EXT-X-ENDLIST/g)).toHaveLength(1);
  });
});

describe('CLI options and author', () => {
  it('maps flags to recorder options', () => {
    expect(recordInput({ synthetic: true }, 5)).toMatchObject({ camera: 'synthetic', mic: 'synthetic', maxSeconds: 5, synthetic: null });
    expect(recordInput({ synthetic: 'sync', camera: 'none', mic: 'vmic' })).toMatchObject({ camera: null, mic: 'vmic', synthetic: 'sync' });
    // Devices not named are left to core, which applies the saved recording settings (no camera, the default mic).
    expect(recordInput({})).toMatchObject({ camera: undefined, mic: undefined, display: undefined });
    expect(parseRegion('0,10,640,480')).toEqual({ x: 0, y: 10, width: 640, height: 480 });
    expect(() => parseRegion('1,2,3')).toThrow(/x,y,width,height/);
  });
  it('the author falls back to the OS user and the system time zone', () => {
    expect(authorOf({ name: 'Ana', timezone: 'Asia/Tokyo' })).toEqual({ name: 'Ana', timezone: 'Asia/Tokyo' });
    const fallback = authorOf({ name: ' ', timezone: '' });
    expect(fallback.name.length).toBeGreaterThan(0);
    expect(fallback.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
