// A workspace in a plain folder: one machine as is, or a team through any file-sync tool or network share. Writes go
// to a dot-temp file in the same folder, fsync, then link() into place, which fails if the name exists: two writers can
// never half-overwrite each other, and a reader never sees a partial file under its final name.
import { createHash, randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, readdir, realpath, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HandoffError } from '../../../shared/result';
import { TooLargeError, type LiveUpload, type ObjectInfo, type PutOutcome, type WorkspaceBackend } from './backend';

function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sameContent(file: string, body: Buffer | string): Promise<boolean> {
  if (typeof body === 'string') {
    const [a, b] = await Promise.all([stat(file), stat(body)]);
    if (a.size !== b.size) return false;
    const hash = async (f: string) => createHash('sha256').update(await readFile(f)).digest('hex');
    return (await hash(file)) === (await hash(body));
  }
  const existing = await readFile(file);
  return existing.equals(body);
}

const stampOf = (info: { size: number; mtimeMs: number }) => `${info.size}:${info.mtimeMs}`;

/** Reads at most `limit` bytes from the start; a file that grew past it since it was checked is still cut off. */
async function readCapped(handle: FileHandle, size: number, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.min(size, limit) + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

export function createFolderBackend(root: string): WorkspaceBackend {
  const base = path.resolve(root);
  let realBase: string | null = null;

  function toPath(key: string): string {
    const full = path.resolve(base, ...key.split('/'));
    const rel = path.relative(base, full);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new HandoffError('invalid-input', `Key escapes the workspace: ${key}`);
    return full;
  }

  /**
   * The real path of a key for reading, or null when it does not exist. A symlink may point within the workspace; one
   * that leads out of it (captions.vtt -> ~/.ssh/id_rsa) is refused, so no local file can be pulled into a clip.
   */
  async function realInside(key: string): Promise<string | null> {
    let real: string;
    try {
      real = await realpath(toPath(key));
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR', 'ELOOP')) return null;
      throw error;
    }
    realBase ??= await realpath(base);
    const rel = path.relative(realBase, real);
    if (rel === '' || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) {
      throw new HandoffError('forbidden', `${key} is a link to outside the workspace; it is not followed.`);
    }
    return real;
  }

  /** Opens a key's real file (never a link in its last step) if it exists and is a plain file. */
  async function openInside(key: string): Promise<{ handle: FileHandle; size: number; stamp: string } | null> {
    const real = await realInside(key);
    if (!real) return null;
    let handle: FileHandle;
    try {
      handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ELOOP')) return null;
      throw error;
    }
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return null;
    }
    return { handle, size: info.size, stamp: stampOf(info) };
  }

  async function placeOnce(key: string, fill: (tmp: string) => Promise<void>, body: Buffer | string): Promise<PutOutcome> {
    const final = toPath(key);
    await mkdir(path.dirname(final), { recursive: true });
    const tmp = path.join(path.dirname(final), `.${path.basename(final)}.${randomBytes(6).toString('hex')}.tmp`);
    await fill(tmp);
    try {
      await fsyncFile(tmp);
      try {
        await link(tmp, final);
      } catch (error) {
        if (isCode(error, 'EEXIST')) {
          if (await sameContent(final, body)) return 'exists';
          throw new HandoffError('conflict', `${key} already exists in the workspace with different content; files there are written once.`);
        }
        // Some shares (FAT, some SMB mounts) have no hard links: fall back to check-then-rename.
        if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS')) throw error;
        if (await stat(final).then(() => true, () => false)) {
          if (await sameContent(final, body)) return 'exists';
          throw new HandoffError('conflict', `${key} already exists in the workspace with different content; files there are written once.`);
        }
        await rename(tmp, final);
        return 'written';
      }
      return 'written';
    } finally {
      await unlink(tmp).catch((error: unknown) => {
        if (!isCode(error, 'ENOENT')) throw error;
      });
    }
  }

  async function* walk(dirKey: string, startAfter: string | undefined): AsyncGenerator<ObjectInfo> {
    let entries;
    try {
      entries = await readdir(dirKey === '' ? base : toPath(dirKey), { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) {
        const childPrefix = key + '/';
        // Every key below sorts before startAfter: skip the whole folder without reading it.
        if (startAfter !== undefined && childPrefix < startAfter && !startAfter.startsWith(childPrefix)) continue;
        yield* walk(key, startAfter);
      } else if (entry.isFile()) {
        if (startAfter !== undefined && key <= startAfter) continue;
        const info = await stat(toPath(key)).catch((error: unknown) => {
          if (isCode(error, 'ENOENT')) return null;
          throw error;
        });
        if (info) yield { key, size: info.size };
      }
    }
  }

  return {
    id: `folder:${base}`,
    description: base,
    async *list(prefix, startAfter) {
      const dir = prefix.replace(/\/+$/, '');
      yield* walk(dir, startAfter);
    },
    async get(key, options = {}) {
      const file = await openInside(key);
      if (!file) return null;
      try {
        const limit = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
        // Checked against the size before reading: a sparse 1.5 GB file is refused without reading a byte of it.
        if (file.size > limit) throw new TooLargeError(key, file.size, limit, file.stamp);
        const bytes = await readCapped(file.handle, file.size, limit);
        if (bytes.length > limit) throw new TooLargeError(key, bytes.length, limit, file.stamp);
        return bytes;
      } finally {
        await file.handle.close();
      }
    },
    async head(key) {
      const real = await realInside(key);
      if (!real) return null;
      try {
        const info = await stat(real);
        return info.isFile() ? { key, size: info.size, stamp: stampOf(info) } : null;
      } catch (error) {
        if (isCode(error, 'ENOENT')) return null;
        throw error;
      }
    },
    // Publishing while recording: the file grows under a dot-temp name (hidden from listings and from file-sync tools
    // that skip dot files) and is linked into place whole at complete(), like every other write.
    async startLiveUpload(key): Promise<LiveUpload> {
      const final = toPath(key);
      await mkdir(path.dirname(final), { recursive: true });
      const name = `.${path.basename(final)}.${randomBytes(6).toString('hex')}.live`;
      const tmp = path.join(path.dirname(final), name);
      const handle = await open(tmp, 'wx');
      let closed = false;
      const close = async () => {
        if (!closed) await handle.close();
        closed = true;
      };
      return {
        token: name,
        kind: 'file',
        async put(_index, offset, body) {
          await handle.write(body, 0, body.length, offset);
        },
        async complete(_count, size) {
          // Chunks written while the head was bigger may reach past the finished file's end.
          await handle.truncate(size);
          await handle.sync();
          await close();
          try {
            await link(tmp, final);
          } catch (error) {
            if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS')) throw error;
            if (await stat(final).then(() => true, () => false)) throw new HandoffError('conflict', `${key} already exists in the workspace; files there are written once.`);
            await rename(tmp, final);
            return;
          }
          await unlink(tmp);
        },
        async abort() {
          await close();
          await unlink(tmp).catch((error: unknown) => {
            if (!isCode(error, 'ENOENT')) throw error;
          });
        },
      };
    },
    async abortLiveUpload(key) {
      const final = toPath(key);
      const prefix = `.${path.basename(final)}.`;
      const names = await readdir(path.dirname(final)).catch((error: unknown) => {
        if (isCode(error, 'ENOENT')) return [] as string[];
        throw error;
      });
      // The key holds a clip id: every live temp file for it is this recording's.
      for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.live'))) await unlink(path.join(path.dirname(final), name));
    },
    putOnce: (key, body) => placeOnce(key, (tmp) => writeFile(tmp, body, { flag: 'wx' }), body),
    putFileOnce: (key, file) => placeOnce(key, (tmp) => copyFile(file, tmp, constants.COPYFILE_EXCL), file),
    async replace(key, body) {
      const final = toPath(key);
      await mkdir(path.dirname(final), { recursive: true });
      const tmp = path.join(path.dirname(final), `.${path.basename(final)}.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(tmp, body, { flag: 'wx' });
      await fsyncFile(tmp);
      await rename(tmp, final);
    },
    async download(key, dest, options = {}) {
      const file = await openInside(key);
      if (!file) throw new HandoffError('not-found', `${key} is not in the workspace.`);
      const tmp = `${dest}.${randomBytes(4).toString('hex')}.part`;
      try {
        const limit = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
        if (file.size > limit) throw new TooLargeError(key, file.size, limit, file.stamp);
        await mkdir(path.dirname(dest), { recursive: true });
        // From the open handle, so what was checked is what is copied, even if the name is swapped for a link meanwhile.
        const source = file.handle.createReadStream({ start: 0, end: limit, autoClose: false });
        if (options.onProgress) {
          let copied = 0;
          source.on('data', (chunk: string | Buffer) => options.onProgress?.((copied += chunk.length)));
        }
        await pipeline(source, createWriteStream(tmp, { flags: 'wx' }));
        const copied = (await stat(tmp)).size;
        if (copied > limit) throw new TooLargeError(key, copied, limit, file.stamp);
        await rename(tmp, dest);
      } catch (error) {
        await unlink(tmp).catch((cleanup: unknown) => {
          if (!isCode(cleanup, 'ENOENT')) throw cleanup;
        });
        throw error;
      } finally {
        await file.handle.close();
      }
    },
    async read(key, range) {
      const file = await openInside(key);
      if (!file) return null;
      const start = Math.min(range?.start ?? 0, file.size);
      const end = Math.min(range?.end ?? file.size - 1, file.size - 1);
      // From the open handle (closed with the stream), so what was checked is what is read.
      const body = file.handle.createReadStream({ start, end: Math.max(end, start), autoClose: true });
      if (end < start) body.destroy();
      return { body, size: file.size, start, end };
    },
    close() {},
  };
}
