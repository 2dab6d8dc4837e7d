import { describe, expect, it } from 'vitest';
import { recordOptions, type RecordOptionsInput } from '../../shared/contract/recorder';
import { SPEECH_AUDIO_FILE, bubbleDiameter, outputSize, partCommand, rateControl, videoEncoderArgs } from '../../electron/core/capture/command';
import { captureInputs, type PlatformDevices } from '../../electron/core/capture/inputs';

const linux: PlatformDevices = { platform: 'linux', inputDevices: ['x11grab', 'pulse', 'alsa', 'v4l2', 'lavfi'], env: { DISPLAY: ':99' } };
const mac: PlatformDevices = { platform: 'darwin', inputDevices: ['avfoundation', 'lavfi'], env: {} };
const win: PlatformDevices = { platform: 'win32', inputDevices: ['gdigrab', 'dshow', 'lavfi'], env: {} };
const opts = (input: RecordOptionsInput = {}) => recordOptions.parse(input);

/** The `-i` sources of an argument list, with the format before each. */
function sources(args: string[]): string[] {
  const out: string[] = [];
  args.forEach((arg, i) => {
    if (arg === '-i') {
      const f = args.lastIndexOf('-f', i);
      out.push(`${f >= 0 && f > args.lastIndexOf('-i', i - 1) ? args[f + 1] : 'file'}:${args[i + 1]}`);
    }
  });
  return out;
}

describe('capture inputs by platform', () => {
  it('Linux: x11grab of $DISPLAY, v4l2 camera, pulse mic, each with a small thread queue', () => {
    const inputs = captureInputs(opts({ camera: 'default', mic: 'default' }), linux);
    expect(sources([...inputs.screen!.args, ...inputs.camera!.args, ...inputs.mic!.args])).toEqual(['x11grab::99', 'v4l2:/dev/video0', 'pulse:default']);
    // Raw screen frames are 8 MB at 1080p: their queue is shorter so a stall cannot hold half a gigabyte.
    expect(inputs.screen!.args.slice(0, 2)).toEqual(['-thread_queue_size', '4']);
    expect(inputs.camera!.args.slice(0, 2)).toEqual(['-thread_queue_size', '8']);
    expect(inputs.mic!.args.slice(0, 2)).toEqual(['-thread_queue_size', '64']);
  });

  it('Linux: a region is grabbed by x11grab itself; ALSA when ffmpeg has no pulse', () => {
    const inputs = captureInputs(opts({ display: ':0', region: { x: 10, y: 20, width: 640, height: 480 }, mic: 'hw:1' }), { ...linux, inputDevices: ['x11grab', 'alsa'] });
    expect(inputs.screen!.args).toEqual(expect.arrayContaining(['-video_size', '640x480', ':0+10,20']));
    expect(sources(inputs.mic!.args)).toEqual(['alsa:hw:1']);
  });

  it('macOS: avfoundation screen, camera and mic by index', () => {
    const inputs = captureInputs(opts({ display: '1', camera: '0', mic: '2' }), mac);
    expect(sources([...inputs.screen!.args, ...inputs.camera!.args, ...inputs.mic!.args])).toEqual(['avfoundation:1:none', 'avfoundation:0:none', 'avfoundation::2']);
    expect(inputs.screen!.args).toEqual(expect.arrayContaining(['-capture_cursor', '1', '-framerate', '30']));
  });

  it('Windows: gdigrab desktop with a region, or ddagrab; dshow devices by name', () => {
    const inputs = captureInputs(opts({ region: { x: 0, y: 0, width: 800, height: 600 }, camera: 'Integrated Camera', mic: 'Microphone (Realtek)' }), win);
    expect(inputs.screen!.args).toEqual(expect.arrayContaining(['-f', 'gdigrab', '-offset_x', '0', '-video_size', '800x600', 'desktop']));
    expect(sources([...inputs.camera!.args, ...inputs.mic!.args])).toEqual(['dshow:video=Integrated Camera', 'dshow:audio=Microphone (Realtek)']);
    const dda = captureInputs(opts({ mic: null }), { ...win, preferDdagrab: true });
    expect(dda.screen!.args.at(-1)).toMatch(/^ddagrab=output_idx=0:framerate=30,hwdownload,format=bgra$/);
    expect(() => captureInputs(opts({ mic: 'default' }), win)).toThrow(/dshow has no default mic/);
  });

  it('synthetic sources are paced in real time with -re; a media file loops as camera and mic', () => {
    const inputs = captureInputs(opts({ camera: 'synthetic', mic: 'synthetic', synthetic: { file: '/media/talk.mp4' } }), linux);
    expect(inputs.camera!.args).toEqual(['-thread_queue_size', '8', '-re', '-stream_loop', '-1', '-i', '/media/talk.mp4']);
    expect(inputs.mic!.args).toContain('-vn');
    const sync = captureInputs(opts({ synthetic: 'sync', mic: 'synthetic' }), linux);
    expect(sync.screen!.args.at(-1)).toContain('drawbox');
    expect(sync.mic!.args.at(-1)).toContain('sine=f=1000');
  });

  it('camera-only needs a camera', () => {
    expect(() => captureInputs(opts({ cameraOnly: true, camera: null }), linux)).toThrow(/needs a camera/);
    expect(captureInputs(opts({ cameraOnly: true, camera: 'default' }), linux).screen).toBeNull();
  });
});

describe('part command', () => {
  const inputs = captureInputs(opts({ camera: 'synthetic', mic: 'default' }), linux);
  const cmd = partCommand({
    options: opts({ camera: 'synthetic', mic: 'default' }),
    inputs,
    sourceSize: { width: 2560, height: 1440 },
    maskPath: '/data/cache/bubble-mask-270.png',
    encode: { encoder: 'libx264', preset: 'superfast', fps: 30 },
    partDir: '/data/recordings/x/part-000',
    limitMs: 5000,
  });
  const graph = cmd.args[cmd.args.indexOf('-filter_complex') + 1];

  it('opens the mic first, then the screen, the camera and the mask, and maps each by its index', () => {
    const sources = cmd.args.flatMap((arg, i) => (arg === '-i' ? [cmd.args[i + 1]] : []));
    expect(sources).toEqual(['default', ':99', expect.stringContaining('testsrc2'), '/data/cache/bubble-mask-270.png']);
    expect(graph).toContain('[1:v]scale=1920:1080');
    expect(graph).toContain('[2:v]crop=');
    expect(graph).toContain('[3:v]format=gray');
    expect(graph).toContain('[0:a]aresample');
  });

  it('caps the size at 1080p with even sides and a bubble of a quarter of the height', () => {
    expect(cmd.output).toEqual({ width: 1920, height: 1080 });
    expect(outputSize({ width: 1366, height: 768 }, 1080)).toEqual({ width: 1366, height: 768 });
    expect(outputSize({ width: 1365, height: 767 }, 720)).toEqual({ width: 1282, height: 720 });
    expect(bubbleDiameter({ width: 1920, height: 1080 }, 0.25)).toBe(270);
  });

  it('composites the bubble from the precomputed mask (alphamerge + overlay), never per-pixel geq', () => {
    expect(cmd.args).toEqual(expect.arrayContaining(['-i', '/data/cache/bubble-mask-270.png']));
    expect(graph).toContain('alphamerge');
    expect(graph).toMatch(/overlay=x=W-w-32:y=H-h-32/);
    expect(graph).not.toContain('geq');
  });

  it('meters the mic, keeps A/V aligned and writes 1 s fMP4 HLS segments with a keyframe each second', () => {
    expect(graph).toMatch(/aresample=48000:async=1000:first_pts=0/);
    expect(graph).toContain('ametadata=mode=print:key=lavfi.astats.Overall.RMS_level');
    const at = (flag: string) => cmd.args[cmd.args.indexOf(flag) + 1];
    expect(at('-force_key_frames')).toBe('expr:gte(t,n_forced*1)');
    expect(at('-hls_time')).toBe('1');
    expect(at('-hls_segment_type')).toBe('fmp4');
    expect(at('-hls_flags')).toBe('independent_segments+temp_file');
    expect(at('-maxrate')).toBe('2000k');
    expect(at('-t')).toBe('5.000');
    expect(cmd.args.at(-1)).toBe('/data/recordings/x/part-000/index.m3u8');
  });

  it('caps the bitrate by pixel count and maps hardware encoders to their own rate flags', () => {
    expect(rateControl({ width: 1280, height: 720 }, 30, 'standard').maxrateK).toBe(889);
    expect(rateControl({ width: 1280, height: 720 }, 30, 'low').maxrateK).toBe(533);
    expect(videoEncoderArgs({ encoder: 'h264_videotoolbox', preset: 'superfast', fps: 30 }, { width: 1920, height: 1080 }, 'standard')).toEqual(
      expect.arrayContaining(['-c:v', 'h264_videotoolbox', '-realtime', '1', '-maxrate', '2000k']),
    );
    expect(videoEncoderArgs({ encoder: 'h264_nvenc', preset: 'superfast', fps: 30 }, { width: 1920, height: 1080 }, 'high')).toEqual(
      expect.arrayContaining(['-c:v', 'h264_nvenc', '-maxrate', '4000k']),
    );
  });

  it('for a live transcript, the same ffmpeg also writes the mic as 16 kHz mono s16le to its own output, cut at the same limit', () => {
    expect(cmd.args).not.toContain('[speech]');
    const live = partCommand({
      options: opts({ camera: 'synthetic', mic: 'default' }), inputs, sourceSize: { width: 2560, height: 1440 }, maskPath: null,
      encode: { encoder: 'libx264', preset: 'superfast', fps: 30 }, partDir: '/p', limitMs: 5000, speechAudioPath: `/p/${SPEECH_AUDIO_FILE}`,
    });
    const liveGraph = live.args[live.args.indexOf('-filter_complex') + 1];
    // Split after the meter: the mic level is printed once, and the speech is the audio the clip gets.
    expect(liveGraph).toMatch(/RMS_level\[ameter\];\[ameter\]asplit=2\[aout\]\[aspeech\];\[aspeech\]aresample=16000,aformat=sample_fmts=s16:channel_layouts=mono\[speech\]/);
    const speech = live.args.slice(live.args.indexOf('/p/index.m3u8') + 1);
    expect(speech).toEqual(['-map', '[speech]', '-c:a', 'pcm_s16le', '-flush_packets', '1', '-t', '5.000', '-f', 's16le', `/p/${SPEECH_AUDIO_FILE}`]);
    // Without a mic there is nothing to transcribe, and no speech output.
    const o = opts({ mic: null });
    const silent = partCommand({ options: o, inputs: captureInputs(o, linux), sourceSize: { width: 1280, height: 720 }, maskPath: null, encode: { encoder: 'libx264', preset: 'ultrafast', fps: 30 }, partDir: '/q', speechAudioPath: '/q/s' });
    expect(silent.args.at(-1)).toBe('/q/index.m3u8');
  });

  it('without a mic there is no audio map; camera-only scales the camera as the main picture', () => {
    const o = opts({ cameraOnly: true, camera: 'default', mic: null });
    const c = partCommand({ options: o, inputs: captureInputs(o, linux), sourceSize: { width: 1280, height: 720 }, maskPath: null, encode: { encoder: 'libx264', preset: 'ultrafast', fps: 30 }, partDir: 'p' });
    expect(c.args).not.toContain('[aout]');
    expect(c.args).not.toContain('alphamerge');
    expect(c.args[c.args.indexOf('-filter_complex') + 1]).toMatch(/^\[0:v\]scale=1280:720/);
  });
});
