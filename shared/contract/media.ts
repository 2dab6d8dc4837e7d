import { z } from 'zod';
import { clipId } from './clips';

/** Why a whole video is being fetched from the workspace. */
export const mediaPurpose = z.enum(['play', 'offline', 'share', 'transcribe']);
export type MediaPurpose = z.infer<typeof mediaPurpose>;

/**
 * Where a clip's video is (lazy media, issue 19): `local` (the clip's own file), `cached` (fetched into the media
 * cache), `remote` (streams from the workspace when played), `syncing` (the manifest is here, the video has not fully
 * arrived in the workspace), `missing` (gone from the workspace: nothing can play it).
 */
export const mediaStatus = z.object({
  clipId: z.string(),
  state: z.enum(['local', 'cached', 'remote', 'syncing', 'missing']),
  message: z.string(),
  /** Kept offline: fetched ahead and never evicted. */
  pinned: z.boolean(),
  /** 'me' ("Keep offline"), 'needs-reply' (an update that asks me something, until I answer), or null. */
  pinnedBy: z.enum(['me', 'needs-reply']).nullable(),
  sizeBytes: z.number().nullable(),
  cachedBytes: z.number(),
  fetching: z.object({ receivedBytes: z.number(), totalBytes: z.number() }).nullable(),
});
export type MediaStatus = z.infer<typeof mediaStatus>;

export const mediaCacheUsage = z.object({ bytes: z.number(), capBytes: z.number(), clips: z.number(), pinnedClips: z.number(), dir: z.string() });

export const mediaCalls = {
  /** Looks in the workspace (one HEAD) for a video that is not here, so a vanished one shows as missing. */
  'media:status': { input: z.object({ id: clipId }).strict(), output: mediaStatus },
  /** "Keep offline": pinned clips are fetched now and never evicted from the cache. */
  'media:pin': { input: z.object({ id: clipId, pinned: z.boolean() }).strict(), output: mediaStatus },
  /** Fetches the whole video into the cache now (progress as media:progress); answers once it is here. */
  'media:fetch': { input: z.object({ id: clipId }).strict(), output: mediaStatus },
  'media:cache': { input: z.object({}).strict(), output: mediaCacheUsage },
} as const;

export const mediaEvents = {
  'media:progress': z.object({
    clipId: z.string(),
    purpose: mediaPurpose,
    receivedBytes: z.number(),
    totalBytes: z.number(),
    state: z.enum(['fetching', 'done', 'failed']),
    error: z.string().nullable(),
  }),
  /** Where these clips' videos are changed (fetched, evicted, pinned, found missing). */
  'media:changed': z.object({ ids: z.array(z.string()) }),
} as const;
