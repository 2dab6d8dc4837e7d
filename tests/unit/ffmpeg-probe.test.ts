import { describe, expect, it } from 'vitest';
import { parseEncoders, parseFfmpegVersion, parseInputDevices, parseSources } from '../../electron/core/system/ffmpeg-probe';
import { defaultDataDir, resolveDataDir } from '../../electron/core/system/data-dir';

const DEVICES = `Devices:
 D. = Demuxing supported
 .E = Muxing supported
 --
 DE alsa            ALSA audio output
  E caca            caca (color ASCII art) output device
 D  lavfi           Libavfilter virtual input device
 DE pulse           Pulse audio output
 DE video4linux2,v4l2 Video4Linux2 output device
 D  x11grab         X11 screen capture, using XCB
`;

const ENCODERS = `Encoders:
 V..... = Video
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 A....D aac                  AAC (Advanced Audio Coding)
`;

describe('reading what ffmpeg says', () => {
  it('finds the version', () => {
    expect(parseFfmpegVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2025')).toBe('5.1.9-0+deb12u1');
    expect(parseFfmpegVersion('garbage')).toBeNull();
  });
  it('lists input devices only (D flag), splitting aliases', () => {
    expect(parseInputDevices(DEVICES)).toEqual(['alsa', 'lavfi', 'pulse', 'video4linux2', 'v4l2', 'x11grab']);
  });
  it('lists encoders', () => {
    expect(parseEncoders(ENCODERS)).toEqual(['libx264', 'h264_nvenc', 'aac']);
  });
  it('reads -sources with the default marked', () => {
    const out = 'Auto-detected sources for pulse:\n  vsink.monitor [Monitor of Null Output] (none)\n* vmic [Remapped vsink.monitor]\n';
    expect(parseSources(out)).toEqual([
      { id: 'vsink.monitor', description: 'Monitor of Null Output', isDefault: false },
      { id: 'vmic', description: 'Remapped vsink.monitor', isDefault: true },
    ]);
  });
});

describe('the data folder', () => {
  it('matches what Electron calls userData on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Handoff');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ana')).toBe('/x/Handoff');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Handoff');
  });
  it('prefers --data-dir, then HANDOFF_DATA_DIR', () => {
    expect(resolveDataDir('/a', { HANDOFF_DATA_DIR: '/b' }, 'linux', '/h')).toBe('/a');
    expect(resolveDataDir(undefined, { HANDOFF_DATA_DIR: '/b' }, 'linux', '/h')).toBe('/b');
  });
});
