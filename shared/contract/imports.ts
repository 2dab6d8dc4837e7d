// Importing a file from the UI: the renderer never sends a path, so the file's bytes travel in chunks through the
// contract (the same calls over Electron IPC and browser mode), then the library's own import runs on them with the
// same checks and refusals as `handoff import`.
import { z } from 'zod';

const uploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an upload id');
/** Raw bytes per chunk; base64 makes a call about 700 KB, under browser mode's 1 MiB body limit. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
export const IMPORT_MAX_BYTES = 8 * 1024 ** 3;

export const importsCalls = {
  'imports:begin': {
    input: z.object({ name: z.string().min(1).max(255), size: z.number().int().min(1).max(IMPORT_MAX_BYTES) }).strict(),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number() }),
  },
  'imports:chunk': {
    input: z.object({ uploadId, offset: z.number().int().min(0), data: z.string().max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4 + 4) }).strict(),
    output: z.object({ received: z.number() }),
  },
  'imports:finish': {
    input: z.object({ uploadId, title: z.string().max(200).optional() }).strict(),
    output: z.object({ clipId: z.string(), title: z.string(), durationMs: z.number().nullable(), notes: z.array(z.string()) }),
  },
  'imports:cancel': { input: z.object({ uploadId }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

export const importsEvents = {
  /** While the library converts an uploaded file: fraction in [0, 1]. */
  'imports:progress': z.object({ uploadId: z.string(), fraction: z.number() }),
} as const;
