// Imports from the UI: bytes arrive in order, in chunks, into <data>/uploads/<id>/<name>; `finish` hands the file to
// the library's import (the same probing, conversion and refusals as `handoff import`) and always removes the upload.
import { randomBytes } from 'node:crypto';
import { open, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import type { EventBus } from '../api/event-bus';
import type { Library } from './library';

interface Upload {
  dir: string;
  file: string;
  name: string;
  size: number;
  received: number;
  startedAt: number;
}

/** Uploads at once; a browser that drops many files imports them one after another. */
const MAX_OPEN = 4;
/** An upload nobody touched for this long is abandoned (tab closed mid-way) and removed. */
const STALE_MS = 30 * 60_000;

function safeName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^\.+/, '');
  return base.slice(-120) || 'upload';
}

export function createUploadImports(deps: {
  dataDir: string;
  library: Library;
  events: EventBus;
  clock: () => Date;
  me: () => { name: string; timezone: string } | null;
}) {
  const uploads = new Map<string, Upload>();
  const root = path.join(deps.dataDir, 'uploads');

  async function drop(id: string): Promise<void> {
    const upload = uploads.get(id);
    uploads.delete(id);
    if (upload) await rm(upload.dir, { recursive: true, force: true });
  }

  async function sweep(): Promise<void> {
    const now = deps.clock().getTime();
    for (const [id, upload] of uploads) if (now - upload.startedAt > STALE_MS) await drop(id);
  }

  function get(id: string): Upload {
    const upload = uploads.get(id);
    if (!upload) throw new HandoffError('not-found', 'That upload is not in progress (finished, cancelled or abandoned); start the import again.');
    return upload;
  }

  return {
    async begin(input: { name: string; size: number }) {
      await sweep();
      if (uploads.size >= MAX_OPEN) throw new HandoffError('conflict', `${MAX_OPEN} imports are already uploading; wait for one to finish.`);
      const id = randomBytes(12).toString('base64url');
      const dir = path.join(root, id);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, safeName(input.name));
      await (await open(file, 'wx')).close();
      uploads.set(id, { dir, file, name: input.name, size: input.size, received: 0, startedAt: deps.clock().getTime() });
      return { uploadId: id };
    },

    async chunk(input: { uploadId: string; offset: number; data: string }) {
      const upload = get(input.uploadId);
      // In order only: a retried or reordered chunk must not leave a hole or a duplicate in the file.
      if (input.offset !== upload.received) throw new HandoffError('conflict', `Expected bytes from ${upload.received}, got ${input.offset}.`);
      const bytes = Buffer.from(input.data, 'base64');
      if (upload.received + bytes.length > upload.size) throw new HandoffError('invalid-input', 'More bytes than the file was said to have.');
      const handle = await open(upload.file, 'a');
      try {
        await handle.write(bytes);
      } finally {
        await handle.close();
      }
      upload.received += bytes.length;
      upload.startedAt = deps.clock().getTime();
      return { received: upload.received };
    },

    async finish(input: { uploadId: string; title?: string }) {
      const upload = get(input.uploadId);
      try {
        if (upload.received !== upload.size) throw new HandoffError('invalid-input', `The upload stopped at ${upload.received} of ${upload.size} bytes; import it again.`);
        const me = deps.me();
        const title = input.title?.trim() || path.parse(upload.name).name.slice(0, 200);
        const result = await deps.library.import({
          file: upload.file,
          title,
          ...(me ? { author: me.name, timezone: me.timezone } : {}),
          onProgress: (fraction) => deps.events.emit('imports:progress', { uploadId: input.uploadId, fraction }),
        });
        return { clipId: result.clip.id, title: result.clip.title, durationMs: result.clip.duration_ms, notes: result.notes };
      } finally {
        await drop(input.uploadId);
      }
    },

    cancel: async (input: { uploadId: string }) => {
      const known = uploads.has(input.uploadId);
      await drop(input.uploadId);
      return { cancelled: known };
    },
  };
}
export type UploadImports = ReturnType<typeof createUploadImports>;
