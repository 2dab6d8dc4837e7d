// Free space for a recording. ffmpeg's HLS muxer does not stop on a full disk (it goes on writing empty segments),
// so the recorder checks for itself: it refuses to start, or stops, below a floor.
import { statfs } from 'node:fs/promises';

export const MIN_FREE_BYTES = 200 * 1024 * 1024;
export const DISK_FULL = 'The disk is full: recording stopped.';

/** Bytes available to this user in the file system holding `dir`; null when it cannot be read. */
export async function freeBytes(dir: string): Promise<number | null> {
  const fs = await statfs(dir).catch(() => null);
  return fs ? fs.bavail * fs.bsize : null;
}
