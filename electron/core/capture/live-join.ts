// The join done while recording, so stop → ready does not grow with the recording's length: each segment ffmpeg
// finishes is appended to a moov-first file under construction (mp4-join.ts), part after part across pauses, and stop
// only appends the last one or two and writes moov. The file is a cache: the segments stay the source of truth until
// the clip exists, so a crash, a part encoded differently (after falling behind) or any failure here just means
// finalize joins from the segments instead.
import { existsSync } from 'node:fs';
import { open as openFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { PLAYLIST, SEGMENT_NAME, playlistEntries } from './finalize';
import { createMp4Joiner, joinReserve, type Mp4Joiner } from './mp4-join';

/** Head space first reserved for this many seconds; each time a recording outgrows it, four times as much. */
const FIRST_RESERVE_SECONDS = 300;
/**
 * Below this much data, a finished file with more than COMPACT_SLACK of unused head space is rewritten exactly: the
 * 5-minute head (~390 KB) would be a third of a short clip, while the rewrite is a copy of at most 8 MB. Above it the
 * slack is a few percent and not worth copying the file at stop.
 */
const COMPACT_BELOW_BYTES = 8 * 1024 * 1024;
const COMPACT_SLACK = 64 * 1024;
/**
 * Appended data is flushed to the disk every this many bytes, while recording: the clip is fsynced before the segments
 * are deleted, and that flush at stop should only cover the last few seconds, not the whole recording.
 */
const SYNC_EVERY_BYTES = 2 * 1024 * 1024;

export interface LiveJoin {
  /** Follows a new part of the recording: the first, or the next after a pause (the previous one has ended). */
  addPart(partDir: string): void;
  /** Appends the segments the current part's playlist lists that are not in the file yet (on each progress report). */
  poke(): void;
  /** Resolves when the appending started so far is done. */
  settled(): Promise<void>;
  /** Appends the rest of the final segment lists (one per part that has segments) and writes moov; returns the file. */
  finish(segmentsByPart: string[][]): Promise<string>;
  /** Stops and removes the file under construction. */
  abandon(): Promise<void>;
  /**
   * Sample data appended so far (bytes), in order: the same bytes whatever head space the file has now or gets at
   * finish, so a follower can upload them while recording. Null before anything was appended or after a failure.
   */
  dataBytes(): number | null;
  /** Where the sample data starts in the file now (its head space); grows when a long recording outgrows it. */
  reserveBytes(): number;
  /** Reads sample data [offset, offset + length) from the file, between appends (never while it is rewritten). */
  readData(offset: number, length: number): Promise<Buffer>;
}

interface FollowedPart {
  dir: string;
  /** Segment file names appended so far, in order. */
  appended: string[];
}

export function startLiveJoin(options: {
  /** Where the file is built (in the recording's folder). */
  outPath: string;
  fps: number;
  logger: Logger;
  /** Head space to reserve first, in seconds of recording (tests make it small to see the file outgrow it). */
  firstReserveSeconds?: number;
}): LiveJoin {
  const parts: FollowedPart[] = [];
  const initOf = (part: FollowedPart) => path.join(part.dir, 'init.mp4');
  let joiner: Mp4Joiner | null = null;
  /** The part the joiner's tracks are taking samples from now. */
  let joinerPart: FollowedPart | null = null;
  let reserveSeconds = options.firstReserveSeconds ?? FIRST_RESERVE_SECONDS;
  let appendedSeconds = 0;
  let syncedBytes = 0;
  let work: Promise<void> = Promise.resolve();
  let busy = false;
  let failure: unknown = null;
  let closed = false;

  /** A joiner over everything appended so far, with this much head space. */
  async function open(reserveBytes: number): Promise<Mp4Joiner> {
    const filled = parts.filter((part) => part.appended.length > 0);
    const next = await createMp4Joiner(initOf(filled[0] ?? parts[parts.length - 1]), options.outPath, reserveBytes);
    for (const [i, part] of filled.entries()) {
      if (i > 0) await next.nextPart(initOf(part));
      for (const name of part.appended) await next.append(path.join(part.dir, name));
    }
    joinerPart = filled[filled.length - 1] ?? null;
    return next;
  }

  async function add(part: FollowedPart, entry: { seconds: number; uri: string }): Promise<void> {
    if (appendedSeconds + entry.seconds > reserveSeconds) {
      // Outgrown: rebuild with four times the head space. This copies what is there, while recording, not at stop.
      while (appendedSeconds + entry.seconds > reserveSeconds) reserveSeconds *= 4;
      await joiner?.abandon();
      joiner = null;
    }
    if (!joiner) {
      joiner = await open(joinReserve(reserveSeconds, options.fps));
      syncedBytes = 0;
    }
    if (joinerPart !== part) {
      if (joinerPart) await joiner.nextPart(initOf(part));
      joinerPart = part;
    }
    await joiner.append(path.join(part.dir, entry.uri));
    part.appended.push(entry.uri);
    appendedSeconds += entry.seconds;
    if (joiner.dataBytes() - syncedBytes >= SYNC_EVERY_BYTES) {
      await joiner.sync();
      syncedBytes = joiner.dataBytes();
    }
  }

  /** Appends what the current part's playlist lists beyond what is in the file. */
  async function catchUp(): Promise<void> {
    const part = parts[parts.length - 1];
    if (!part) return;
    const text = await readFile(path.join(part.dir, PLAYLIST), 'utf8').catch(() => null);
    if (text === null || !existsSync(initOf(part))) return;
    for (const entry of playlistEntries(text).slice(part.appended.length)) {
      // A line read while ffmpeg rewrites the playlist may be cut short: wait for the next poke rather than fail.
      if (closed || !SEGMENT_NAME.test(entry.uri) || !existsSync(path.join(part.dir, entry.uri))) return;
      await add(part, entry);
    }
  }

  /** Runs `task` after the work before it; the first failure stops the join for good (finalize falls back). */
  function queue(task: () => Promise<void>): void {
    work = work
      .then(() => (failure || closed ? undefined : task()))
      .catch((error: unknown) => {
        failure = error;
        options.logger.warn('the live join stopped; finalize will join from the segments', { error });
      });
  }

  return {
    addPart(partDir) {
      // The previous part's ffmpeg has exited, so its playlist is final: take the rest of it before moving on.
      queue(async () => {
        await catchUp();
        parts.push({ dir: partDir, appended: [] });
      });
    },

    poke() {
      if (busy || closed || failure) return;
      busy = true;
      queue(catchUp);
      void work.finally(() => (busy = false));
    },

    settled: () => work,

    async finish(segmentsByPart: string[][]): Promise<string> {
      // The current part's playlist is complete now (ffmpeg has exited and it is sealed): the last segments come with
      // their lengths.
      queue(catchUp);
      await work;
      if (failure) throw failure;
      closed = true;
      const built = parts.filter((part) => part.appended.length > 0).map((part) => part.appended.map((name) => path.join(part.dir, name)));
      // finalize skips listed segments that are missing or empty; then the file under construction is not that list.
      if (JSON.stringify(built) !== JSON.stringify(segmentsByPart)) throw new Error('the live join does not match the final segment lists');
      if (!joiner) throw new Error('nothing was joined');
      const exactHead = joiner.headBytes();
      if (joinReserve(reserveSeconds, options.fps) - exactHead > COMPACT_SLACK && joiner.dataBytes() < COMPACT_BELOW_BYTES) {
        // A short recording: an exact head costs a small copy and saves the unused space in every copy of the clip.
        await joiner.abandon();
        joiner = await open(exactHead);
      }
      await joiner.finish();
      joiner = null;
      return options.outPath;
    },

    dataBytes() {
      return failure || !joiner ? null : joiner.dataBytes();
    },

    reserveBytes: () => joinReserve(reserveSeconds, options.fps),

    readData(offset, length) {
      return new Promise<Buffer>((resolve, reject) => {
        const read = async () => {
          if (!joiner || offset + length > joiner.dataBytes()) throw new Error('that data is not in the live file (yet)');
          const head = joinReserve(reserveSeconds, options.fps);
          const file = await openFile(options.outPath, 'r');
          try {
            const buffer = Buffer.alloc(length);
            const { bytesRead } = await file.read(buffer, 0, length, head + offset);
            if (bytesRead !== length) throw new Error(`short read of the live file (${bytesRead} of ${length} bytes)`);
            return buffer;
          } finally {
            await file.close();
          }
        };
        // Not through queue(): a failed read is the reader's problem and must not stop the join.
        work = work.then(() => read().then(resolve, reject));
      });
    },

    async abandon() {
      closed = true;
      await work;
      await joiner?.abandon().catch((error: unknown) => options.logger.warn('could not close the live join file', { error }));
      joiner = null;
      await rm(options.outPath, { force: true });
    },
  };
}
