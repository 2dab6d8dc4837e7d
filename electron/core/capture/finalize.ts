// Finalize: the parts of a recording (fMP4 HLS playlists) become one moov-first MP4 by stream copy, then a thumbnail,
// ffprobe facts and a clip row. Nothing is re-encoded, so stop → ready does not grow with the recording's length.
import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** `#EXTINF` entries of a playlist in order: duration and segment file name. */
export function playlistEntries(text: string): { seconds: number; uri: string }[] {
  const entries: { seconds: number; uri: string }[] = [];
  let pending: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const inf = /^#EXTINF:([\d.]+)/.exec(line);
    if (inf) pending = Number(inf[1]);
    else if (line && !line.startsWith('#') && pending !== null) {
      entries.push({ seconds: pending, uri: line });
      pending = null;
    }
  }
  return entries;
}

/**
 * A clean VOD playlist of a part's usable segments (listed, present, non-empty), with absolute paths, written next to
 * the output. Returns null when the part has nothing usable.
 */
async function usablePlaylist(partDir: string, out: string): Promise<{ file: string; seconds: number } | null> {
  const text = await readFile(path.join(partDir, PLAYLIST), 'utf8').catch(() => null);
  const init = await stat(path.join(partDir, 'init.mp4')).catch(() => null);
  if (text === null || !init || init.size === 0) return null;
  const kept: { seconds: number; uri: string }[] = [];
  for (const entry of playlistEntries(text)) {
    if (!/^seg-\d+\.m4s$/.test(entry.uri)) continue;
    const seg = await stat(path.join(partDir, entry.uri)).catch(() => null);
    if (seg && seg.size > 0) kept.push(entry);
  }
  if (kept.length === 0) return null;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXT-X-MAP:URI="${path.join(partDir, 'init.mp4')}"`];
  for (const entry of kept) lines.push(`#EXTINF:${entry.seconds.toFixed(6)},`, path.join(partDir, entry.uri));
  lines.push('#EXT-X-ENDLIST', '');
  await writeFile(out, lines.join('\n'));
  return { file: out, seconds: kept.reduce((sum, e) => sum + e.seconds, 0) };
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
  await mkdir(options.clipDir, { recursive: true });
  const playlists: string[] = [];
  let seconds = 0;
  for (const part of manifest.parts) {
    const dir = path.join(recordingDir, part.dir);
    await sealPlaylist(path.join(dir, PLAYLIST));
    const usable = await usablePlaylist(dir, path.join(options.clipDir, `${part.dir}.partial.m3u8`));
    if (!usable) continue;
    seconds += usable.seconds;
    playlists.push(usable.file);
  }
  if (playlists.length === 0) throw new HandoffError('not-found', 'Nothing was recorded: no complete segment was written.');
  // Several parts (pause/resume) need the concat demuxer, which joins them with continuous timestamps. One part, the
  // usual case, is read straight from its playlist: the same packets, without the concat layer that cost about 0.4 s
  // per 150 MB (600 s at 2 Mb/s went from 0.9–1.1 s to 0.6 s here).
  const list = path.join(options.clipDir, 'concat.partial.txt');
  if (playlists.length > 1) await writeFile(list, playlists.map((file) => `file '${file.replace(/'/g, "'\\''")}'\n`).join(''));
  const input = playlists.length > 1 ? ['-f', 'concat', '-safe', '0', '-i', list] : ['-i', playlists[0]];
  const videoPath = path.join(options.clipDir, 'video.mp4');
  const temp = path.join(options.clipDir, 'video.partial.mp4');
  const fps = Math.max(...manifest.parts.map((p) => p.fps), 30);
  const concat = (layout: string[]) =>
    runCommand(
      ffmpegPath,
      ['-hide_banner', '-loglevel', 'error', '-y', ...input, '-map', '0', '-c', 'copy', ...layout, temp],
      { signal: options.signal, timeoutMs: 10 * 60_000 },
    );
  let result = await concat(['-moov_size', String(moovReserve(seconds, fps))]);
  // If the estimate was ever too small, the classic two-pass faststart still gives moov-first.
  if (result.code !== 0) result = await concat(['-movflags', '+faststart']);
  if (result.code !== 0) {
    for (const file of [temp, list, ...playlists]) await rm(file, { force: true });
    throw new HandoffError('internal', `ffmpeg could not join the recording (exit ${result.code}): ${tail(result.stderr, 600)}`);
  }
  await rename(temp, videoPath);
  for (const file of [list, ...playlists]) await rm(file, { force: true });
  const thumbPath = path.join(options.clipDir, 'thumb.jpg');
  // Probe and thumbnail are independent: run them side by side (the thumbnail position comes from the playlists).
  const [info] = await Promise.all([
    probeMedia(ffprobeNextTo(ffmpegPath), videoPath, options.signal),
    makeThumbnail(ffmpegPath, videoPath, thumbPath, Math.round(seconds * 1000)),
  ]);
  return { videoPath, thumbPath, info };
}
