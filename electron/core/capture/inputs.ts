// Input backends by platform, as ffmpeg argument arrays. Pure: the argument lists for macOS and Windows are unit-tested
// here even though only Linux can run them on the build machines.
import type { RecordOptions } from '../../../shared/contract/recorder';
import { HandoffError } from '../../../shared/result';

/** Mic (and synthetic audio) inputs queue up to 64 packets: enough to ride out a hiccup, a few KB each. */
export const THREAD_QUEUE_SIZE = '64';
/**
 * Camera (and synthetic video) inputs queue raw frames, 0.5–4 MB each: 64 of them is up to a quarter gigabyte with a
 * 1080p webcam. With a 640×480 test camera, 64 → 16 → 8 took the recorder + ffmpeg peak at 1080p30 from ~320 to ~300
 * to ~280–297 MB (bench:record) with no more duplicated frames. 8 frames is a quarter second at 30 fps; a camera
 * frame that finds the queue full is late in the bubble, never in the screen or the audio.
 */
export const CAMERA_QUEUE_SIZE = '8';
/**
 * Screen inputs queue fewer: one raw 1080p BGRA frame is 8 MB, so 64 of them (filled while the encoder starts, or
 * whenever it falls behind) is 530 MB, and measured peak RSS went past 500 MB. 4 frames (~33 MB at 1080p) is 133 ms at
 * 30 fps; a grab that finds the queue full shows up as a duplicated frame rather than as memory. bench:record, 60 s
 * runs, 8 → 4 frames: ffmpeg's peak 188 → 165 MB (1080p ordinary), 197 → 165 MB (1080p scrolling), 153 → 137 MB (720p
 * scrolling); duplicated frames 0.1–0.2% → 0.2–0.6%, the same as plain x11grab + x264 on the same content.
 */
export const SCREEN_QUEUE_SIZE = '4';

export interface InputSpec {
  role: 'screen' | 'camera' | 'mic';
  /** Arguments up to and including `-i <source>`. */
  args: string[];
  /** Stream specifier inside this input ('v:0' / 'a:0'). */
  stream: 'v:0' | 'a:0';
  /** Whether the input is a live device (its clock is the wall clock) or a generator paced by `-re`. */
  live: boolean;
}

export interface PlatformDevices {
  platform: NodeJS.Platform;
  /** Input devices ffmpeg was built with (`ffmpeg -devices`), to fall back from pulse to alsa. */
  inputDevices: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Windows: Desktop Duplication (ddagrab, ffmpeg ≥ 6, a lavfi source) instead of GDI. */
  preferDdagrab?: boolean;
}

const queue = ['-thread_queue_size', THREAD_QUEUE_SIZE];
const cameraQueue = ['-thread_queue_size', CAMERA_QUEUE_SIZE];
const screenQueue = ['-thread_queue_size', SCREEN_QUEUE_SIZE];

/** The flash-and-beep source: white for the first 100 ms of every second, a 1 kHz beep over the same 100 ms. */
export function syncSources(fps: number, width = 640, height = 360): { video: string; audio: string } {
  return {
    video: `color=c=black:s=${width}x${height}:r=${fps},drawbox=c=white:t=fill:enable='lt(mod(t\\,1)\\,0.1)'`,
    audio: `sine=f=1000:r=48000,volume=volume=0:enable='gte(mod(t\\,1)\\,0.1)'`,
  };
}

function syntheticFile(options: RecordOptions): string | null {
  return options.synthetic && typeof options.synthetic === 'object' ? options.synthetic.file : null;
}

export function screenInput(options: RecordOptions, devices: PlatformDevices): InputSpec {
  const fps = String(options.fps);
  if (options.synthetic === 'sync') {
    return { role: 'screen', args: [...cameraQueue, '-re', '-f', 'lavfi', '-i', syncSources(options.fps).video], stream: 'v:0', live: false };
  }
  if (options.display === 'synthetic') {
    return { role: 'screen', args: [...cameraQueue, '-re', '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=${fps}`], stream: 'v:0', live: false };
  }
  const region = options.region;
  switch (devices.platform) {
    case 'darwin': {
      // avfoundation screens are "Capture screen N" devices; a region is cropped in the filter graph.
      const screen = options.display ?? '0';
      return {
        role: 'screen',
        args: [...screenQueue, '-f', 'avfoundation', '-capture_cursor', '1', '-framerate', fps, '-pixel_format', 'uyvy422', '-i', `${screen}:none`],
        stream: 'v:0',
        live: true,
      };
    }
    case 'win32': {
      if (devices.preferDdagrab) {
        const output = options.display ?? '0';
        const size = region ? `:offset_x=${region.x}:offset_y=${region.y}:video_size=${region.width}x${region.height}` : '';
        return {
          role: 'screen',
          args: [...screenQueue, '-f', 'lavfi', '-i', `ddagrab=output_idx=${output}:framerate=${fps}${size},hwdownload,format=bgra`],
          stream: 'v:0',
          live: true,
        };
      }
      const area = region
        ? ['-offset_x', String(region.x), '-offset_y', String(region.y), '-video_size', `${region.width}x${region.height}`]
        : [];
      return { role: 'screen', args: [...screenQueue, '-f', 'gdigrab', '-framerate', fps, '-draw_mouse', '1', ...area, '-i', 'desktop'], stream: 'v:0', live: true };
    }
    default: {
      const display = options.display ?? devices.env.DISPLAY ?? ':0';
      const size = region ? ['-video_size', `${region.width}x${region.height}`] : [];
      const source = region ? `${display}+${region.x},${region.y}` : display;
      return { role: 'screen', args: [...screenQueue, '-f', 'x11grab', '-framerate', fps, '-draw_mouse', '1', ...size, '-i', source], stream: 'v:0', live: true };
    }
  }
}

export function cameraInput(options: RecordOptions, devices: PlatformDevices): InputSpec | null {
  const camera = options.camera;
  if (camera === null) return null;
  const fps = String(options.fps);
  if (camera === 'synthetic') {
    const file = syntheticFile(options);
    const args = file
      ? [...cameraQueue, '-re', '-stream_loop', '-1', '-i', file]
      : [...cameraQueue, '-re', '-f', 'lavfi', '-i', `testsrc2=s=640x480:r=${fps}`];
    return { role: 'camera', args, stream: 'v:0', live: false };
  }
  switch (devices.platform) {
    case 'darwin':
      return {
        role: 'camera',
        args: [...cameraQueue, '-f', 'avfoundation', '-framerate', fps, '-video_size', '1280x720', '-i', `${camera === 'default' ? '0' : camera}:none`],
        stream: 'v:0',
        live: true,
      };
    case 'win32':
      if (camera === 'default') throw new HandoffError('invalid-input', 'Windows needs a camera name from devices:list (dshow has no default camera).');
      return { role: 'camera', args: [...cameraQueue, '-f', 'dshow', '-framerate', fps, '-i', `video=${camera}`], stream: 'v:0', live: true };
    default:
      return {
        role: 'camera',
        args: [...cameraQueue, '-f', 'v4l2', '-framerate', fps, '-i', camera === 'default' ? '/dev/video0' : camera],
        stream: 'v:0',
        live: true,
      };
  }
}

export function micInput(options: RecordOptions, devices: PlatformDevices): InputSpec | null {
  const mic = options.mic;
  if (mic === null) return null;
  if (options.synthetic === 'sync') {
    return { role: 'mic', args: [...queue, '-re', '-f', 'lavfi', '-i', syncSources(options.fps).audio], stream: 'a:0', live: false };
  }
  if (mic === 'synthetic') {
    const file = syntheticFile(options);
    const args = file
      ? [...queue, '-re', '-stream_loop', '-1', '-vn', '-i', file]
      : [...queue, '-re', '-f', 'lavfi', '-i', 'sine=f=440:r=48000,volume=0.3'];
    return { role: 'mic', args, stream: 'a:0', live: false };
  }
  switch (devices.platform) {
    case 'darwin':
      return { role: 'mic', args: [...queue, '-f', 'avfoundation', '-i', `:${mic === 'default' ? '0' : mic}`], stream: 'a:0', live: true };
    case 'win32':
      if (mic === 'default') throw new HandoffError('invalid-input', 'Windows needs a microphone name from devices:list (dshow has no default mic).');
      return { role: 'mic', args: [...queue, '-f', 'dshow', '-audio_buffer_size', '50', '-i', `audio=${mic}`], stream: 'a:0', live: true };
    default: {
      // PulseAudio (and PipeWire's pulse server) first; plain ALSA where ffmpeg was built without pulse.
      const backend = devices.inputDevices.includes('pulse') || !devices.inputDevices.includes('alsa') ? 'pulse' : 'alsa';
      const fragment = backend === 'pulse' ? ['-fragment_size', '3840'] : [];
      return { role: 'mic', args: [...queue, '-f', backend, ...fragment, '-i', mic], stream: 'a:0', live: true };
    }
  }
}

/** The inputs of one part, in ffmpeg input order. A camera-only recording has the camera as its main picture. */
export function captureInputs(options: RecordOptions, devices: PlatformDevices): { screen: InputSpec | null; camera: InputSpec | null; mic: InputSpec | null } {
  const camera = cameraInput(options, devices);
  if (options.cameraOnly && !camera) throw new HandoffError('invalid-input', 'Camera-only recording needs a camera.');
  return {
    screen: options.cameraOnly ? null : screenInput(options, devices),
    camera,
    mic: micInput(options, devices),
  };
}
