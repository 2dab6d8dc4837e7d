// Finalize: the parts of a recording (fMP4 HLS playlists) become one moov-first MP4 without re-encoding (by our own
// writer, or ffmpeg's stream copy when the writer cannot), then a thumbnail, ffprobe facts and a clip row.
import { appendFile, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError, messageOf } from '../../../shared/result';
import { ffprobeNextTo, probeMedia, type MediaInfo } from '../media/probe';
import { makeThumbnail } from '../media/thumbnail';
import { runCommand, tail } from '../system/run';
import type { Logger } from '../logger';
import type { Manifest } from './manifest';
import type { LiveJoin } from './live-join';
import { createMp4Joiner } from './mp4-join';

export const PLAYLIST = 'index.m3u8';
/** A segment the recorder's ffmpeg writes (anything else in a playlist is not ours). */
export const SEGMENT_NAME = /^seg-\d+\.m4s$/;

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
async function usablePlaylist(partDir: string, out: string): Promise<{ file: string; seconds: number; init: string; segments: string[] } | null> {
  const text = await readFile(path.join(partDir, PLAYLIST), 'utf8').catch(() => null);
  const init = await stat(path.join(partDir, 'init.mp4')).catch(() => null);
  if (text === null || !init || init.size === 0) return null;
  const kept: { seconds: number; uri: string }[] = [];
  for (const entry of playlistEntries(text)) {
    if (!SEGMENT_NAME.test(entry.uri)) continue;
    const seg = await stat(path.join(partDir, entry.uri)).catch(() => null);
    if (seg && seg.size > 0) kept.push(entry);
  }
  if (kept.length === 0) return null;
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXT-X-MAP:URI="${path.join(partDir, 'init.mp4')}"`];
  for (const entry of kept) lines.push(`#EXTINF:${entry.seconds.toFixed(6)},`, path.join(partDir, entry.uri));
  lines.push('#EXT-X-ENDLIST', '');
  await writeFile(out, lines.join('\n'));
  return {
    file: out,
    seconds: kept.reduce((sum, e) => sum + e.seconds, 0),
    init: path.join(partDir, 'init.mp4'),
    segments: kept.map((entry) => path.join(partDir, entry.uri)),
  };
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

/** Joins the parts' segments with our own MP4 writer; see mp4-join.ts. */
async function joinDirectly(parts: { init: string; segments: string[] }[], out: string, reserveBytes: number): Promise<void> {
  const joiner = await createMp4Joiner(parts[0].init, out, reserveBytes);
  try {
    for (const [i, part] of parts.entries()) {
      if (i > 0) await joiner.nextPart(part.init);
      for (const segment of part.segments) await joiner.append(segment);
    }
    await joiner.finish();
  } catch (error) {
    await joiner.abandon();
    throw error;
  }
}

/** Concatenates every part's playlist into `<clipDir>/video.mp4` (moov first), then probe and thumbnail. */
export async function buildVideo(options: {
  ffmpegPath: string;
  recordingDir: string;
  manifest: Manifest;
  clipDir: string;
  signal?: AbortSignal;
  logger?: Logger;
  /** The join built while recording, if one ran (recorder only; recovery joins from the segments). */
  liveJoin?: LiveJoin | null;
}): Promise<FinalizedVideo> {
  const { recordingDir, manifest, ffmpegPath } = options;
  await mkdir(options.clipDir, { recursive: true });
  const usable: NonNullable<Awaited<ReturnType<typeof usablePlaylist>>>[] = [];
  let seconds = 0;
  for (const part of manifest.parts) {
    const dir = path.join(recordingDir, part.dir);
    await sealPlaylist(path.join(dir, PLAYLIST));
    const found = await usablePlaylist(dir, path.join(options.clipDir, `${part.dir}.partial.m3u8`));
    if (!found) continue;
    seconds += found.seconds;
    usable.push(found);
  }
  if (usable.length === 0) {
    await options.liveJoin?.abandon();
    throw new HandoffError('not-found', 'Nothing was recorded: no complete segment was written.');
  }
  const playlists = usable.map((part) => part.file);
  const videoPath = path.join(options.clipDir, 'video.mp4');
  const temp = path.join(options.clipDir, 'video.partial.mp4');
  const fps = Math.max(...manifest.parts.map((p) => p.fps), 30);
  const reserve = moovReserve(seconds, fps);
  const list = path.join(options.clipDir, 'concat.partial.txt');
  const cleanUp = async () => {
    for (const file of [list, ...playlists]) await rm(file, { force: true });
  };

  const joinWithFfmpeg = async () => {
    // Several parts (pause/resume) need the concat demuxer, which joins them with continuous timestamps.
    if (playlists.length > 1) await writeFile(list, playlists.map((file) => `file '${file.replace(/'/g, "'\\''")}'\n`).join(''));
    // Only local files, whatever a playlist or list names (the demuxers are ours: concat, hls over fMP4 segments).
    const local = ['-protocol_whitelist', 'file'];
    const input = playlists.length > 1 ? [...local, '-f', 'concat', '-safe', '0', '-i', list] : [...local, '-i', playlists[0]];
    const concat = (layout: string[]) =>
      runCommand(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...input, '-map', '0', '-c', 'copy', ...layout, temp], {
        signal: options.signal,
        timeoutMs: 10 * 60_000,
      });
    let result = await concat(['-moov_size', String(reserve)]);
    // If the estimate was ever too small, the classic two-pass faststart still gives moov-first.
    if (result.code !== 0) result = await concat(['-movflags', '+faststart']);
    if (result.code !== 0) {
      await rm(temp, { force: true });
      await cleanUp();
      throw new HandoffError('internal', `ffmpeg could not join the recording (exit ${result.code}): ${tail(result.stderr, 600)}`);
    }
    // On the disk before the segments it was made from are deleted (our writer syncs its own file).
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };

  // Our own writer joins (ffmpeg's stream copy spends ~0.4 s per 600 s on per-packet work), best of all the file it
  // built while recording. Anything the writer does not expect (parts encoded differently after the recorder fell
  // behind) falls back to ffmpeg, and so does a file ffprobe refuses.
  let direct = true;
  let live = options.liveJoin ?? null;
  if (live) {
    try {
      await rename(await live.finish(usable.map((part) => part.segments)), temp);
    } catch (error) {
      options.logger?.warn('the join built while recording could not be finished; joining the segments now', { error: messageOf(error) });
      await live.abandon();
      live = null;
    }
  }
  if (!live) {
    try {
      await joinDirectly(usable, temp, reserve);
    } catch (error) {
      options.logger?.warn('joining the segments directly failed; joining with ffmpeg', { error: messageOf(error) });
      await rm(temp, { force: true });
      direct = false;
    }
  }
  if (!direct) await joinWithFfmpeg();
  await rename(temp, videoPath);
  const thumbPath = path.join(options.clipDir, 'thumb.jpg');
  const probeAndThumb = () =>
    // Independent: side by side (the thumbnail position comes from the playlists).
    Promise.all([
      probeMedia(ffprobeNextTo(ffmpegPath), videoPath, options.signal),
      makeThumbnail(ffmpegPath, videoPath, thumbPath, Math.round(seconds * 1000)),
    ]);
  let info: MediaInfo;
  try {
    [info] = await probeAndThumb();
  } catch (error) {
    if (!direct) throw error;
    options.logger?.warn('ffprobe refused the directly joined file; joining with ffmpeg', { error: messageOf(error) });
    await joinWithFfmpeg();
    await rename(temp, videoPath);
    [info] = await probeAndThumb();
  }
  await cleanUp();
  return { videoPath, thumbPath, info };
}
