// Finalize: the parts of a recording (fMP4 HLS playlists) become one moov-first MP4 by stream copy, then a thumbnail,
// ffprobe facts and a clip row. Nothing is re-encoded, so stop → ready does not grow with the recording's length.
import { appendFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { ffprobeNextTo, probeMedia, type MediaInfo } from '../media/probe';
import { makeThumbnail } from '../media/thumbnail';
import { runCommand, tail } from '../system/run';
import type { Manifest } from './manifest';

export const PLAYLIST = 'index.m3u8';

/** Appends `#EXT-X-ENDLIST` to a playlist a crash left open: without it ffprobe and players wait for more forever. */
export async function sealPlaylist(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null || /#EXT-X-ENDLIST\s*$/.test(text)) return false;
  await appendFile(file, (text.endsWith('\n') ? '' : '\n') + '#EXT-X-ENDLIST\n');
  return true;
}

/**
 * The complete segments of a part. ffmpeg writes each segment under a temporary name and renames it when complete
 * (hls_flags temp_file), so every `seg-*.m4s` on disk is whole.
 */
export async function partSegments(partDir: string): Promise<string[]> {
  const names = await readdir(partDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const hasInit = names.includes('init.mp4') && (await stat(path.join(partDir, 'init.mp4'))).size > 0;
  if (!hasInit) return [];
  return names.filter((name) => /^seg-\d+\.m4s$/.test(name)).sort();
}

/** Seconds listed in a playlist (sum of #EXTINF). */
export function playlistSeconds(text: string): number {
  let total = 0;
  for (const match of text.matchAll(/#EXTINF:([\d.]+)/g)) total += Number(match[1]);
  return total;
}

/**
 * Space to reserve for the moov box at the start of the file (`-moov_size`): the index is about 12 bytes per packet;
 * reserving it lets the muxer write moov in place instead of rewriting the whole file afterwards (+faststart), which
 * is what keeps finalize flat as recordings grow.
 */
export function moovReserve(seconds: number, fps: number): number {
  const packets = seconds * (fps + 48);
  return Math.ceil(65_536 + packets * 24);
}

export interface FinalizedVideo {
  videoPath: string;
  thumbPath: string;
  info: MediaInfo;
}

/** Concatenates every part's playlist into `<clipDir>/video.mp4` (moov first), then probe and thumbnail. */
export async function buildVideo(options: {
  ffmpegPath: string;
  recordingDir: string;
  manifest: Manifest;
  clipDir: string;
  signal?: AbortSignal;
}): Promise<FinalizedVideo> {
  const { recordingDir, manifest, ffmpegPath } = options;
  const playlists: string[] = [];
  let seconds = 0;
  for (const part of manifest.parts) {
    const playlist = path.join(recordingDir, part.dir, PLAYLIST);
    await sealPlaylist(playlist);
    if ((await partSegments(path.join(recordingDir, part.dir))).length === 0) continue;
    const listed = playlistSeconds(await readFile(playlist, 'utf8'));
    if (listed <= 0) continue;
    seconds += listed;
    playlists.push(playlist);
  }
  if (playlists.length === 0) throw new HandoffError('not-found', 'Nothing was recorded: no complete segment was written.');
  await mkdir(options.clipDir, { recursive: true });
  const list = path.join(recordingDir, 'concat.txt');
  await writeFile(list, playlists.map((file) => `file '${file.replace(/'/g, "'\\''")}'\n`).join(''));
  const videoPath = path.join(options.clipDir, 'video.mp4');
  const temp = path.join(options.clipDir, 'video.partial.mp4');
  const fps = Math.max(...manifest.parts.map((p) => p.fps), 30);
  const concat = (layout: string[]) =>
    runCommand(
      ffmpegPath,
      ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0', '-c', 'copy', ...layout, temp],
      { signal: options.signal, timeoutMs: 10 * 60_000 },
    );
  let result = await concat(['-moov_size', String(moovReserve(seconds, fps))]);
  // If the estimate was ever too small, the classic two-pass faststart still gives moov-first.
  if (result.code !== 0) result = await concat(['-movflags', '+faststart']);
  if (result.code !== 0) {
    await rm(temp, { force: true });
    throw new HandoffError('internal', `ffmpeg could not join the recording (exit ${result.code}): ${tail(result.stderr, 600)}`);
  }
  await rename(temp, videoPath);
  const thumbPath = path.join(options.clipDir, 'thumb.jpg');
  // Probe and thumbnail are independent: run them side by side (the thumbnail position comes from the playlists).
  const [info] = await Promise.all([
    probeMedia(ffprobeNextTo(ffmpegPath), videoPath, options.signal),
    makeThumbnail(ffmpegPath, videoPath, thumbPath, Math.round(seconds * 1000)),
  ]);
  return { videoPath, thumbPath, info };
}
