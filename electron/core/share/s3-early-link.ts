// The link handed out while recording on an S3 workspace (issue 21 item 4). The sender's laptop may be asleep by the
// time someone opens it, so the bucket serves it: at once a small page under the link's token that says the recording
// is in progress and reloads itself, and, when the recording ends, the clip's player page written over it under the same
// key (s3-publish.ts with that token), so the presigned address handed out never changes. A cancelled recording
// leaves a page that says so instead.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HandoffError } from '../../../shared/result';
import { PLAYER_CSS, PLAYER_JS } from './player-assets';
import { renderNotice } from './player-page';
import { MAX_PRESIGN_SECONDS, SHARE_TOKEN } from './s3-publish';

export const RECORDING_NOTICE = { title: 'Recording in progress', message: 'Recording in progress — ready in a moment. This page refreshes by itself.', refreshSeconds: 5 };
export const CANCELLED_NOTICE = { title: 'Recording cancelled', message: 'This recording was cancelled, so there is nothing to watch here.' };

export interface S3NoticeInput {
  s3Client: S3Client;
  bucket: string;
  /** Key prefix of the workspace inside the bucket ('' or ending in '/'). */
  prefix: string;
  token: string;
  notice: { title: string; message: string; refreshSeconds?: number };
  /** How long the address lasts (at most the 7 days a presigned URL can). */
  expiresInSeconds: number;
  now: Date;
}

/** Writes a notice page as the link's page and returns the link's presigned address. */
export async function publishS3Notice(input: S3NoticeInput): Promise<{ url: string; expiresAt: string }> {
  if (!SHARE_TOKEN.test(input.token)) throw new HandoffError('invalid-input', 'not a share token');
  if (input.prefix !== '' && !input.prefix.endsWith('/')) throw new HandoffError('invalid-input', 'prefix must be empty or end with /');
  const expiresIn = Math.min(Math.max(1, Math.floor(input.expiresInSeconds)), MAX_PRESIGN_SECONDS);
  const key = `${input.prefix}share/${input.token}/index.html`;
  const html = renderNotice({ ...input.notice, assets: { mode: 'inline', css: PLAYER_CSS, js: PLAYER_JS } });
  await input.s3Client.send(
    new PutObjectCommand({
      Bucket: input.bucket,
      Key: key,
      Body: html,
      ContentType: 'text/html; charset=utf-8',
      // Reloaded every few seconds until the player page replaces it: no cache may keep the notice.
      CacheControl: 'no-cache',
    }),
  );
  const url = await getSignedUrl(input.s3Client, new GetObjectCommand({ Bucket: input.bucket, Key: key }), { expiresIn, signingDate: input.now });
  return { url, expiresAt: new Date(input.now.getTime() + expiresIn * 1000).toISOString() };
}
