// The ffmpeg command of one recording part: inputs, the filter graph (scale, round camera bubble, mic meter) and the
// fMP4 HLS output. Pure, so every platform's command is unit-tested.
import type { RecordOptions } from '../../../shared/contract/recorder';
import type { InputSpec } from './inputs';

export interface Size {
  width: number;
  height: number;
}

export type VideoEncoder = 'libx264' | 'h264_videotoolbox' | 'h264_nvenc' | 'h264_qsv' | 'h264_vaapi' | 'h264_amf' | 'h264_mf';
export type X264Preset = 'ultrafast' | 'superfast' | 'veryfast' | 'faster';

export interface EncodeSettings {
  encoder: VideoEncoder;
  preset: X264Preset;
  fps: number;
}

export interface PartCommandInput {
  options: RecordOptions;
  inputs: { screen: InputSpec | null; camera: InputSpec | null; mic: InputSpec | null };
  /** Size of the main picture before scaling (screen or region, or the camera when camera-only). */
  sourceSize: Size;
  /** The precomputed round alpha mask, already the bubble's size (see bubble-mask.ts). */
  maskPath: string | null;
  encode: EncodeSettings;
  partDir: string;
  /** Seconds of audio per mic-level reading. */
  meterSeconds?: number;
  /** Recorded time this part may still take (from options.maxSeconds), or null. */
  limitMs?: number | null;
  /** Also write the mic as 16 kHz mono s16le to this file (a follower transcribes it while recording), or null. */
  speechAudioPath?: string | null;
}

/**
 * The speech audio a part's ffmpeg writes beside its segments when a follower asks for it: raw 16 kHz mono s16le, the
 * recognizers' input. A file, not a pipe, so a reader that falls behind can never stall the recorder; and written by
 * the recorder's own ffmpeg, so live transcription needs no second decoder (~55-80 MB of RSS with its libraries).
 */
export const SPEECH_AUDIO_FILE = 'speech.s16le';
export const SPEECH_SAMPLE_RATE = 16_000;

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The output size: at most `maxHeight` tall, aspect kept, both sides even (H.264 4:2:0 needs it). */
export function outputSize(source: Size, maxHeight: number): Size {
  const height = Math.min(source.height, maxHeight);
  return { width: even((source.width * height) / source.height), height: even(height) };
}

/** Bubble diameter in pixels for an output size. */
export function bubbleDiameter(output: Size, fraction: number): number {
  return even(Math.min(output.width, output.height) * fraction);
}

function bubblePosition(corner: RecordOptions['bubbleCorner'], output: Size): string {
  const margin = even(output.height * 0.03);
  const x = corner.endsWith('left') ? String(margin) : `W-w-${margin}`;
  const y = corner.startsWith('top') ? String(margin) : `H-h-${margin}`;
  return `x=${x}:y=${y}`;
}

/**
 * Bitrate caps. Full-screen text at CRF alone runs to hundreds of MB per minute, so every quality has a ceiling that
 * scales with the pixel count; ~2 Mbit/s at 1080p30 keeps an ordinary desktop under 15 MB/min.
 */
export function rateControl(output: Size, fps: number, quality: RecordOptions['quality']): { crf: number; maxrateK: number; audioK: number } {
  const pixelsPerSecond = output.width * output.height * fps;
  const base = (2000 * pixelsPerSecond) / (1920 * 1080 * 30);
  const factor = quality === 'low' ? 0.6 : quality === 'high' ? 2 : 1;
  return {
    crf: quality === 'low' ? 30 : quality === 'high' ? 22 : 26,
    maxrateK: Math.max(400, Math.round(base * factor)),
    audioK: quality === 'high' ? 128 : 96,
  };
}

export function videoEncoderArgs(encode: EncodeSettings, output: Size, quality: RecordOptions['quality']): string[] {
  const { crf, maxrateK } = rateControl(output, encode.fps, quality);
  const rate = `${maxrateK}k`;
  const buf = `${maxrateK * 2}k`;
  switch (encode.encoder) {
    case 'libx264':
      return ['-c:v', 'libx264', '-preset', encode.preset, '-tune', 'zerolatency', '-crf', String(crf), '-maxrate', rate, '-bufsize', buf, '-pix_fmt', 'yuv420p'];
    case 'h264_videotoolbox':
      return ['-c:v', 'h264_videotoolbox', '-realtime', '1', '-b:v', rate, '-maxrate', rate, '-bufsize', buf];
    case 'h264_nvenc':
      return ['-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-rc', 'vbr', '-cq', String(crf), '-b:v', rate, '-maxrate', rate, '-bufsize', buf];
    case 'h264_qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'veryfast', '-b:v', rate, '-maxrate', rate, '-bufsize', buf];
    case 'h264_vaapi':
      return ['-c:v', 'h264_vaapi', '-b:v', rate, '-maxrate', rate, '-bufsize', buf];
    case 'h264_amf':
    case 'h264_mf':
      return ['-c:v', encode.encoder, '-b:v', rate, '-maxrate', rate, '-bufsize', buf];
  }
}

/** The whole argument array of one part (everything after the ffmpeg binary). */
export function partCommand(input: PartCommandInput): { args: string[]; output: Size; playlist: string } {
  const { options, inputs, encode } = input;
  const output = outputSize(input.sourceSize, options.maxHeight);
  const args = ['-hide_banner'];
  // Progress as key=value blocks on stdout; the log (mic meter, errors) on stderr.
  args.push('-nostats', '-loglevel', 'info', '-progress', 'pipe:1', '-stats_period', '0.5');
  if (encode.encoder === 'h264_vaapi') args.push('-vaapi_device', '/dev/dri/renderD128');

  // The mic opens first. ffmpeg gives every input its own time zero at open, and a PulseAudio source takes about 2 s to
  // open here; opened after the screen, the mic's timestamps trailed the screen's by that much, ffmpeg waited on audio
  // to interleave while the 8-frame screen queue filled, and x11grab stalled: 77% duplicated frames and 110–210 ms of
  // A/V offset with a real mic (bench:record with --mic, the real-mic sync test). Opened first: 0.2–1.9% and ±30 ms.
  const ordered = [inputs.mic, inputs.screen, inputs.camera].filter((spec): spec is InputSpec => spec !== null);
  const index = (spec: InputSpec | null) => (spec ? ordered.indexOf(spec) : -1);
  for (const spec of ordered) args.push(...spec.args);
  const main = inputs.screen ?? inputs.camera;
  if (!main) throw new Error('A recording needs a screen or a camera.');
  const maskIndex = inputs.screen && inputs.camera && input.maskPath ? ordered.length : -1;
  if (maskIndex >= 0 && input.maskPath) args.push('-i', input.maskPath);

  // No fps filter on the screen: the output's -fps_mode cfr holds the rate, so frames duplicated because capture fell
  // behind show up in ffmpeg's dup_frames count (the fall-behind signal and the benchmark's measure).
  const filters: string[] = [];
  const fps = encode.fps;
  const region = options.region;
  // avfoundation and ddagrab-less paths grab the whole screen; x11grab and gdigrab already grabbed the region.
  const crop = region && inputs.screen && inputs.screen.args.includes('avfoundation') ? `crop=${region.width}:${region.height}:${region.x}:${region.y},` : '';
  filters.push(`[${index(main)}:v]${crop}scale=${output.width}:${output.height}:flags=bilinear,format=yuv420p[base]`);
  let videoOut = 'base';
  if (maskIndex >= 0 && inputs.camera) {
    const d = bubbleDiameter(output, options.bubbleSize);
    filters.push(`[${index(inputs.camera)}:v]crop='min(iw,ih)':'min(iw,ih)',scale=${d}:${d},fps=${fps},format=yuva420p[cam]`);
    filters.push(`[${maskIndex}:v]format=gray,scale=${d}:${d}[mask]`);
    filters.push(`[cam][mask]alphamerge[bubble]`);
    filters.push(`[base][bubble]overlay=${bubblePosition(options.bubbleCorner, output)}:format=yuv420:eof_action=pass[vout]`);
    videoOut = 'vout';
  }
  if (encode.encoder === 'h264_vaapi') {
    filters.push(`[${videoOut}]format=nv12,hwupload[vhw]`);
    videoOut = 'vhw';
  }
  if (inputs.mic) {
    const meterSamples = Math.round(48000 * (input.meterSeconds ?? 0.1));
    // async resampling stretches or pads audio to its timestamps, so a slow device never drifts against the video.
    filters.push(
      `[${index(inputs.mic)}:a]aresample=48000:async=1000:first_pts=0,aformat=channel_layouts=mono,asetnsamples=n=${meterSamples}:p=0,` +
        `astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=RMS_level,` +
        `ametadata=mode=print:key=lavfi.astats.Overall.RMS_level${input.speechAudioPath ? '[ameter]' : '[aout]'}`,
    );
    if (input.speechAudioPath) filters.push(`[ameter]asplit=2[aout][aspeech]`, `[aspeech]aresample=${SPEECH_SAMPLE_RATE},aformat=sample_fmts=s16:channel_layouts=mono[speech]`);
  }
  args.push('-filter_complex', filters.join(';'), '-map', `[${videoOut}]`);
  if (inputs.mic) args.push('-map', '[aout]');

  args.push(...videoEncoderArgs(encode, output, options.quality));
  // A keyframe every second, so every ~1 s segment starts with one and is independently decodable.
  args.push('-force_key_frames', 'expr:gte(t,n_forced*1)', '-fps_mode', 'cfr', '-r', String(fps));
  if (inputs.mic) args.push('-c:a', 'aac', '-b:a', `${rateControl(output, fps, options.quality).audioK}k`, '-ac', '1');
  if (input.limitMs) args.push('-t', (input.limitMs / 1000).toFixed(3));
  const playlist = `${input.partDir}/index.m3u8`;
  args.push(
    '-f', 'hls',
    '-hls_time', '1',
    '-hls_segment_type', 'fmp4',
    // temp_file: a segment appears under its final name only when complete, so a crash never leaves a torn one.
    '-hls_flags', 'independent_segments+temp_file',
    '-hls_list_size', '0',
    '-hls_playlist_type', 'event',
    '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_segment_filename', `${input.partDir}/seg-%05d.m4s`,
    playlist,
  );
  if (inputs.mic && input.speechAudioPath) {
    // Its own output, so every option above stays the HLS output's; flushed per packet, so the live pass reads each
    // tenth of a second as it is heard rather than in 32 KiB (1 s) blocks.
    args.push('-map', '[speech]', '-c:a', 'pcm_s16le', '-flush_packets', '1');
    if (input.limitMs) args.push('-t', (input.limitMs / 1000).toFixed(3));
    args.push('-f', 's16le', input.speechAudioPath);
  }
  return { args, output, playlist };
}
