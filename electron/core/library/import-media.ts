// `handoff import FILE`: any video or audio ffmpeg can read becomes a clip. Everything is written in a temp folder
// next to the library's clip folders; only when the media, thumbnail and probe all succeeded is the row inserted and
// the folder renamed into place, in one transaction. Any failure removes the temp folder and leaves no row.
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import type { Logger } from '../logger';
import { probeMedia, type MediaInfo } from '../media/probe';
import { makeThumbnail } from '../media/thumbnail';
import { planTranscode, transcode } from '../media/transcode';
import { clipDir, findClip, newClipId, type ClipsWriter, type StoredClip } from './clips-store';
import type { Db } from './database';
import { upsertPerson } from './people';

export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;
/** 8K UHD; anything larger is not a screen or camera recording. */
export const MAX_WIDTH = 7680;
export const MAX_HEIGHT = 4320;

export interface ImportRequest {
  file: string;
  title?: string;
  author: string;
  timezone: string;
  recordedAt?: Date;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface ImportResult {
  clip: StoredClip;
  videoCopied: boolean;
  audioCopied: boolean;
  thumbnail: boolean;
  notes: string[];
}

export interface ImportDeps {
  db: Db;
  /** The writer of the import's clip row: a batch the caller flushes once the whole import (and its follow-up) is done. */
  clips: ClipsWriter;
  clipsDir: string;
  ffmpegPath: string;
  ffprobePath: string;
  clock: () => Date;
  logger: Logger;
}

/** Temp folders older than this are left over from a crash (kill -9, power loss) mid-import, not a running one. */
export const STALE_IMPORT_MS = 6 * 60 * 60 * 1000;

export async function sweepStaleImports(clipsDir: string, now: Date, logger: Logger): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(clipsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  for (const entry of entries.filter((name) => name.startsWith('.import-'))) {
    const full = path.join(clipsDir, entry);
    const info = await stat(full);
    if (now.getTime() - info.mtimeMs < STALE_IMPORT_MS) continue;
    await rm(full, { recursive: true, force: true });
    logger.warn('removed an unfinished import left by a crash', { folder: full });
    removed.push(entry);
  }
  return removed;
}

export function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new HandoffError('invalid-input', `Not an IANA time zone: ${timezone.slice(0, 64)} (e.g. Europe/Berlin).`);
  }
}

/** Refuses what is not a sensible recording, with a reason a person can act on. */
export function checkPlausible(info: MediaInfo, file: string): void {
  const name = path.basename(file);
  if (/(^|,)(image2|\w+_pipe)(,|$)/.test(info.formatName)) {
    throw new HandoffError('invalid-input', `${name} is a still image (${info.formatName}), not a recording.`);
  }
  // null is "not declared": browser (MediaRecorder) and live webm files carry no duration; the converted file's counts.
  if (info.durationMs !== null && info.durationMs <= 0) {
    throw new HandoffError('invalid-input', `${name} has no duration: it is empty, truncated or a still image.`);
  }
  if (info.durationMs !== null && info.durationMs < MIN_DURATION_MS) {
    throw new HandoffError('invalid-input', `${name} is only ${seconds(info.durationMs)} long; a clip must be at least ${seconds(MIN_DURATION_MS)}; refused.`);
  }
  if (info.durationMs !== null && info.durationMs > MAX_DURATION_MS) {
    throw new HandoffError('invalid-input', `${name} claims to be ${Math.round(info.durationMs / 3_600_000)} h long; clips are limited to 24 h.`);
  }
  if (info.video && (info.video.width <= 0 || info.video.height <= 0)) {
    throw new HandoffError('invalid-input', `${name} has a video stream without a picture size.`);
  }
  // Either orientation: a portrait phone video is tall, not absurd.
  const long = info.video ? Math.max(info.video.width, info.video.height) : 0;
  const short = info.video ? Math.min(info.video.width, info.video.height) : 0;
  if (info.video && (long > MAX_WIDTH || short > MAX_HEIGHT)) {
    throw new HandoffError('invalid-input', `${name} is ${info.video.width}×${info.video.height}, larger than 8K (${MAX_WIDTH}×${MAX_HEIGHT}).`);
  }
}

/** Shorter than this is a glitch or a single frame, not an update. */
export const MIN_DURATION_MS = 500;
/** ffmpeg's words, on an otherwise successful run, for a source that ends before its own index says it should. */
const CUT_OFF = /partial file|ended prematurely|truncat|invalid NAL|invalid data found|error while decoding|missing picture|corrupt/i;
/** Container and stream durations round differently (a frame or an audio priming delay); more than this is missing. */
const DURATION_SLACK_MS = 250;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Whether the source was cut off (an interrupted download or copy): ffmpeg said so, or less came out than it declares. */
export function looksTruncated(source: MediaInfo, output: MediaInfo | null, stderr: string): boolean {
  if (CUT_OFF.test(stderr)) return true;
  return source.durationMs !== null && output?.durationMs != null && source.durationMs - output.durationMs > DURATION_SLACK_MS;
}

/**
 * The converted file is what is kept, with its own (real) duration. A cut-off source is imported as what decodes when
 * that is most of it, refused otherwise; anything under MIN_DURATION_MS is refused. Returns the note to show, if any.
 */
export function checkDecoded(source: MediaInfo, output: MediaInfo, file: string, truncated: boolean): string | null {
  const name = path.basename(file);
  if (!output.durationMs || output.durationMs <= 0) throw new HandoffError('invalid-input', `${name} holds no playable media (truncated?); refused.`);
  const declared = source.durationMs;
  if (truncated) {
    const what = declared ? `it declares ${seconds(declared)} but only ${seconds(output.durationMs)} decodes` : `only ${seconds(output.durationMs)} decodes`;
    if (output.durationMs < MIN_DURATION_MS) throw new HandoffError('invalid-input', `${name} is truncated: ${what}, under the ${seconds(MIN_DURATION_MS)} minimum; refused.`);
    if (declared && output.durationMs < declared / 2) throw new HandoffError('invalid-input', `${name} is truncated: ${what}, less than half of it; refused.`);
    return `${name} is truncated: ${what}; imported the ${seconds(output.durationMs)} that decode.`;
  }
  if (output.durationMs < MIN_DURATION_MS) {
    throw new HandoffError('invalid-input', `${name} is only ${seconds(output.durationMs)} long; a clip must be at least ${seconds(MIN_DURATION_MS)}; refused.`);
  }
  return null;
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function checkFile(file: string): Promise<Date> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new HandoffError(error.code === 'ENOENT' ? 'not-found' : 'invalid-input', `Cannot read ${file}: ${error.message}`);
  });
  if (!info.isFile()) throw new HandoffError('invalid-input', `${file} is not a file.`);
  if (info.size === 0) throw new HandoffError('invalid-input', `${path.basename(file)} is empty.`);
  // Creation time where the file system keeps one, otherwise the last modification.
  return info.birthtimeMs > 0 ? info.birthtime : info.mtime;
}

export async function importMedia(deps: ImportDeps, request: ImportRequest): Promise<ImportResult> {
  const file = path.resolve(request.file);
  const created = await checkFile(file);
  assertTimezone(request.timezone);
  if (request.recordedAt && Number.isNaN(request.recordedAt.getTime())) throw new HandoffError('invalid-input', 'recorded-at is not a valid time.');
  const author = request.author.trim();
  if (!author) throw new HandoffError('invalid-input', 'An author name is needed: pass --author or set profile.name.');

  await sweepStaleImports(deps.clipsDir, deps.clock(), deps.logger);
  const source = await probeMedia(deps.ffprobePath, file, request.signal);
  checkPlausible(source, file);

  const id = newClipId();
  const finalDir = clipDir(deps.clipsDir, id);
  const tempDir = path.join(deps.clipsDir, `.import-${id}`);
  const video = path.join(tempDir, 'video.mp4');
  const notes: string[] = [];
  await mkdir(tempDir, { recursive: true });
  try {
    const convert = async (encodeAll: boolean) => {
      const plan = planTranscode(source, file, video, { encodeAll });
      const { stderr } = await transcode(deps.ffmpegPath, plan, { durationMs: source.durationMs, onProgress: request.onProgress, signal: request.signal });
      const output = await probeMedia(deps.ffprobePath, video, request.signal).catch((error: unknown) => {
        throw new HandoffError('invalid-input', `The converted file is unreadable, so the source is probably damaged: ${String(error)}`);
      });
      return { plan, output, truncated: looksTruncated(source, output, stderr) };
    };
    const first = await convert(false);
    const { truncated } = first;
    let { plan, output } = first;
    if (truncated && (plan.copyVideo || plan.copyAudio)) {
      // A copied stream carries the cut-off last packets as they are (a broken frame at the end); decoding and
      // encoding keeps exactly the frames that decode, and the duration becomes the real one.
      ({ plan, output } = await convert(true));
    }
    const truncatedNote = checkDecoded(source, output, file, truncated);
    if (truncatedNote) notes.push(truncatedNote);
    let thumbnail = false;
    if (output.video) {
      await makeThumbnail(deps.ffmpegPath, video, path.join(tempDir, 'thumb.jpg'), output.durationMs);
      thumbnail = true;
    } else {
      notes.push('audio only: no thumbnail');
    }
    // On disk before the row that points at them is committed: a power cut must not leave a row with empty files.
    for (const written of thumbnail ? [video, path.join(tempDir, 'thumb.jpg')] : [video]) await fsyncFile(written);
    const { size } = await stat(video);
    const now = deps.clock();

    const clip = deps.db.transaction(() => {
      const person = upsertPerson(deps.db, { name: author, timezone: request.timezone }, now);
      const row = deps.clips.insert(
        {
          id,
          authorId: person.id,
          authorName: person.name,
          authorTimezone: request.timezone,
          recordedAt: request.recordedAt ?? created,
          title: request.title?.trim() || path.basename(file, path.extname(file)),
          durationMs: output.durationMs,
          width: output.video?.width ?? null,
          height: output.video?.height ?? null,
          sizeBytes: size,
          state: 'ready',
          source: 'imported',
        },
      );
      // Inside the transaction: if the folder cannot be moved into place, the row is rolled back with it.
      renameSync(tempDir, finalDir);
      return row;
    })();
    return { clip, videoCopied: plan.copyVideo, audioCopied: plan.copyAudio, thumbnail, notes };
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    // The folder was renamed but the commit failed: no row refers to it, so it goes too.
    if (!findClip(deps.db, id)) await rm(finalDir, { recursive: true, force: true });
    deps.logger.warn('import failed; nothing was kept', { file, error });
    throw error;
  }
}
