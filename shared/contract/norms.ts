// Calls for response-time norms (DESIGN.md "Response-time norms, reply-by and the working calendar"): the team's
// reply windows, who owes a reply to an update, the overlap planner and the start-of-day digest.
import { z } from 'zod';
import { clipId } from './clips';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date');
const hours = z.number().positive().max(24 * 365).nullable();
const replyState = z.enum(['answered', 'overdue', 'due-soon', 'on-track']);

export const teamNorms = z.object({
  norms: z.object({ urgent: hours, 'reply-needed': hours, fyi: hours }),
  publishedAt: z.string().nullable(),
  author: z.string().nullable(),
});

const zoned = z.object({ name: z.string(), timezone: z.string(), start: z.string(), end: z.string() });
export const overlapWindow = z.object({
  start: z.string(),
  end: z.string(),
  minutes: z.number(),
  people: z.array(z.string()),
  missing: z.array(z.string()),
  local: z.array(zoned),
});

const talkLive = z.object({ text: z.string(), start: z.string(), end: z.string(), missing: z.array(z.string()) });
const digestAsk = z.object({ id: z.string(), title: z.string(), author: z.string(), replyBy: z.string().nullable(), state: replyState });

export const digest = z.object({
  now: z.string(),
  since: z.string(),
  workday: z.object({ date: z.string(), start: z.string(), end: z.string() }),
  /** Whether it is the start of my workday and the digest has not been shown since. */
  due: z.boolean(),
  /** Dismissed since my previous workday ended: the inbox stops showing it until the next workday's digest. */
  dismissed: z.boolean(),
  arrived: z.array(z.object({ id: z.string(), title: z.string(), author: z.string(), sentAt: z.string() })),
  dueToday: z.array(digestAsk),
  overdue: z.array(digestAsk),
  decisions: z.array(z.object({ clipId: z.string(), title: z.string(), author: z.string(), text: z.string(), createdAt: z.string() })),
});

export const normsCalls = {
  'norms:get': { input: z.object({}).strict(), output: teamNorms },
  'norms:set': {
    input: z.object({ urgent: hours.optional(), 'reply-needed': hours.optional(), fyi: hours.optional() }).strict(),
    output: teamNorms,
  },
  'replies:recipients': {
    input: z.object({ id: clipId, now: isoDate.optional() }).strict(),
    output: z.object({
      recipients: z.array(
        z.object({
          name: z.string(),
          timezone: z.string().nullable(),
          replyBy: z.string().nullable(),
          state: replyState,
          workingHoursLeft: z.number().nullable(),
          seenAt: z.string().nullable(),
        }),
      ),
      replies: z.number(),
      talkLive: talkLive.nullable(),
      reason: z.enum(['overdue', 'long-thread']).nullable(),
    }),
  },
  'overlap:plan': {
    input: z
      .object({
        people: z.array(z.string().min(1).max(200)).max(100).optional(),
        days: z.number().int().min(1).max(31).default(7),
        minPeople: z.number().int().min(1).max(100).optional(),
        now: isoDate.optional(),
      })
      .strict(),
    output: z.object({
      viewerTimezone: z.string(),
      people: z.array(z.object({ name: z.string(), timezone: z.string() })),
      required: z.number(),
      windows: z.array(overlapWindow),
      partial: overlapWindow.nullable(),
    }),
  },
  'digest:get': { input: z.object({ now: isoDate.optional() }).strict(), output: digest },
  'digest:dismiss': { input: z.object({ now: isoDate.optional() }).strict(), output: z.object({ lastShownAt: z.string() }) },
} as const;

export const normsEvents = {} as const;
