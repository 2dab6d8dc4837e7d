// Calls for the team workspace: my profile, the team, the workspace storage, publishing, events, sync and the
// timezone-ordered inbox. Several domains live in this one file because they share the same service.
import { z } from 'zod';
import { absoluteFolder, httpsUrl } from './safe-inputs';
import { transcriptState } from './transcription';
import { clipId } from './clips';

const empty = z.object({}).strict();
const urgency = z.enum(['fyi', 'reply-needed', 'urgent']);
const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date');

export const profile = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  workingHours: z.string(),
  workdays: z.string(),
  timezoneDetected: z.boolean(),
});

export const person = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  workingHours: z.string(),
  workdays: z.string(),
  isMe: z.boolean(),
  updatedAt: z.string(),
});

const s3Options = z.object({ endpoint: z.string(), bucket: z.string(), prefix: z.string(), region: z.string(), pathStyle: z.boolean() });

export const workspaceInfo = z.object({
  kind: z.enum(['folder', 's3']),
  description: z.string(),
  folder: z.string().nullable(),
  s3: s3Options.nullable(),
  autoPublish: z.boolean(),
});

export const syncProblem = z.object({
  key: z.string(),
  kind: z.enum(['malformed', 'unknown-version', 'conflict', 'future-timestamp', 'video-mismatch']),
  clipId: z.string().nullable(),
  message: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const syncReport = z.object({
  mode: z.enum(['full', 'incremental']),
  workspace: z.string(),
  indexed: z.object({ updates: z.number(), events: z.number(), people: z.number(), transcripts: z.number() }),
  changedClipIds: z.array(z.string()),
  syncing: z.array(z.object({ key: z.string(), clipId: z.string().nullable(), reason: z.string(), since: z.string() })),
  problems: z.array(syncProblem),
  durationMs: z.number(),
});

export const clipEvent = z.object({
  id: z.string(),
  clipId: z.string(),
  kind: z.enum(['seen', 'reaction', 'reply', 'decision', 'comment', 'done']),
  authorId: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
  atMs: z.number().nullable(),
  emoji: z.string().nullable(),
  text: z.string().nullable(),
  replyClipId: z.string().nullable(),
  /** A comment answering another comment: that comment's id (one level of threading). */
  parentId: z.string().nullable(),
});

const dayState = z.enum(['over', 'in-progress', 'not-started', 'weekend']);
export const inboxClip = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  authorTimezone: z.string(),
  recordedAt: z.string(),
  senderLocalTime: z.string(),
  viewerLocalTime: z.string(),
  dueAt: z.string().nullable(),
  dueViewerLocalTime: z.string().nullable(),
  urgency,
  ask: z.string().nullable(),
  replyTo: z.string().nullable(),
  state: z.string(),
  durationMs: z.number().nullable(),
  workday: z.string(),
  mine: z.boolean(),
  future: z.boolean(),
  transcriptState,
  unread: z.boolean(),
  draft: z.boolean(),
  replyBy: z.string().nullable().optional(),
  replyState: z.enum(['answered', 'overdue', 'due-soon', 'on-track']).optional(),
  workingHoursLeft: z.number().nullable().optional(),
  escalate: z.boolean().optional(),
});
export const inbox = z.object({
  viewer: z.object({ timezone: z.string(), now: z.string() }),
  needsReply: z.array(inboxClip),
  drafts: z.array(inboxClip),
  workdays: z.array(
    z.object({ date: z.string(), timezones: z.array(z.object({ timezone: z.string(), state: dayState })), clips: z.array(inboxClip) }),
  ),
  page: z.object({ days: z.number(), before: z.string().nullable(), nextBefore: z.string().nullable() }).optional(),
  counts: z.object({ needsReply: z.number(), drafts: z.number(), clipsInPage: z.number() }).optional(),
});

export const workspaceCalls = {
  'profile:get': { input: empty, output: profile },
  'profile:set': {
    input: z
      .object({ name: z.string().max(120).optional(), timezone: z.string().max(64).optional(), workingHours: z.string().max(11).optional(), workdays: z.string().max(64).optional() })
      .strict(),
    output: profile,
  },
  'people:list': { input: empty, output: z.object({ people: z.array(person) }) },
  'workspace:get': { input: empty, output: workspaceInfo },
  'workspace:useFolder': {
    input: z
      .object({
        dir: absoluteFolder.pipe(z.string().min(1)),
        /** The folder must exist unless the person confirmed making it (the CLI's `--create`, a page's own confirm). */
        create: z.boolean().default(false),
      })
      .strict(),
    output: workspaceInfo,
  },
  'workspace:useS3': {
    input: z
      .object({
        endpoint: httpsUrl({ loopbackHttp: true, allowEmpty: true }).default(''),
        bucket: z.string().min(3).max(63),
        prefix: z.string().max(1024).optional(),
        region: z.string().max(64).optional(),
        pathStyle: z.boolean().optional(),
      })
      .strict(),
    output: workspaceInfo,
  },
  'workspace:publish': {
    input: z.object({ id: clipId }).strict(),
    output: z.object({ id: z.string(), manifestKey: z.string(), alreadyPublished: z.boolean(), files: z.array(z.string()) }),
  },
  'updates:edit': {
    input: z
      .object({
        id: clipId,
        title: z.string().max(500).optional(),
        context: z.string().max(20_000).nullable().optional(),
        ask: z.string().max(5_000).nullable().optional(),
        dueAt: isoDate.nullable().optional(),
        urgency: urgency.optional(),
        recipients: z.array(z.string().min(1).max(200)).max(500).optional(),
        replyTo: clipId.nullable().optional(),
      })
      .strict(),
    output: z.object({ id: z.string(), title: z.string(), ask: z.string().nullable(), dueAt: z.string().nullable(), urgency, recipients: z.array(z.string()), replyTo: z.string().nullable() }),
  },
  'events:add': {
    input: z
      .object({
        clipId,
        kind: z.enum(['seen', 'reaction', 'decision', 'comment', 'done']),
        atMs: z.number().int().min(0).nullable().optional(),
        emoji: z.string().min(1).max(32).optional(),
        text: z.string().min(1).max(20_000).optional(),
        /** kind 'comment' only: the comment this one answers. */
        parentId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/).optional(),
      })
      .strict()
      .refine((v) => v.kind !== 'comment' || (v.text !== undefined && [...v.text].length <= 5_000), {
        message: 'A comment needs text of at most 5,000 characters.',
        path: ['text'],
      }),
    output: z.object({ event: clipEvent, published: z.boolean() }),
  },
  'events:list': { input: z.object({ clipId }).strict(), output: z.object({ events: z.array(clipEvent) }) },
  'sync:run': { input: z.object({ full: z.boolean().default(false) }).strict(), output: syncReport },
  'sync:problems': { input: empty, output: z.object({ problems: z.array(syncProblem) }) },
  'inbox:get': {
    // A page: `days` workdays (the sender's dates) before `before`, newest first; the next page's cursor is page.nextBefore.
    input: z
      .object({
        viewerTimezone: z.string().max(64).optional(),
        now: isoDate.optional(),
        days: z.number().int().min(1).max(366).optional(),
        before: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').optional(),
      })
      .strict(),
    output: inbox,
  },
} as const;

export const workspaceEvents = {
  /**
   * What is said about updates changed (seen, reactions, replies, comments, decisions, done) or the team's norms did
   * (every open ask's replyBy moves: `clipIds` is empty). Views that show counts, threads or reply-by reload.
   */
  'activity:changed': z.object({ clipIds: z.array(z.string()) }),
  'sync:finished': z.object({ mode: z.enum(['full', 'incremental']), changed: z.number(), syncing: z.number(), problems: z.number() }),
} as const;
