// Whether a workspace bucket serves share links publicly: a probe object is written under the share prefix, read back
// from the public URL without a signature, and deleted. When it is not readable, the exact steps for the common stores,
// limited to the share/ prefix so the team's clips stay private.
import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { publicUrlOf } from './lasting-publish';
import type { S3Access } from './share-service';

export interface PublicCheck {
  public: boolean;
  publicBase: string | null;
  /** What was tried and what came back, in words. */
  detail: string;
  /** Steps to make lasting links work, when they do not. */
  instructions: string | null;
}

export function publicInstructions(bucket: string, prefix: string, endpoint: string | null): string {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'HandoffShareLinks', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/${prefix}share/*` }],
  });
  return [
    `Lasting links need the bucket to serve ${prefix}share/* without a signature (only that prefix: the team's clips stay private).`,
    '',
    'AWS S3:',
    `  aws s3api put-public-access-block --bucket ${bucket} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false`,
    `  aws s3api put-bucket-policy --bucket ${bucket} --policy '${policy}'`,
    `  handoff workspace public-url https://${bucket}.s3.<region>.amazonaws.com`,
    'Cloudflare R2: bucket → Settings → Public access: allow the r2.dev URL or connect a custom domain, then',
    '  handoff workspace public-url https://pub-<id>.r2.dev   (or your domain)',
    'MinIO:',
    `  mc anonymous set download <alias>/${bucket}/${prefix}share`,
    `  handoff workspace public-url ${endpoint ? `${endpoint.replace(/\/+$/, '')}/${bucket}` : `https://<host>/${bucket}`}`,
    '',
    'Then run `handoff workspace check-public` again. Until then, links are presigned and last at most 7 days.',
  ].join('\n');
}

export async function checkPublicBucket(s3: S3Access, options: { endpoint: string | null; fetch?: typeof fetch }): Promise<PublicCheck> {
  const get = options.fetch ?? fetch;
  const publicBase = s3.publicBase ?? null;
  if (!publicBase) {
    return {
      public: false,
      publicBase,
      detail: 'No public URL is set for this bucket (workspace.s3.publicUrl).',
      instructions: publicInstructions(s3.bucket, s3.prefix, options.endpoint),
    };
  }
  const key = `${s3.prefix}share/probe-${randomBytes(16).toString('base64url')}/probe.txt`;
  const body = `handoff public check ${randomBytes(8).toString('hex')}`;
  await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
  const url = publicUrlOf(publicBase, key);
  try {
    let detail: string;
    try {
      const response = await get(url, { cache: 'no-store' });
      const text = await response.text();
      if (response.ok && text === body) return { public: true, publicBase, detail: `Read ${url} without a signature.`, instructions: null };
      detail = `Reading ${url} without a signature answered ${response.status}${response.ok ? ' with other content' : ''}.`;
    } catch (error) {
      detail = `Reading ${url} failed: ${(error as Error).message}.`;
    }
    return { public: false, publicBase, detail, instructions: publicInstructions(s3.bucket, s3.prefix, options.endpoint) };
  } finally {
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
  }
}
