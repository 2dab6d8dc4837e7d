// A share link on an S3 workspace: a self-contained player page (stylesheet and script inline) is uploaded next to
// copies of the clip's media under an unguessable key, and the link is a presigned URL of that page whose media URLs
// are presigned too, all with the link's expiry. It keeps working while the sender's laptop sleeps.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HandoffError } from '../../../shared/result';
import { PLAYER_CSS, PLAYER_JS } from './player-assets';
import { renderPlayerPage, type PlayerClip, type PlayerSegment } from './player-page';
import { newShareToken } from './secrets';

/** SigV4 presigned URLs live at most 7 days on AWS (and on most S3-compatible stores). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface S3PublishInput {
  s3Client: S3Client;
  bucket: string;
  /** Key prefix of the workspace inside the bucket ('' or ending in '/'). */
  prefix: string;
  clip: PlayerClip & { id: string; segments: PlayerSegment[] };
  /** Local paths; captions and thumbnail are optional. */
  files: { video: string; captions?: string | null; thumb?: string | null };
  expiresInSeconds: number;
  allowDownload?: boolean;
  /** For tests and for a clock other than the wall clock. */
  now?: Date;
  /** Publish under this token (a link handed out while recording, whose page this replaces); absent: a new one. */
  token?: string;
}

/** Share tokens as newShareToken makes them; anything else never names a key in the bucket. */
export const SHARE_TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export interface S3PublishedLink {
  url: string;
  token: string;
  expiresAt: string;
  /** The keys written, so a later revoke can delete them. */
  keys: string[];
}

async function upload(client: S3Client, bucket: string, key: string, file: string, contentType: string) {
  const info = await stat(file);
  await client.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(file), ContentLength: info.size, ContentType: contentType }),
  );
}

function sanitizeFilename(title: string): string {
  return title.replace(/[^A-Za-z0-9 ._-]+/g, '').trim().slice(0, 80) || 'handoff-video';
}

export async function publishS3Link(input: S3PublishInput): Promise<S3PublishedLink> {
  const { s3Client: client, bucket, clip, files } = input;
  if (!Number.isInteger(input.expiresInSeconds) || input.expiresInSeconds < 1) {
    throw new HandoffError('invalid-input', `expiresInSeconds must be a positive integer, not ${input.expiresInSeconds}`);
  }
  if (input.prefix !== '' && !input.prefix.endsWith('/')) throw new HandoffError('invalid-input', 'prefix must be empty or end with /');
  const expiresIn = Math.min(input.expiresInSeconds, MAX_PRESIGN_SECONDS);
  const now = input.now ?? new Date();
  if (input.token !== undefined && !SHARE_TOKEN.test(input.token)) throw new HandoffError('invalid-input', 'not a share token');
  const token = input.token ?? newShareToken();
  const base = `${input.prefix}share/${token}/`;
  const keys = { page: `${base}index.html`, video: `${base}video.mp4`, captions: `${base}captions.vtt`, thumb: `${base}thumb.jpg` };
  const written: string[] = [];

  await upload(client, bucket, keys.video, files.video, 'video/mp4');
  written.push(keys.video);
  if (files.captions) {
    await upload(client, bucket, keys.captions, files.captions, 'text/vtt; charset=utf-8');
    written.push(keys.captions);
  }
  if (files.thumb) {
    await upload(client, bucket, keys.thumb, files.thumb, 'image/jpeg');
    written.push(keys.thumb);
  }

  const sign = (key: string, extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {}) =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key, ...extra }), { expiresIn, signingDate: now });
  const pageUrl = await sign(keys.page);
  const thumbUrl = files.thumb ? await sign(keys.thumb) : null;
  const html = renderPlayerPage({
    clip,
    segments: clip.segments,
    urls: {
      video: await sign(keys.video),
      captions: files.captions ? await sign(keys.captions) : null,
      thumb: thumbUrl,
      download:
        input.allowDownload === false
          ? null
          : await sign(keys.video, { ResponseContentDisposition: `attachment; filename="${sanitizeFilename(clip.title)}.mp4"` }),
      beacon: null,
      pageAbsolute: pageUrl,
      thumbAbsolute: thumbUrl,
    },
    assets: { mode: 'inline', css: PLAYER_CSS, js: PLAYER_JS },
    viewId: null,
    startAt: null,
    queryLinks: false,
  });
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: keys.page,
      Body: html,
      ContentType: 'text/html; charset=utf-8',
      // The page holds presigned URLs: a shared cache must not keep it past its own expiry.
      CacheControl: `private, max-age=${Math.min(expiresIn, 3600)}`,
    }),
  );
  written.push(keys.page);
  return { url: pageUrl, token, expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(), keys: written };
}

/**
 * Revokes an S3 link by deleting its page and media: presigned URLs cannot be recalled, but they then point at nothing
 * (S3 answers 404). Returns how many objects were deleted.
 */
export async function revokeS3Link(input: { s3Client: S3Client; bucket: string; prefix: string; token: string }): Promise<number> {
  if (!SHARE_TOKEN.test(input.token)) throw new HandoffError('invalid-input', 'not a share token');
  const Prefix = `${input.prefix}share/${input.token}/`;
  let deleted = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await input.s3Client.send(new ListObjectsV2Command({ Bucket: input.bucket, Prefix, ContinuationToken }));
    const objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
    if (objects.length > 0) {
      const result = await input.s3Client.send(new DeleteObjectsCommand({ Bucket: input.bucket, Delete: { Objects: objects, Quiet: true } }));
      if (result.Errors && result.Errors.length > 0) {
        throw new HandoffError('unavailable', `S3 refused to delete ${result.Errors.length} object(s) of the link: ${result.Errors[0].Message ?? result.Errors[0].Code}`);
      }
      deleted += objects.length;
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return deleted;
}
