import { z } from 'zod';
import { clipId } from './clips';

/** `never`, or a count of minutes, hours or days: `30m`, `24h`, `7d`. */
export const shareExpiry = z.string().regex(/^(never|[1-9]\d{0,4}[mhd])$/, 'expected never or e.g. 30m, 24h, 7d');

export const shareToken = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'not a share token');

export const shareLinkStatus = z.enum(['active', 'expired', 'revoked']);

export const shareView = z.object({
  viewedAt: z.string(),
  secondsWatched: z.number(),
  viewerName: z.string().nullable(),
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
      })
      .strict(),
    output: z.object({ url: z.string(), token: z.string(), expiresAt: z.string().nullable() }),
  },
  'share:list': {
    input: z.object({ clipId }).strict(),
    output: z.object({ links: z.array(shareLink) }),
  },
  'share:revoke': {
    input: z.object({ token: shareToken }).strict(),
    output: z.object({ token: z.string(), revokedAt: z.string() }),
  },
} as const;

export const shareEvents = {
  'share:changed': z.object({ clipId: z.string() }),
} as const;
