// Converts any media ffmpeg can read into the library's one format: a faststart MP4 with H.264 video and AAC audio.
// Streams that already are H.264/AAC are copied (no quality loss, seconds instead of minutes); the others are encoded.
// Progress comes from `-progress pipe:1`, parsed by a pure function.
import { spawn } from 'node:child_process';
import { HandoffError } from '../../../shared/result';
import { tail } from '../system/run';
import { localInputArgs, type MediaInfo } from './probe';

export interface TranscodePlan {
  copyVideo: boolean;
  copyAudio: boolean;
  args: string[];
}

/**
 * `encodeAll` decodes and encodes every stream even when it could be copied: for a cut-off file, where a copy would
 * carry the broken last packets as they are, and only what really decodes should be kept.
 */
export function planTranscode(info: MediaInfo, input: string, output: string, options: { encodeAll?: boolean } = {}): TranscodePlan {
  const copyVideo = info.video?.codec === 'h264' && !options.encodeAll;
  const copyAudio = info.audio?.codec === 'aac' && !options.encodeAll;
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y', ...localInputArgs(), '-i', input];
  if (info.video) {
    args.push('-map', '0:v:0');
    if (copyVideo) args.push('-c:v', 'copy');
    // yuv420p and even dimensions: what every browser and QuickTime can play.
    else args.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2');
  } else {
    args.push('-vn');
  }
  if (info.audio) {
    args.push('-map', '0:a:0');
    if (copyAudio) args.push('-c:a', 'copy');
    else args.push('-c:a', 'aac', '-b:a', '128k');
  }
  args.push('-sn', '-dn', '-map_metadata', '-1', '-movflags', '+faststart', '-f', 'mp4', '-progress', 'pipe:1', output);
  return { copyVideo, copyAudio, args };
}

/**
 * Reads one chunk of `-progress` output (key=value lines) and returns the media time reached, in ms, if the chunk
 * says. ffmpeg 5 prints both out_time_us and out_time_ms (both in microseconds, a known ffmpeg quirk) and
 * `N/A` before the first frame.
 */
export function parseProgressTime(chunk: string): number | null {
  let latest: number | null = null;
  for (const line of chunk.split(/\r?\n/)) {
    const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
    if (match) latest = Math.floor(Number(match[1]) / 1000);
  }
  return latest;
}

export async function transcode(
  ffmpegPath: string,
  plan: TranscodePlan,
  options: { durationMs: number | null; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<{ stderr: string }> {
  return new Promise<{ stderr: string }>((resolve, reject) => {
    const child = spawn(ffmpegPath, plan.args, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal, windowsHide: true });
    let stderr = '';
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      // Lines can be split across chunks: parse only complete lines.
      buffered += chunk;
      const end = buffered.lastIndexOf('\n');
      if (end === -1) return;
      const complete = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const reached = parseProgressTime(complete);
      if (reached !== null && options.durationMs) options.onProgress?.(Math.min(1, reached / options.durationMs));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = tail(stderr + chunk, 8000);
    });
    child.once('error', (error) => reject(new HandoffError('internal', `could not run ffmpeg: ${error.message}`, { cause: error })));
    child.once('close', (code, signal) => {
      if (code === 0) {
        options.onProgress?.(1);
        // What ffmpeg said on a successful run: a cut-off source shows here ("partial file", "ended prematurely").
        resolve({ stderr });
      } else if (options.signal?.aborted) {
        reject(new HandoffError('cancelled', 'The import was cancelled.'));
      } else {
        reject(new HandoffError('invalid-input', `ffmpeg could not convert the file (exit ${code ?? signal}): ${tail(stderr, 600).trim()}`));
      }
    });
  });
}
