// A workspace in an S3-compatible bucket (AWS S3, R2, B2, MinIO). Credentials come from the standard AWS chain
// (environment, shared config/profile, SSO, instance role) unless AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are in the
// environment handed to core. Writes are guarded twice: a HEAD before the PUT, and If-None-Match on the PUT where the
// server honours it, so content already there is never replaced.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { HandoffError } from '../../../shared/result';
import { TooLargeError, type ObjectInfo, type PutOutcome, type WorkspaceBackend } from './backend';
import { partName, partsPrefixOf } from './video-parts';

export interface S3Options {
  endpoint: string;
  bucket: string;
  prefix: string;
  region: string;
  pathStyle: boolean;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
function isPreconditionFailed(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412;
}

/** The key prefix of a workspace inside its bucket: '' or 'some/prefix/'. */
export function s3KeyRoot(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? trimmed + '/' : '';
}

type S3Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The AWS SDK is loaded on first use: it costs ~200 ms and ~20 MB to load, in every CLI command and in the app's main
 * process, and most people never use an S3 workspace.
 */
function loadS3Sdk(): Promise<S3Sdk> {
  return import('@aws-sdk/client-s3');
}

/** The one way an S3 client for the workspace's bucket is made (the workspace backend and S3 share links alike). */
export async function createS3Client(options: S3Options, env: NodeJS.ProcessEnv): Promise<S3Client> {
  return newS3Client(await loadS3Sdk(), options, env);
}

function newS3Client({ S3Client }: S3Sdk, options: S3Options, env: NodeJS.ProcessEnv): S3Client {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return new S3Client({
    endpoint: options.endpoint || undefined,
    region: options.region || env.AWS_REGION || 'us-east-1',
    forcePathStyle: options.pathStyle,
    // The SDK's default CRC trailers turn streamed uploads into aws-chunked bodies, which several S3-compatible servers
    // store verbatim (corrupting the object); integrity is checked end to end with the manifest's SHA-256 instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN } : undefined,
  });
}

export function createS3Backend(options: S3Options, env: NodeJS.ProcessEnv): WorkspaceBackend {
  const root = s3KeyRoot(options.prefix);
  const prefix = root.replace(/\/$/, '');
  const Bucket = options.bucket;
  let connection: Promise<{ sdk: S3Sdk; client: S3Client }> | null = null;
  const connect = () => (connection ??= loadS3Sdk().then((sdk) => ({ sdk, client: newS3Client(sdk, options, env) })));

  async function head(key: string): Promise<{ size: number; etag: string } | null> {
    const { sdk, client } = await connect();
    try {
      const out = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: root + key }));
      return { size: out.ContentLength ?? 0, etag: (out.ETag ?? '').replace(/"/g, '') };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function guard(key: string, md5: string, size: number): Promise<PutOutcome | null> {
    const existing = await head(key);
    if (!existing) return null;
    // A single-part upload's ETag is the MD5 of its bytes.
    if (existing.size === size && (existing.etag === md5 || existing.etag.includes('-'))) return 'exists';
    throw new HandoffError('conflict', `${key} already exists in the workspace with different content; files there are written once.`);
  }

  async function put(key: string, body: Buffer | (() => Readable), md5: string, size: number): Promise<PutOutcome> {
    const already = await guard(key, md5, size);
    if (already) return already;
    const { sdk, client } = await connect();
    try {
      await client.send(
        new sdk.PutObjectCommand({ Bucket, Key: root + key, Body: typeof body === 'function' ? body() : body, ContentLength: size, IfNoneMatch: '*' }),
      );
      return 'written';
    } catch (error) {
      if (isPreconditionFailed(error)) return (await guard(key, md5, size)) ?? 'exists';
      throw error;
    }
  }

  return {
    id: `s3:${options.endpoint}|${Bucket}|${prefix}`,
    description: `s3://${Bucket}/${prefix}${options.endpoint ? ` at ${options.endpoint}` : ''}`,
    async *list(listPrefix, startAfter) {
      // ListObjects (v1) paged by Marker = last key seen: the same listing everywhere, and it works on servers whose
      // V2 continuation tokens break (s3rver's are DES-encrypted, which OpenSSL 3 no longer offers).
      const { sdk, client } = await connect();
      let after = startAfter !== undefined ? root + startAfter : undefined;
      for (;;) {
        const out = await client.send(new sdk.ListObjectsCommand({ Bucket, Prefix: root + listPrefix, Marker: after }));
        const contents = out.Contents ?? [];
        for (const item of contents) {
          if (!item.Key) continue;
          const key = item.Key.slice(root.length);
          if (key.split('/').some((part) => part.startsWith('.'))) continue;
          yield { key, size: item.Size ?? 0 } satisfies ObjectInfo;
        }
        const last = contents.at(-1)?.Key;
        if (!out.IsTruncated || !last) break;
        after = last;
      }
    },
    async get(key, options = {}) {
      const { sdk, client } = await connect();
      const limit = options.maxBytes;
      try {
        // With a limit, only its first limit+1 bytes are asked for: one request, and a huge object is never fetched.
        const out = await client.send(
          new sdk.GetObjectCommand({ Bucket, Key: root + key, Range: limit === undefined ? undefined : `bytes=0-${limit}` }),
        );
        if (limit !== undefined) {
          const total = Number(/\/(\d+)$/.exec(out.ContentRange ?? '')?.[1] ?? out.ContentLength ?? 0);
          if (total > limit) {
            await out.Body?.transformToByteArray().catch(() => undefined);
            throw new TooLargeError(key, total, limit, (out.ETag ?? '').replace(/"/g, ''));
          }
        }
        const bytes = out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0);
        if (limit !== undefined && bytes.length > limit) throw new TooLargeError(key, bytes.length, limit, (out.ETag ?? '').replace(/"/g, ''));
        return bytes;
      } catch (error) {
        if (isNotFound(error)) return null;
        // A range on an empty object cannot be satisfied: it is simply empty.
        if ((error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 416) return Buffer.alloc(0);
        throw error;
      }
    },
    async head(key) {
      const info = await head(key);
      return info ? { key, size: info.size, stamp: info.etag } : null;
    },
    putOnce: (key, body) => put(key, body, createHash('md5').update(body).digest('hex'), body.length),
    async putFileOnce(key, file) {
      const size = (await stat(file)).size;
      const hash = createHash('md5');
      for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
      const md5 = hash.digest('hex');
      return put(key, () => createReadStream(file), md5, size);
    },
    async replace(key, body) {
      const { sdk, client } = await connect();
      await client.send(new sdk.PutObjectCommand({ Bucket, Key: root + key, Body: body, ContentLength: body.length }));
    },
    async download(key, dest, options = {}) {
      const { sdk, client } = await connect();
      const limit = options.maxBytes;
      const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: root + key })).catch((error: unknown) => {
        // Like a folder workspace: a missing object is a plain not-found, which callers can tell from a failure.
        if (isNotFound(error)) throw new HandoffError('not-found', `${key} is not in the workspace.`);
        throw error;
      });
      if (!out.Body) throw new HandoffError('unavailable', `Empty response for ${key}`);
      const stamp = (out.ETag ?? '').replace(/"/g, '');
      if (limit !== undefined && (out.ContentLength ?? 0) > limit) {
        (out.Body as Readable).destroy();
        throw new TooLargeError(key, out.ContentLength ?? 0, limit, stamp);
      }
      await mkdir(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.${randomBytes(4).toString('hex')}.part`;
      let received = 0;
      // The declared length is the server's word; the bytes are counted too, and the copy stops past the limit.
      const cap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          options.onProgress?.(received);
          if (limit !== undefined && received > limit) callback(new TooLargeError(key, received, limit, stamp));
          else callback(null, chunk);
        },
      });
      try {
        await pipeline(out.Body as Readable, cap, createWriteStream(tmp));
        await rename(tmp, dest);
      } catch (error) {
        // The download's own error is the one to report; a temp file that is already gone changes nothing.
        await unlink(tmp).catch(() => undefined);
        throw error;
      }
    },
    async read(key, range) {
      const { sdk, client } = await connect();
      const Range = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: root + key, Range }));
        if (!out.Body) throw new HandoffError('unavailable', `Empty response for ${key}`);
        const length = out.ContentLength ?? 0;
        const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(out.ContentRange ?? '');
        if (match) return { body: out.Body as Readable, start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) };
        return { body: out.Body as Readable, start: 0, end: length - 1, size: length };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    ...s3LiveUploads(connect, root, Bucket),
    close() {
      // Nothing to close when the SDK never loaded (or failed to: the call that needed it reported that).
      void connection?.then(({ client }) => client.destroy(), () => undefined);
    },
  };
}

function isCode(error: unknown, ...names: string[]): boolean {
  const e = error as { name?: string; Code?: string };
  return names.includes(e?.name ?? '') || names.includes(e?.Code ?? '');
}

/** The token of a live upload stored as parts objects (a journal with another token is a multipart upload id). */
export const PARTS_TOKEN = 'parts';

/**
 * Publishing while recording on S3 (video-parts.ts): each chunk is its own object under `<key>.parts/`, put as soon as
 * it is written, the head last. Cancel and crash recovery delete that prefix; recovery also aborts any multipart
 * upload to the key, which is how versions before this layout uploaded (their journals may still be there).
 */
function s3LiveUploads(
  connect: () => Promise<{ sdk: S3Sdk; client: S3Client }>,
  root: string,
  Bucket: string,
): Pick<WorkspaceBackend, 'startLiveUpload' | 'abortLiveUpload'> {
  /** Deletes every object under the prefix: list the first page (up to 1000), delete it in one DeleteObjects, again. */
  async function deletePrefix(prefix: string): Promise<void> {
    const { sdk, client } = await connect();
    let before: string | null = null;
    for (;;) {
      const out = await client.send(new sdk.ListObjectsCommand({ Bucket, Prefix: root + prefix }));
      const objects = (out.Contents ?? []).flatMap((item) => (item.Key ? [{ Key: item.Key }] : []));
      if (objects.length === 0) return;
      // A store that answers a delete with no error but keeps the objects would otherwise be asked forever.
      if (objects[0].Key === before) throw new HandoffError('unavailable', `The bucket keeps ${objects[0].Key} after deleting it.`);
      before = objects[0].Key;
      const deleted = await client.send(new sdk.DeleteObjectsCommand({ Bucket, Delete: { Objects: objects, Quiet: true } }));
      if (deleted.Errors?.length) {
        throw new HandoffError('unavailable', `The bucket refused to delete ${deleted.Errors.length} part(s) under ${prefix}: ${deleted.Errors[0].Message ?? deleted.Errors[0].Code}`);
      }
    }
  }

  return {
    async startLiveUpload(key) {
      const { sdk, client } = await connect();
      const prefix = partsPrefixOf(key);
      const written = new Set<number>();
      return {
        token: PARTS_TOKEN,
        kind: 'parts',
        async put(index, _offset, body) {
          await client.send(new sdk.PutObjectCommand({ Bucket, Key: root + prefix + partName(index), Body: body, ContentLength: body.length }));
          written.add(index);
        },
        async complete(count) {
          for (let i = 0; i < count; i++) if (!written.has(i)) throw new Error(`part ${partName(i)} of ${key} was never uploaded`);
        },
        abort: () => deletePrefix(prefix),
      };
    },
    async abortLiveUpload(key, token) {
      await deletePrefix(partsPrefixOf(key));
      // A journal of this version: no multipart upload was ever started for it.
      if (token === PARTS_TOKEN) return;
      const { sdk, client } = await connect();
      const Key = root + key;
      const ids = new Set<string>(token ? [token] : []);
      // A crash between CreateMultipartUpload and writing its id down leaves an upload only a listing finds; the key
      // holds a clip id, so every unfinished upload to it is this recording's.
      let listFailure: unknown = null;
      const listed = await client.send(new sdk.ListMultipartUploadsCommand({ Bucket, Prefix: Key })).catch((error: unknown) => {
        listFailure = error;
        return null;
      });
      for (const upload of listed?.Uploads ?? []) if (upload.Key === Key && upload.UploadId) ids.add(upload.UploadId);
      for (const UploadId of ids) {
        await client.send(new sdk.AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch((error: unknown) => {
          if (!isCode(error, 'NoSuchUpload')) throw error;
        });
      }
      // Without a listing, the recorded id is all there is; with neither, nothing can be said to be clean.
      if (listFailure && !token) throw listFailure;
    },
  };
}
