// ffprobe as a function: what a media file holds, read from ffprobe's JSON. A file ffprobe cannot read is a
// HandoffError('invalid-input') with its own words, so callers can show why.
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { runCommand, tail } from '../system/run';

export interface MediaInfo {
  formatName: string;
  durationMs: number | null;
  sizeBytes: number | null;
  video: { codec: string; width: number; height: number; fps: number | null } | null;
  audio: { codec: string; sampleRate: number; channels: number } | null;
}

interface ProbeJson {
  format?: { format_name?: string; duration?: string; size?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    sample_rate?: string;
    channels?: number;
    disposition?: { attached_pic?: number };
  }[];
}

function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [num, den] = rate.split('/').map(Number);
  return den ? num / den : Number.isFinite(num) ? num : null;
}

export function parseProbe(json: string): MediaInfo {
  const data = JSON.parse(json) as ProbeJson;
  const streams = data.streams ?? [];
  // Cover art in audio files shows up as a video stream; it is not video.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const duration = Number(data.format?.duration);
  const size = Number(data.format?.size);
  return {
    formatName: data.format?.format_name ?? 'unknown',
    durationMs: Number.isFinite(duration) ? Math.round(duration * 1000) : null,
    sizeBytes: Number.isFinite(size) ? size : null,
    video: video
      ? { codec: video.codec_name ?? 'unknown', width: video.width ?? 0, height: video.height ?? 0, fps: parseRate(video.avg_frame_rate) }
      : null,
    audio: audio
      ? { codec: audio.codec_name ?? 'unknown', sampleRate: Number(audio.sample_rate ?? 0), channels: audio.channels ?? 0 }
      : null,
  };
}

/**
 * The demuxers a media file may be opened with: real containers of audio and video. Not playlists or lists of other
 * files (hls, concat, ffconcat), not images, not raw streams or devices: an HLS playlist renamed .mp4 would otherwise
 * pull other local files into the clip. A name matches ffprobe's whole format_name ('mov' is 'mov,mp4,m4a,3gp,…',
 * 'matroska' is 'matroska,webm').
 */
export const CONTAINER_DEMUXERS = ['mov', 'matroska', 'avi', 'wav', 'mp3', 'ogg', 'flac', 'aac', 'mpegts', 'mpeg', 'flv', 'asf', 'aiff', 'caf'];

/**
 * Input options for every ffmpeg/ffprobe run on a local media file: only the file protocol (no http, tcp, concat:,
 * data:, subfile…), and only container demuxers. Goes before the `-i`.
 */
export function localInputArgs(): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', CONTAINER_DEMUXERS.join(',')];
}

const FORMAT_NAMES: Record<string, string> = {
  hls: 'an HLS playlist (a list of other files)',
  concat: 'a concat list (a list of other files)',
  ffconcat: 'a concat list (a list of other files)',
};

/** ffmpeg's words when the file's format is not on the whitelist: `[hls @ 0x…] Format not on whitelist '…'`. */
export function refusedFormat(stderr: string): string | null {
  return /\[([\w,]+) @ [^\]]*\] Format not on whitelist/.exec(stderr)?.[1] ?? null;
}

export function refusedFormatMessage(format: string, file: string): string {
  const name = path.basename(file);
  if (/^(image2|\w+_pipe)$/.test(format)) return `${name} is a still image (${format}), not a recording.`;
  const what = FORMAT_NAMES[format] ?? `in the ${format} format`;
  return `${name} is ${what}, not a video or audio file: only container files (MP4/MOV, WebM/MKV, AVI, MPEG-TS/PS, FLV, WMV, WAV, MP3, M4A, Ogg, FLAC, AIFF, CAF) are imported.`;
}

export async function probeMedia(ffprobePath: string, file: string, signal?: AbortSignal): Promise<MediaInfo> {
  const result = await runCommand(
    ffprobePath,
    ['-v', 'error', ...localInputArgs(), '-print_format', 'json', '-show_format', '-show_streams', '--', file],
    { signal, timeoutMs: 60_000 },
  );
  const refused = result.code !== 0 ? refusedFormat(result.stderr) : null;
  if (refused) throw new HandoffError('invalid-input', refusedFormatMessage(refused, file));
  if (result.code !== 0) {
    throw new HandoffError('invalid-input', `Not a readable media file (ffprobe exited with ${result.code}): ${tail(result.stderr, 500).trim()}`);
  }
  const info = parseProbe(result.stdout);
  if (!info.video && !info.audio) throw new HandoffError('invalid-input', 'The file has no audio or video stream.');
  return info;
}

/** ffprobe sits next to ffmpeg in every distribution we support. */
export function ffprobeNextTo(ffmpegPath: string): string {
  return ffmpegPath.replace(/ffmpeg(\.exe)?$/, (_m, ext: string | undefined) => `ffprobe${ext ?? ''}`);
}
