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

export const clipsCalls = {
  'clips:list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), before: z.string().optional() }).strict(),
    output: z.object({ clips: z.array(clipSummary), total: z.number() }),
  },
} as const;

export const clipsEvents = {
  'clips:changed': z.object({ ids: z.array(z.string()) }),
} as const;
