// One interface over every kind of workspace storage. Keys are '/'-separated, relative to the workspace root, and
// compared as plain strings (S3 order). Files are written once: putOnce never replaces different content.
import { HandoffError } from '../../../shared/result';

export interface ObjectInfo {
  key: string;
  size: number;
  /** Changes whenever the object does (size and mtime in a folder, the ETag on S3); from head() only. */
  stamp?: string;
}

/** Reads and downloads larger than the caller's limit are refused before the bytes are read. */
export class TooLargeError extends HandoffError {
  constructor(
    readonly key: string,
    readonly size: number,
    readonly limit: number,
    /** The object's stamp, so a refusal can be remembered until the object changes. */
    readonly stamp: string,
  ) {
    super('invalid-input', `${key} is ${size} bytes, more than the ${limit} bytes allowed for it`);
  }
}

export type PutOutcome = 'written' | 'exists';

/**
 * A video written in chunks while it is still being recorded (publishing while recording). Chunk 0 is the file's head
 * (known only at stop, so it comes last); chunk k ≥ 1 is the k-th piece of the data after it. Nothing is visible to
 * teammates before the manifest that names it.
 * - 'file' (a folder): the chunks are written in place into one hidden file, which complete() puts under the key.
 * - 'parts' (S3): each chunk is its own object under `<key>.parts/` (video-parts.ts); complete() checks they are all
 *   there and the manifest describes the layout. No multipart upload: S3 would want every part but the last to be
 *   at least 5 MiB, and the head is only known at stop.
 */
export interface LiveUpload {
  /** What recovery needs to undo the upload after a crash (the folder's temp file name; 'parts' on S3). */
  readonly token: string;
  readonly kind: 'file' | 'parts';
  /** Writes `body` as chunk `index`, which starts `offset` bytes into the file (only a 'file' upload uses `offset`). */
  put(index: number, offset: number, body: Buffer): Promise<void>;
  /** The upload is whole: chunks 0..count-1, `size` bytes in all. A 'file' upload appears under its key only now. */
  complete(count: number, size: number): Promise<void>;
  /** Removes everything written so far. */
  abort(): Promise<void>;
}

/** Part of an object as a stream (lazy media streams teammates' videos with it), with the object's whole size. */
export interface RangeRead {
  body: import('node:stream').Readable;
  /** The whole object's size. */
  size: number;
  start: number;
  end: number;
}

export interface WorkspaceBackend {
  /** Stable identity (used to keep one sync marker per workspace). */
  readonly id: string;
  readonly description: string;
  /** Every object under `prefix` in key order, only keys after `startAfter` when given. Temp files never show. */
  list(prefix: string, startAfter?: string): AsyncIterable<ObjectInfo>;
  /** The object's bytes, or null when it does not exist; over `maxBytes` is a TooLargeError, nothing read past it. */
  get(key: string, options?: { maxBytes?: number }): Promise<Buffer | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Writes the object if absent; identical content already there is 'exists'; different content is a conflict error. */
  putOnce(key: string, body: Buffer): Promise<PutOutcome>;
  putFileOnce(key: string, file: string): Promise<PutOutcome>;
  /** Replaces an object whole (people/<me>.json only: each person writes only their own file). */
  replace(key: string, body: Buffer): Promise<void>;
  /**
   * Copies the object into a local file (written to a temp name first, renamed when complete); over `maxBytes` is a
   * TooLargeError and nothing is kept. A folder workspace never follows a symlink that leads out of it.
   */
  download(key: string, dest: string, options?: { maxBytes?: number; onProgress?: (bytes: number) => void }): Promise<void>;
  /**
   * Streams bytes `start`..`end` (inclusive; the whole object when no range is given), or null when the object does
   * not exist. A range past the end is cut to the object's size. Links out of a folder workspace are refused.
   */
  read(key: string, range?: { start: number; end?: number }): Promise<RangeRead | null>;
  /** Starts a live upload to `key` (absent: this backend uploads whole files only). */
  startLiveUpload?(key: string): Promise<LiveUpload>;
  /**
   * Undoes the live upload a crash left (by its token), and any other unfinished one to the same key: on S3 every
   * object under `<key>.parts/`, and any multipart upload to the key (what versions before the parts layout left).
   */
  abortLiveUpload?(key: string, token: string | null): Promise<void>;
  close(): void;
}
