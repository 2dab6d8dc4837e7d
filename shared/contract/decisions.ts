// Every decision recorded on an update (events of kind 'decision'), newest first, for the Decisions page.
import { z } from 'zod';

export const decisionItem = z.object({
  id: z.string(),
  clipId: z.string(),
  clipTitle: z.string(),
  author: z.string(),
  createdAt: z.string(),
  atMs: z.number().nullable(),
  text: z.string(),
});
export type DecisionItem = z.infer<typeof decisionItem>;

export const decisionsCalls = {
  'decisions:list': {
    input: z
      .object({
        /** Words that must all appear in the decision's text or its update's title (case-insensitive). */
        query: z.string().max(500).default(''),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({ decisions: z.array(decisionItem) }),
  },
} as const;

export const decisionsEvents = {} as const;
