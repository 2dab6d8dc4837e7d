// The workspace's file formats (DESIGN.md "Workspace"), each schema-versioned. A reader refuses a version it does not
// know rather than guessing, and reports it.
import { z } from 'zod';
import { isValidTimezone } from '../../../shared/inbox';

export const WORKSPACE_SCHEMA = 1;

const iso = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO date');
// A plain file name beside the manifest: `..`, `.` or `manifest.json` would point at the folder or the manifest itself.
const fileName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}\.[a-z0-9]{1,8}$/, 'not a plain file name (like video.mp4)')
  .refine((name) => name !== 'manifest.json', 'names the manifest itself');
const fileRef = z.object({ name: fileName, size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** Bounds of a video stored as parts objects (video-parts.ts): what a manifest may declare, whoever wrote it. */
export const PARTS_LIMITS = { maxCount: 100_000, minChunkBytes: 64 * 1024, maxChunkBytes: 64 * 1024 * 1024, maxHeadBytes: 256 * 1024 * 1024 } as const;
/**
 * A video published while it was recorded on S3: `video.mp4.parts/head` (its first `headBytes`: ftyp, moov, the mdat
 * header) then `count` data parts of `chunkBytes` each (the last one shorter or equal). Their keys come from the clip
 * id, never from the manifest; the sizes must add up to the video's size exactly.
 */
export const videoParts = z.object({
  headBytes: z.number().int().min(1).max(PARTS_LIMITS.maxHeadBytes),
  chunkBytes: z.number().int().min(PARTS_LIMITS.minChunkBytes).max(PARTS_LIMITS.maxChunkBytes),
  count: z.number().int().min(0).max(PARTS_LIMITS.maxCount),
});
export type VideoParts = z.infer<typeof videoParts>;
const videoRef = fileRef.extend({ parts: videoParts.optional() }).superRefine((ref, ctx) => {
  if (!ref.parts) return;
  if (ref.name !== 'video.mp4') ctx.addIssue({ code: 'custom', path: ['name'], message: 'a video stored as parts is named video.mp4' });
  const { headBytes, chunkBytes, count } = ref.parts;
  if (headBytes > ref.size || Math.ceil((ref.size - headBytes) / chunkBytes) !== count) {
    ctx.addIssue({ code: 'custom', path: ['parts'], message: `the parts (head ${headBytes} bytes, ${count} × ${chunkBytes}) do not add up to the video's ${ref.size} bytes` });
  }
});

export const manifestFile = z.object({
  schema: z.literal(WORKSPACE_SCHEMA),
  id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  author: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }),
  // An unknown zone would index the update and then drop it from every inbox, silently.
  authorTimezone: z.string().min(1).max(64).refine(isValidTimezone, 'not an IANA time zone'),
  recordedAt: iso,
  title: z.string().max(500),
  context: z.string().max(20_000).nullable(),
  ask: z.string().max(5_000).nullable(),
  recipients: z.array(z.string().max(200)).max(500),
  dueAt: iso.nullable(),
  urgency: z.enum(['fyi', 'reply-needed', 'urgent']),
  replyTo: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  width: z.number().int().nonnegative().nullable(),
  height: z.number().int().nonnegative().nullable(),
  files: z.object({ video: videoRef, thumb: fileRef.optional(), captions: fileRef.optional(), transcript: fileRef.optional() }),
  publishedAt: iso,
});
export type ManifestFile = z.infer<typeof manifestFile>;

export const eventFile = z.object({
  schema: z.literal(WORKSPACE_SCHEMA),
  id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  clipId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  kind: z.enum(['seen', 'reaction', 'reply', 'decision', 'comment', 'done']),
  author: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }),
  createdAt: iso,
  atMs: z.number().int().nonnegative().nullable(),
  emoji: z.string().max(32).nullable(),
  text: z.string().max(20_000).nullable(),
  replyClipId: z.string().nullable(),
  /** A comment answering another comment: that comment's event id (one level of threading). Absent in older files. */
  parentId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/).nullable().optional(),
});
export type EventFile = z.infer<typeof eventFile>;

export const personFile = z.object({
  schema: z.literal(WORKSPACE_SCHEMA),
  id: z.string().min(1).max(128),
  name: z.string().max(200),
  timezone: z.string().min(1).max(64),
  workingHours: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/),
  /** Absent in files written before workdays existed: those people work mon-fri. */
  workdays: z.string().max(64).optional(),
  updatedAt: iso,
});
export type PersonFile = z.infer<typeof personFile>;

const transcriptWord = z.object({ startMs: z.number().int(), endMs: z.number().int(), text: z.string().max(200), p: z.number().nullable().optional() });
/** A transcript: `transcript.json` in the bundle, or `transcript-<stamp>-<rand>.json` written after publishing. */
export const transcriptFile = z.object({
  schema: z.literal(WORKSPACE_SCHEMA),
  clipId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  /** Detected (or chosen) language code; absent in files written before it was carried. */
  language: z.string().max(16).nullable().optional(),
  segments: z
    .array(z.object({ startMs: z.number().int(), endMs: z.number().int(), text: z.string().max(5_000), words: z.array(transcriptWord).max(2_000).optional() }))
    .max(100_000),
});
export type TranscriptFile = z.infer<typeof transcriptFile>;
const windowHours = z.number().positive().max(24 * 365).nullable();
/** team/norms-<stamp>-<rand>.json: the reply window per urgency, in working hours (null: none). Newest wins. */
export const normsFile = z.object({
  schema: z.literal(WORKSPACE_SCHEMA),
  author: z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }),
  publishedAt: iso,
  windows: z.object({ urgent: windowHours, 'reply-needed': windowHours, fyi: windowHours }),
});
export type NormsFile = z.infer<typeof normsFile>;

export const feedEntry = z.object({ schema: z.literal(WORKSPACE_SCHEMA), key: z.string().max(300) });

/**
 * The most bytes each kind of workspace JSON may have: several times what its schema allows (JSON escaping included),
 * far below what could hurt. Read with backend.get(key, { maxBytes }), so a larger file is refused unread.
 */
export const JSON_LIMITS = {
  manifest: 1024 * 1024,
  event: 256 * 1024,
  person: 64 * 1024,
  norms: 64 * 1024,
  feed: 4 * 1024,
  /** A transcript published after the update (transcript-<stamp>-<rand>.json): hours of speech with word timings. */
  transcript: 64 * 1024 * 1024,
} as const;

export type ParseOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'malformed' | 'unknown-version'; message: string };

/** Parses one workspace JSON file: truncated or invalid → malformed; a schema number we do not know → unknown-version. */
export function parseWorkspaceJson<T>(bytes: Buffer, schema: z.ZodType<T>): ParseOutcome<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, kind: 'malformed', message: `not valid JSON (truncated?): ${(error as Error).message}` };
  }
  const version = (raw as { schema?: unknown } | null)?.schema;
  if (version !== WORKSPACE_SCHEMA) {
    return { ok: false, kind: 'unknown-version', message: `schema version ${JSON.stringify(version) ?? 'missing'} is not one this Handoff reads (${WORKSPACE_SCHEMA})` };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, kind: 'malformed', message: `${first.path.join('.') || 'file'}: ${first.message}` };
  }
  return { ok: true, value: parsed.data };
}

export const keys = {
  person: (id: string) => `people/${encodeURIComponent(id)}.json`,
  manifest: (clipId: string) => `updates/${clipId}/manifest.json`,
  updateFile: (clipId: string, name: string) => `updates/${clipId}/${name}`,
  event: (clipId: string, eventId: string) => `events/${clipId}/${eventId}.json`,
  /** A transcript made after publishing: a new write-once file; the newest stamp wins. */
  laterTranscript: (clipId: string, stamp: string, rand: string) => `updates/${clipId}/transcript-${stamp}-${rand}.json`,
  norms: (ms: number, rand: string) => `team/norms-${feedStamp(ms)}-${rand}.json`,
};

/** updates/<clip>/transcript.json (stamp '') or updates/<clip>/transcript-<stamp>-<rand>.json → clip and stamp. */
export function transcriptKey(key: string): { clipId: string; stamp: string } | null {
  const match = /^updates\/([A-Za-z0-9_-]{6,64})\/transcript(?:-([0-9TZ]{8,24})-[A-Za-z0-9_-]{4,16})?\.json$/.exec(key);
  return match ? { clipId: match[1], stamp: match[2] ?? '' } : null;
}

/** Feed entries sort by the writer's clock: feed/<YYYYMMDDTHH>/<YYYYMMDDTHHmmssSSSZ>-<rand>.json. */
export function feedStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}
export function feedKey(ms: number, rand: string): string {
  const stamp = feedStamp(ms);
  return `feed/${stamp.slice(0, 11)}/${stamp}-${rand}.json`;
}
/** The smallest key at or after instant `ms` (for StartAfter). */
export function feedKeyFloor(ms: number): string {
  const stamp = feedStamp(ms);
  return `feed/${stamp.slice(0, 11)}/${stamp}`;
}
