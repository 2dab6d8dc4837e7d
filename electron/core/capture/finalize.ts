// Finalize: the parts of a recording (fMP4 HLS segments) become one faststart MP4 by stream copy, then a thumbnail,
// ffprobe facts and a clip row. Nothing is re-encoded, so stop → ready does not grow with the recording's length.
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
 * (hls_flags temp_file), so every `seg-*.m4s` on disk is whole, including one finished just before a crash that the
 * playlist did not list yet.
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

/** init.mp4 followed by its segments is a valid fragmented MP4: that is how fMP4 HLS is designed. */
async function joinPart(partDir: string, segments: string[], out: string): Promise<void> {
  const target = await open(out, 'w');
  try {
    for (const name of ['init.mp4', ...segments]) await target.write(await readFile(path.join(partDir, name)));
  } finally {
    await target.close();
  }
}

export interface FinalizedVideo {
  videoPath: string;
  thumbPath: string;
  info: MediaInfo;
}

/** Joins every part with at least one segment into `<clipDir>/video.mp4` (faststart), then thumbnail and probe. */
export async function buildVideo(options: {
  ffmpegPath: string;
  recordingDir: string;
  manifest: Manifest;
  clipDir: string;
  signal?: AbortSignal;
}): Promise<FinalizedVideo> {
  const { recordingDir, manifest, ffmpegPath } = options;
  const joined: string[] = [];
  for (const part of manifest.parts) {
    const dir = path.join(recordingDir, part.dir);
    await sealPlaylist(path.join(dir, PLAYLIST));
    const segments = await partSegments(dir);
    if (segments.length === 0) continue;
    const out = path.join(recordingDir, `${part.dir}.mp4`);
    await joinPart(dir, segments, out);
    joined.push(out);
  }
  if (joined.length === 0) throw new HandoffError('not-found', 'Nothing was recorded: no complete segment was written.');
  await mkdir(options.clipDir, { recursive: true });
  const list = path.join(recordingDir, 'concat.txt');
  await writeFile(list, joined.map((file) => `file '${file.replace(/'/g, "'\\''")}'\n`).join(''));
  const videoPath = path.join(options.clipDir, 'video.mp4');
  const temp = path.join(options.clipDir, 'video.partial.mp4');
  const result = await runCommand(
    ffmpegPath,
    ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0', '-c', 'copy', '-movflags', '+faststart', temp],
    { signal: options.signal, timeoutMs: 10 * 60_000 },
  );
  if (result.code !== 0) {
    await rm(temp, { force: true });
    throw new HandoffError('internal', `ffmpeg could not join the recording (exit ${result.code}): ${tail(result.stderr, 600)}`);
  }
  await rename(temp, videoPath);
  const info = await probeMedia(ffprobeNextTo(ffmpegPath), videoPath, options.signal);
  const thumbPath = path.join(options.clipDir, 'thumb.jpg');
  await makeThumbnail(ffmpegPath, videoPath, thumbPath, info.durationMs);
  for (const file of joined) await rm(file, { force: true });
  return { videoPath, thumbPath, info };
}
