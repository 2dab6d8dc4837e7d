import { z } from 'zod';

export const searchHit = z.object({
  clipId: z.string(),
  title: z.string(),
  author: z.string(),
  recordedAt: z.string(),
  /** Where the hit is: the clip's own text (title, context, ask), a transcript segment, a decision or a comment. */
  field: z.enum(['clip', 'transcript', 'decision', 'comment']),
  /** Where to start playing: the matching segment's start (or the decision's video time); null for a clip-level hit. */
  startMs: z.number().nullable(),
  /** A short excerpt with every matched word wrapped in `[` and `]` (see shared/search-query.ts). */
  snippet: z.string(),
  /** bm25 rank: lower is better. */
  rank: z.number(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchCalls = {
  'search:query': {
    input: z
      .object({
        query: z.string().max(2000),
        limit: z.number().int().min(1).max(200).default(20),
        author: z.string().max(120).optional(),
        /** ISO date or date-time: only clips recorded at or after it. */
        since: z.string().max(40).optional(),
      })
      .strict(),
    output: z.object({ hits: z.array(searchHit), ftsQuery: z.string().nullable() }),
  },
} as const;

export const searchEvents = {} as const;
