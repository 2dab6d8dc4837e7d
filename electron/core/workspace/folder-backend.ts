// A workspace in a plain folder: one machine as is, or a team through any file-sync tool or network share. Writes go
// to a dot-temp file in the same folder, fsync, then link() into place, which fails if the name exists: two writers can
// never half-overwrite each other, and a reader never sees a partial file under its final name.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import type { ObjectInfo, PutOutcome, WorkspaceBackend } from './backend';

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

export function createFolderBackend(root: string): WorkspaceBackend {
  const base = path.resolve(root);

  function toPath(key: string): string {
    const full = path.resolve(base, ...key.split('/'));
    const rel = path.relative(base, full);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new HandoffError('invalid-input', `Key escapes the workspace: ${key}`);
    return full;
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
    async get(key) {
      try {
        return await readFile(toPath(key));
      } catch (error) {
        if (isCode(error, 'ENOENT', 'EISDIR')) return null;
        throw error;
      }
    },
    async head(key) {
      try {
        const info = await stat(toPath(key));
        return info.isFile() ? { key, size: info.size } : null;
      } catch (error) {
        if (isCode(error, 'ENOENT')) return null;
        throw error;
      }
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
    async download(key, dest) {
      const tmp = `${dest}.${randomBytes(4).toString('hex')}.part`;
      await mkdir(path.dirname(dest), { recursive: true });
      await copyFile(toPath(key), tmp);
      await rename(tmp, dest);
    },
    close() {},
  };
}
