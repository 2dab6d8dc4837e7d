import { z } from 'zod';
import { clipId } from './clips';

/** `never`, or a count of minutes, hours or days: `30m`, `24h`, `7d`. */
export const shareExpiry = z.string().regex(/^(never|[1-9]\d{0,4}[mhd])$/, 'expected never or e.g. 30m, 24h, 7d');

export const shareToken = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'not a share token');

/** Who can open a link: this computer only (127.0.0.1), the office network (LAN), or anyone (a bucket). */
export const shareWhere = z.enum(['this-computer', 'local-network', 'anywhere']);

export const shareLinkStatus = z.enum(['active', 'expired', 'revoked']);

export const shareView = z.object({
  viewedAt: z.string(),
  secondsWatched: z.number(),
  viewerName: z.string().nullable(),
  /** Seconds watched over the clip's length, 0..1; null when the length is unknown. */
  completion: z.number().nullable().optional(),
});

export const shareLink = z.object({
  token: z.string(),
  clipId: z.string(),
  kind: z.enum(['local', 's3']),
  url: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  hasPassword: z.boolean(),
  allowDownload: z.boolean(),
  revokedAt: z.string().nullable(),
  status: shareLinkStatus,
  views: z.array(shareView),
});
export type ShareLink = z.infer<typeof shareLink>;

export const shareCalls = {
  'share:create': {
    input: z
      .object({
        clipId,
        expires: shareExpiry.default('7d'),
        password: z.string().min(1).max(256).optional(),
        allowDownload: z.boolean().default(true),
        /** On an S3 workspace: published under an unguessable prefix of a public bucket, no presigned expiry. */
        lasting: z.boolean().default(false),
        /** End-to-end encrypted: the key travels in the URL fragment, or is the password. */
        encrypt: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ url: z.string(), token: z.string(), expiresAt: z.string().nullable(), where: shareWhere }),
  },
  /**
   * A link for the recording in progress (its id from recorder:start), to copy while talking: until the clip exists
   * its page says "recording in progress" and refreshes itself; then it plays the clip. Served by the share server on
   * this computer, or on an S3 workspace by the bucket (a presigned address that works while the laptop sleeps).
   */
  'share:forRecording': {
    input: z.object({ id: clipId, expires: shareExpiry.default('7d') }).strict(),
    output: z.object({ url: z.string(), token: z.string(), expiresAt: z.string().nullable(), where: shareWhere }),
  },
  'share:list': {
    input: z.object({ clipId }).strict(),
    output: z.object({ links: z.array(shareLink) }),
  },
  /** Deletes the objects of bucket links whose expiry has passed: a lasting link has no other expiry. */
  'share:prune': {
    input: z.object({}).strict(),
    output: z.object({ pruned: z.array(z.object({ token: z.string(), clipId: z.string(), deleted: z.number() })) }),
  },
  'share:revoke': {
    input: z.object({ token: shareToken }).strict(),
    output: z.object({ token: z.string(), revokedAt: z.string() }),
  },
} as const;

export const shareEvents = {
  'share:changed': z.object({ clipId: z.string() }),
} as const;
