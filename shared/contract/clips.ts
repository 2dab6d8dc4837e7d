import { z } from 'zod';

export const clipId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a clip id');

export const clipState = z.enum(['recording', 'processing', 'ready', 'failed', 'syncing']);

export const clipSummary = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  authorTimezone: z.string(),
  recordedAt: z.string(),
  durationMs: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  state: clipState,
  urgency: z.enum(['fyi', 'reply-needed', 'urgent']),
  ask: z.string().nullable(),
  dueAt: z.string().nullable(),
});
export type ClipSummary = z.infer<typeof clipSummary>;

export const transcriptSegment = z.object({ idx: z.number(), startMs: z.number(), endMs: z.number(), text: z.string() });

export const clipDetail = clipSummary.extend({
  context: z.string().nullable(),
  recipients: z.array(z.string()),
  replyTo: z.string().nullable(),
  source: z.enum(['recorded', 'imported', 'workspace']),
  transcriptState: z.enum(['none', 'queued', 'running', 'done', 'failed', 'cancelled', 'no-model']),
  language: z.string().nullable(),
  /** When I published it to the workspace; null for a draft (or a teammate's update, which is always published). */
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  segments: z.array(transcriptSegment),
  decisions: z.array(z.object({ id: z.string(), author: z.string(), createdAt: z.string(), atMs: z.number().nullable(), text: z.string() })),
});
export type ClipDetail = z.infer<typeof clipDetail>;

export const clipsCalls = {
  'clips:list': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        before: z.string().optional(),
        /** Only the clips that answer this one (its thread of replies). */
        replyTo: clipId.optional(),
      })
      .strict(),
    output: z.object({ clips: z.array(clipSummary), total: z.number() }),
  },
  'clips:get': { input: z.object({ id: clipId }).strict(), output: clipDetail },
  'clips:rename': {
    input: z.object({ id: clipId, title: z.string().trim().min(1, 'a title cannot be empty').max(200) }).strict(),
    output: clipSummary,
  },
  /** Removes the clip's rows and then its files; `filesProblem` says why files could not be removed, if so. */
  'clips:delete': {
    input: z.object({ id: clipId }).strict(),
    output: z.object({ id: z.string(), filesRemoved: z.boolean(), filesProblem: z.string().nullable() }),
  },
} as const;

export const clipsEvents = {
  /** Clip rows were added, updated or deleted: emitted only by the clips store, once per operation. */
  'clips:changed': z.object({ ids: z.array(z.string()) }),
} as const;
