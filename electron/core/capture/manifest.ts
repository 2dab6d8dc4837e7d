// The recording manifest: what a recording folder holds and whether it was finished. Written atomically (temp file,
// fsync, rename, fsync of the folder), so after a crash it is always either the old or the new version, never torn.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { recordOptions } from '../../../shared/contract/recorder';

export const MANIFEST = 'manifest.json';

const part = z.object({
  index: z.number().int(),
  dir: z.string().regex(/^part-\d{3}$/),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  encoder: z.string(),
  preset: z.string(),
  fps: z.number(),
});

export const manifestSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  /** 'finished' and 'cancelled' are final; anything else after a crash means "recover me". */
  state: z.enum(['recording', 'paused', 'stopping', 'finished', 'cancelled']),
  options: recordOptions,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The process that owns the recording; recovery leaves a folder alone while it is alive. */
  ownerPid: z.number().int(),
  /** The owner's start time (see owner.ts), so a zombie or a reused pid is not taken for it; absent in older folders. */
  ownerStart: z.string().nullable().optional(),
  /** The running ffmpeg, so recovery can stop an orphan that outlived its parent. */
  ffmpegPid: z.number().int().nullable(),
  output: z.object({ width: z.number(), height: z.number() }).nullable(),
  parts: z.array(part),
  error: z.string().nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestPart = Manifest['parts'][number];

export function partDirName(index: number): string {
  return `part-${String(index).padStart(3, '0')}`;
}

/** Synchronous on purpose: a state change is on disk before the caller moves on (and before a crash can follow). */
export function writeManifest(dir: string, manifest: Manifest): void {
  const file = path.join(dir, MANIFEST);
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(manifest, null, 2));
    fsyncSync(fd);
  } catch (error) {
    // A full disk fails here: the previous manifest is untouched; do not leave a torn temp file taking space.
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, file);
  // The rename itself is only durable once the directory entry is flushed (not supported on Windows).
  if (process.platform !== 'win32') {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}

/** For state changes after the fact (ffmpeg died, finalize): a failed write is logged, the older manifest stands. */
export function tryWriteManifest(dir: string, manifest: Manifest, onError: (error: unknown) => void): boolean {
  try {
    writeManifest(dir, manifest);
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  const text = await readFile(path.join(dir, MANIFEST), 'utf8');
  return manifestSchema.parse(JSON.parse(text));
}
