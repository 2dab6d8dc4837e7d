// Free space for a recording. ffmpeg's HLS muxer does not stop on a full disk (it goes on writing empty segments),
// so the recorder checks for itself: it refuses to start, or stops, below a floor.
import { statfs } from 'node:fs/promises';
import { HandoffError } from '../../../shared/result';

export const MIN_FREE_BYTES = 200 * 1024 * 1024;
export const DISK_FULL = 'The disk is full: recording stopped.';

/** Bytes available to this user in the file system holding `dir`; null when it cannot be read. */
export async function freeBytes(dir: string): Promise<number | null> {
  const fs = await statfs(dir).catch(() => null);
  return fs ? fs.bavail * fs.bsize : null;
}

/** The free bytes when they are below `minFree`, else null (an unreadable file system counts as enough). */
export async function belowFloor(dir: string, minFree: number): Promise<number | null> {
  const free = await freeBytes(dir);
  return free !== null && free < minFree ? free : null;
}

/** Refuses to start a recording in `dir` below `minFree` bytes free. */
export async function requireSpaceToRecord(dir: string, minFree: number): Promise<void> {
  const free = await belowFloor(dir, minFree);
  if (free !== null) {
    throw new HandoffError('unavailable', `Not enough disk space to record: ${Math.round(free / 1e6)} MB free, at least ${Math.round(minFree / 1e6)} MB needed.`);
  }
}
