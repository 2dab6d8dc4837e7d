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
 * An object written in chunks while its content is still being made (a recording published while it records). Chunks
 * go up in any order; chunk 0 (the file's head) may come last. Nothing shows under the key until complete().
 */
export interface LiveUpload {
  /** What recovery needs to undo the upload after a crash (the S3 upload id, the folder's temp file name). */
  readonly token: string;
  /** Every chunk but the last must be at least this big (S3: 5 MiB). */
  readonly minChunkBytes: number;
  /** Whether `offset` places the bytes (a file written in place) or only `index` does (S3 parts). */
  readonly positional: boolean;
  /** Writes `body` as chunk `index`, which starts `offset` bytes into the object. */
  put(index: number, offset: number, body: Buffer): Promise<void>;
  /** Makes the object (`size` bytes) from chunks 0..count-1; it appears under its key only now. */
  complete(count: number, size: number): Promise<void>;
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
  /** Undoes the live upload a crash left (by its token), and any other unfinished one to the same key. */
  abortLiveUpload?(key: string, token: string | null): Promise<void>;
  close(): void;
}
