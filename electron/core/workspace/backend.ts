// One interface over every kind of workspace storage. Keys are '/'-separated, relative to the workspace root, and
// compared as plain strings (S3 order). Files are written once: putOnce never replaces different content.
export interface ObjectInfo {
  key: string;
  size: number;
}

export type PutOutcome = 'written' | 'exists';

export interface WorkspaceBackend {
  /** Stable identity (used to keep one sync marker per workspace). */
  readonly id: string;
  readonly description: string;
  /** Every object under `prefix` in key order, only keys after `startAfter` when given. Temp files never show. */
  list(prefix: string, startAfter?: string): AsyncIterable<ObjectInfo>;
  /** The object's bytes, or null when it does not exist. */
  get(key: string): Promise<Buffer | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Writes the object if absent; identical content already there is 'exists'; different content is a conflict error. */
  putOnce(key: string, body: Buffer): Promise<PutOutcome>;
  putFileOnce(key: string, file: string): Promise<PutOutcome>;
  /** Replaces an object whole (people/<me>.json only: each person writes only their own file). */
  replace(key: string, body: Buffer): Promise<void>;
  /** Copies the object into a local file (written to a temp name first, renamed when complete). */
  download(key: string, dest: string): Promise<void>;
  close(): void;
}
