// What can be recorded from, as ffmpeg reports it per platform, plus the one-frame probes a recording runs before it
// creates anything on disk (so a missing display or device is a clear error and leaves no clip behind).
import { readdir } from 'node:fs/promises';
import { HandoffError } from '../../../shared/result';
import { HARDWARE_H264_ENCODERS, listSources as listFfmpegSources, parseSources } from '../system/ffmpeg-probe';
import { runCommand, tail } from '../system/run';
import type { Size, VideoEncoder } from './command';
import { explainFailure, parseVideoSize } from './ffmpeg-output';

export interface Device {
  id: string;
  name: string;
  isDefault: boolean;
}

/** avfoundation `-list_devices true` prints `[AVFoundation …] [0] FaceTime HD Camera` under video / audio headings. */
export function parseAvfoundationDevices(stderr: string): { video: Device[]; audio: Device[] } {
  const out = { video: [] as Device[], audio: [] as Device[] };
  let section: 'video' | 'audio' | null = null;
  for (const line of stderr.split('\n')) {
    if (/AVFoundation video devices/i.test(line)) section = 'video';
    else if (/AVFoundation audio devices/i.test(line)) section = 'audio';
    else {
      const match = /\]\s\[(\d+)\]\s(.+)$/.exec(line);
      if (match && section) out[section].push({ id: match[1], name: match[2].trim(), isDefault: match[1] === '0' });
    }
  }
  return out;
}

/** dshow `-list_devices true` prints `[dshow @ …] "Integrated Camera" (video)` (ffmpeg ≥ 5) per device. */
export function parseDshowDevices(stderr: string): { video: Device[]; audio: Device[] } {
  const out = { video: [] as Device[], audio: [] as Device[] };
  for (const line of stderr.split('\n')) {
    const match = /"([^"]+)"\s+\((video|audio)\)/.exec(line);
    if (match) out[match[2] as 'video' | 'audio'].push({ id: match[1], name: match[1], isDefault: false });
  }
  return out;
}

/** `-sources pulse` lines as devices, through the one parser for them (system/ffmpeg-probe.ts, which handles ffmpeg 5's format suffix). */
export function parseSourceList(output: string): Device[] {
  return parseSources(output).map((source) => ({ id: source.id, name: source.description, isDefault: source.isDefault }));
}

async function listSources(ffmpegPath: string, device: string, env: NodeJS.ProcessEnv): Promise<Device[]> {
  return (await listFfmpegSources(ffmpegPath, device, env)).map((source) => ({ id: source.id, name: source.description, isDefault: source.isDefault }));
}

const synthetic: Device = { id: 'synthetic', name: 'Synthetic test source', isDefault: false };

export async function listCaptureDevices(ffmpegPath: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, inputDevices: readonly string[]) {
  if (platform === 'darwin' || platform === 'win32') {
    const args =
      platform === 'darwin'
        ? ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', '']
        : ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'];
    const result = await runCommand(ffmpegPath, args, { timeoutMs: 10_000, env });
    const found = platform === 'darwin' ? parseAvfoundationDevices(result.stderr) : parseDshowDevices(result.stderr);
    const screens = platform === 'darwin' ? found.video.filter((d) => /capture screen/i.test(d.name)) : [{ id: '0', name: 'Desktop', isDefault: true }];
    const cameras = found.video.filter((d) => !/capture screen/i.test(d.name));
    return { platform, screens, cameras: [...cameras, synthetic], mics: [...found.audio, synthetic], micBackend: platform === 'darwin' ? 'avfoundation' : 'dshow' };
  }
  const screens: Device[] = env.DISPLAY ? [{ id: env.DISPLAY, name: `X display ${env.DISPLAY}`, isDefault: true }] : [];
  let cameras: Device[] = inputDevices.includes('v4l2') ? await listSources(ffmpegPath, 'v4l2', env) : [];
  if (cameras.length === 0) {
    const nodes = await readdir('/dev').catch(() => [] as string[]);
    cameras = nodes.filter((n) => /^video\d+$/.test(n)).map((n, i) => ({ id: `/dev/${n}`, name: `/dev/${n}`, isDefault: i === 0 }));
  }
  const micBackend = inputDevices.includes('pulse') ? 'pulse' : 'alsa';
  const mics = await listSources(ffmpegPath, micBackend, env);
  return { platform, screens, cameras: [...cameras, synthetic], mics: [...mics, synthetic], micBackend };
}

/** Grabs one frame from an input: proves it opens and says how big it is. */
export async function probeInputSize(ffmpegPath: string, inputArgs: string[], role: string, env: NodeJS.ProcessEnv): Promise<Size> {
  const args = ['-hide_banner', ...inputArgs.filter((a) => a !== '-re'), '-frames:v', '1', '-f', 'null', '-'];
  const result = await runCommand(ffmpegPath, args, { timeoutMs: 15_000, env });
  const size = parseVideoSize(result.stderr);
  if (result.code !== 0 || !size) {
    const why = explainFailure(result.stderr, role) ?? `ffmpeg could not open the ${role} (exit ${result.code}): ${tail(result.stderr, 400).trim()}`;
    throw new HandoffError('unavailable', why);
  }
  return size;
}

/** Checks an audio input opens, so a missing mic is refused before anything is written. */
export async function probeAudioInput(ffmpegPath: string, inputArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const args = ['-hide_banner', ...inputArgs.filter((a) => a !== '-re'), '-t', '0.05', '-f', 'null', '-'];
  const result = await runCommand(ffmpegPath, args, { timeoutMs: 15_000, env });
  if (result.code !== 0) {
    throw new HandoffError('unavailable', explainFailure(result.stderr, 'microphone') ?? `ffmpeg could not open the microphone (exit ${result.code}): ${tail(result.stderr, 400).trim()}`);
  }
}

const HW_ORDER: Partial<Record<NodeJS.Platform, VideoEncoder[]>> = {
  darwin: ['h264_videotoolbox'],
  win32: ['h264_nvenc', 'h264_qsv', 'h264_amf', 'h264_mf'],
  linux: ['h264_nvenc', 'h264_qsv', 'h264_vaapi'],
};

/**
 * A hardware encoder is used only where it encodes a real frame here: ffmpeg lists NVENC/QSV/VAAPI whenever it was
 * built with them, GPU or not. Otherwise libx264.
 */
export async function pickVideoEncoder(ffmpegPath: string, encoders: readonly string[], platform: NodeJS.Platform): Promise<VideoEncoder> {
  for (const encoder of HW_ORDER[platform] ?? []) {
    if (!encoders.includes(encoder) || !(HARDWARE_H264_ENCODERS as readonly string[]).includes(encoder)) continue;
    const pre = encoder === 'h264_vaapi' ? ['-vaapi_device', '/dev/dri/renderD128'] : [];
    const vf = encoder === 'h264_vaapi' ? ['-vf', 'format=nv12,hwupload'] : [];
    const result = await runCommand(
      ffmpegPath,
      ['-hide_banner', '-loglevel', 'error', ...pre, '-f', 'lavfi', '-i', 'color=black:s=320x240:d=0.1', ...vf, '-frames:v', '1', '-c:v', encoder, '-f', 'null', '-'],
      { timeoutMs: 15_000 },
    );
    if (result.code === 0) return encoder;
  }
  return 'libx264';
}
