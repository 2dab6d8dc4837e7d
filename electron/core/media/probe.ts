// ffprobe as a function: what a media file holds, read from ffprobe's JSON. A file ffprobe cannot read is a
// HandoffError('invalid-input') with its own words, so callers can show why.
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

export async function probeMedia(ffprobePath: string, file: string, signal?: AbortSignal): Promise<MediaInfo> {
  const result = await runCommand(
    ffprobePath,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file],
    { signal, timeoutMs: 60_000 },
  );
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
