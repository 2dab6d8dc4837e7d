// Links on a bucket that outlive SigV4's 7 days, and end-to-end encrypted links. A lasting link's page and media sit
// under an unguessable prefix (a 192-bit token) of a bucket that serves objects publicly, and refer to each other by
// relative URLs, so nothing in them expires: the link's expiry is enforced by deleting the objects (`handoff links
// --prune`; revoke deletes at once). A non-lasting encrypted link presigns every object, like today's S3 page.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HandoffError } from '../../../shared/result';
import { buildEncryptedLink, type EncryptedObjectName } from './encrypted-page';
import { PLAYER_CSS, PLAYER_JS } from './player-assets';
import { renderPlayerPage, type PlayerClip, type PlayerSegment } from './player-page';
import { MAX_PRESIGN_SECONDS, publishS3Link } from './s3-publish';
import { newShareToken } from './secrets';

export interface BucketLinkInput {
  s3Client: S3Client;
  bucket: string;
  /** Key prefix of the workspace inside the bucket ('' or ending in '/'). */
  prefix: string;
  /** Where the bucket's objects are readable without a signature, e.g. `https://pub-….r2.dev` or `${endpoint}/${bucket}`. */
  publicBase: string | null;
  clip: PlayerClip & { id: string; segments: PlayerSegment[] };
  files: { video: string; captions?: string | null; thumb?: string | null };
  lasting: boolean;
  encrypt: boolean;
  password?: string;
  expiresAt: Date | null;
  allowDownload?: boolean;
  now: Date;
  /** For tests: PBKDF2 rounds and chunk size of encrypted links. */
  kdfIterations?: number;
  chunkSize?: number;
  /** A presigned link's token when it was handed out before (while recording); only plain presigned links take one. */
  token?: string;
}

/** The public URL of a key: each path segment encoded, the slashes kept. */
export function publicUrlOf(publicBase: string, key: string): string {
  return `${publicBase.replace(/\/+$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

async function put(client: S3Client, bucket: string, key: string, body: { file?: string; data?: Buffer | string }, contentType: string, cacheControl: string) {
  if (body.file) {
    const { size } = await stat(body.file);
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(body.file), ContentLength: size, ContentType: contentType, CacheControl: cacheControl }),
    );
    return;
  }
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body.data, ContentType: contentType, CacheControl: cacheControl }));
}

export interface BucketLink {
  url: string;
  token: string;
  /** null: the link never expires (only a lasting link can say so). */
  expiresAt: string | null;
  keys: string[];
}

export async function publishBucketLink(input: BucketLinkInput): Promise<BucketLink> {
  const { s3Client: client, bucket, now } = input;
  if (input.prefix !== '' && !input.prefix.endsWith('/')) throw new HandoffError('invalid-input', 'prefix must be empty or end with /');
  if (input.password !== undefined && !input.encrypt) {
    throw new HandoffError('invalid-input', 'A password on a bucket link needs --encrypt: the bucket cannot check a password, so the password must be the key.');
  }
  if (input.lasting && !input.publicBase) {
    throw new HandoffError('unavailable', 'A lasting link needs the bucket to serve objects publicly: run `handoff workspace check-public` for how to set it up.');
  }
  const secondsLeft = input.expiresAt ? Math.max(1, Math.ceil((input.expiresAt.getTime() - now.getTime()) / 1000)) : MAX_PRESIGN_SECONDS;
  if (!input.lasting && !input.encrypt) {
    return publishS3Link({ ...input, expiresInSeconds: secondsLeft });
  }
  if (input.token !== undefined) throw new HandoffError('invalid-input', 'Only a plain presigned link can be published under a token handed out before.');
  const presignSeconds = Math.min(secondsLeft, MAX_PRESIGN_SECONDS);
  const token = newShareToken();
  const base = `${input.prefix}share/${token}/`;
  // A lasting page must not be cached past a revoke; a presigned one not past its signatures.
  const cacheControl = input.lasting ? 'no-cache' : `private, max-age=${Math.min(presignSeconds, 3600)}`;
  const urlOfKey = (key: string) =>
    input.lasting
      ? publicUrlOf(input.publicBase as string, key)
      : getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: presignSeconds, signingDate: now });
  const written: string[] = [];
  const expiresAt = input.lasting ? input.expiresAt : new Date(now.getTime() + presignSeconds * 1000);

  if (input.encrypt) {
    const bundle = await buildEncryptedLink({
      clip: input.clip,
      segments: input.clip.segments,
      files: input.files,
      password: input.password,
      kdfIterations: input.kdfIterations,
      chunkSize: input.chunkSize,
      // Relative names on a public bucket (the page and its files move together); presigned URLs otherwise.
      urlOf: (name: Exclude<EncryptedObjectName, 'index.html'>) => (input.lasting ? name : urlOfKey(base + name)),
      scope: './',
    });
    try {
      for (const object of bundle.objects) {
        await put(client, bucket, base + object.name, object, object.contentType, cacheControl);
        written.push(base + object.name);
      }
    } finally {
      await bundle.dispose();
    }
    await put(client, bucket, `${base}index.html`, { data: bundle.page }, 'text/html; charset=utf-8', cacheControl);
    written.push(`${base}index.html`);
    return { url: (await urlOfKey(`${base}index.html`)) + bundle.fragment, token, expiresAt: expiresAt ? expiresAt.toISOString() : null, keys: written };
  }

  // A lasting plain link: today's player page with relative media URLs.
  const { clip, files } = input;
  await put(client, bucket, `${base}video.mp4`, { file: files.video }, 'video/mp4', cacheControl);
  written.push(`${base}video.mp4`);
  if (files.captions) {
    await put(client, bucket, `${base}captions.vtt`, { file: files.captions }, 'text/vtt; charset=utf-8', cacheControl);
    written.push(`${base}captions.vtt`);
  }
  if (files.thumb) {
    await put(client, bucket, `${base}thumb.jpg`, { file: files.thumb }, 'image/jpeg', cacheControl);
    written.push(`${base}thumb.jpg`);
  }
  const pageUrl = await urlOfKey(`${base}index.html`);
  const html = renderPlayerPage({
    clip,
    segments: clip.segments,
    urls: {
      video: 'video.mp4',
      captions: files.captions ? 'captions.vtt' : null,
      thumb: files.thumb ? 'thumb.jpg' : null,
      download: input.allowDownload === false ? null : 'video.mp4',
      beacon: null,
      pageAbsolute: pageUrl,
      thumbAbsolute: files.thumb ? await urlOfKey(`${base}thumb.jpg`) : null,
    },
    assets: { mode: 'inline', css: PLAYER_CSS, js: PLAYER_JS },
    viewId: null,
    startAt: null,
  });
  await put(client, bucket, `${base}index.html`, { data: html }, 'text/html; charset=utf-8', cacheControl);
  written.push(`${base}index.html`);
  return { url: pageUrl, token, expiresAt: expiresAt ? expiresAt.toISOString() : null, keys: written };
}
