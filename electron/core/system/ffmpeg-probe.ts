// Pure parsers for what ffmpeg says about itself (`-version`, `-devices`, `-encoders`, `-sources`), plus the probes
// that run it. Kept pure so every format quirk is unit-tested without ffmpeg.
import { runCommand } from './run';

export const HARDWARE_H264_ENCODERS = [
  'h264_videotoolbox',
  'h264_nvenc',
  'h264_qsv',
  'h264_vaapi',
  'h264_amf',
  'h264_mf',
] as const;

export function parseFfmpegVersion(output: string): string | null {
  const match = /^ffmpeg version (\S+)/m.exec(output);
  return match ? match[1] : null;
}

/** `-devices` lists ` D  x11grab   X11 screen capture`: D marks demuxing (input) support. */
export function parseInputDevices(output: string): string[] {
  const devices: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s([D ])([E ])\s+(\S+)\s/.exec(line);
    if (match && match[1] === 'D') devices.push(...match[3].split(','));
  }
  return devices;
}

/** `-encoders` lists ` V....D libx264   ...`: the first column is the media type. */
export function parseEncoders(output: string): string[] {
  const encoders: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s([VAS])[.A-Z]{5}\s+([A-Za-z0-9_]\S*)\s/.exec(line);
    if (match) encoders.push(match[2]);
  }
  return encoders;
}

export interface SourceDevice {
  id: string;
  description: string;
  isDefault: boolean;
}

/** `-sources pulse` prints `* vmic [Remapped vsink.monitor]`, the star marking the default. */
export function parseSources(output: string): SourceDevice[] {
  const devices: SourceDevice[] = [];
  for (const line of output.split('\n')) {
    // ffmpeg 5 may append the source's default format in parentheses: `* vmic [Remapped] (none)`.
    const match = /^([* ])\s(\S+)\s\[(.*?)\](?:\s+\(.*\))?\s*$/.exec(line);
    if (match) devices.push({ id: match[2], description: match[3], isDefault: match[1] === '*' });
  }
  return devices;
}

export interface FfmpegCapabilities {
  path: string;
  version: string | null;
  inputDevices: string[];
  encoders: string[];
}

export async function probeFfmpeg(ffmpegPath: string): Promise<FfmpegCapabilities> {
  const [version, devices, encoders] = await Promise.all([
    runCommand(ffmpegPath, ['-hide_banner', '-version'], { timeoutMs: 10_000 }),
    runCommand(ffmpegPath, ['-hide_banner', '-devices'], { timeoutMs: 10_000 }),
    runCommand(ffmpegPath, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 }),
  ]);
  return {
    path: ffmpegPath,
    version: parseFfmpegVersion(version.stdout),
    inputDevices: parseInputDevices(devices.stdout),
    encoders: parseEncoders(encoders.stdout),
  };
}

/** Asks an input device for its sources; an empty list when it has none or cannot list them. */
export async function listSources(ffmpegPath: string, device: string, env?: NodeJS.ProcessEnv): Promise<SourceDevice[]> {
  const result = await runCommand(ffmpegPath, ['-hide_banner', '-sources', device], { timeoutMs: 8_000, env });
  return parseSources(result.stdout);
}
