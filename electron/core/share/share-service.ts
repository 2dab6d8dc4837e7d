// What the contract's share:* calls do: make a link for a clip (with expiry, password, download permission), list a
// clip's links with who watched, revoke. URLs are built from the share server's address in settings, so a CLI process
// prints links that point at the server running in the app or in `handoff serve`.
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ShareLink } from '../../../shared/contract/share';
import { HandoffError } from '../../../shared/result';
import { clipDir, getClip } from '../library/clips-store';
import type { Db } from '../library/database';
import { playerClipOf, segmentsOf } from './link-page';
import { createLinksStore, expiryFrom, toShareLink } from './links-store';
import { hashPassword, newShareToken } from './secrets';

/** The bucket of an S3 workspace with a fresh client for it (destroyed after use), or null on a folder workspace. */
export interface S3Access {
  client: S3Client;
  bucket: string;
  prefix: string;
}

export interface ShareAddress {
  port: number;
  lan: boolean;
}

/** The first non-internal IPv4 address, for LAN links; loopback when there is none. */
export function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

export function shareBaseUrl(address: ShareAddress): string {
  return `http://${address.lan ? lanAddress() : '127.0.0.1'}:${address.port}`;
}

export function createShareService(deps: { db: Db; clock: () => Date; baseUrl: () => string; clipsDir: string; s3: () => Promise<S3Access | null> }) {
  const links = createLinksStore(deps.db);
  const urlOf = (row: { token: string; kind: string; url: string | null }) =>
    row.kind === 's3' && row.url ? row.url : `${deps.baseUrl()}/${row.token}`;

  /** Records a link published elsewhere (an S3 page) so it is listed and counted like a local one. */
  function recordExternal(input: { token: string; clipId: string; url: string; expiresAt: Date | null; allowDownload: boolean }) {
    links.insert({ ...input, kind: 's3', createdAt: deps.clock(), passwordHash: null });
  }

  /** Publishes the self-contained page to the workspace bucket; its presigned URLs live as long as the store allows. */
  async function createS3(s3: S3Access, clip: ReturnType<typeof getClip>, now: Date, expiresAt: Date | null, allowDownload: boolean) {
    const folder = clipDir(deps.clipsDir, clip.id);
    const video = path.join(folder, 'video.mp4');
    const optional = (name: string) => (existsSync(path.join(folder, name)) ? path.join(folder, name) : null);
    // Loaded here, like the SDK it uses: only S3 workspaces ever need it.
    const { MAX_PRESIGN_SECONDS, publishS3Link } = await import('./s3-publish');
    // `never` (or anything longer) becomes the longest a presigned URL can live; the link records the real expiry.
    const seconds = expiresAt ? Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)) : MAX_PRESIGN_SECONDS;
    try {
      if (!existsSync(video)) throw new HandoffError('not-found', `The clip ${clip.id} has no video to share yet.`);
      const published = await publishS3Link({
        s3Client: s3.client,
        bucket: s3.bucket,
        prefix: s3.prefix,
        clip: { id: clip.id, ...playerClipOf(clip), segments: segmentsOf(deps.db, clip.id) },
        files: { video, captions: optional('captions.vtt'), thumb: optional('thumb.jpg') },
        expiresInSeconds: seconds,
        allowDownload,
        now,
      });
      recordExternal({ token: published.token, clipId: clip.id, url: published.url, expiresAt: new Date(published.expiresAt), allowDownload });
      return { url: published.url, token: published.token, expiresAt: published.expiresAt };
    } finally {
      s3.client.destroy();
    }
  }

  return {
    links,
    async create(input: { clipId: string; expires: string; password?: string; allowDownload: boolean }) {
      const clip = getClip(deps.db, input.clipId);
      const now = deps.clock();
      const expiresAt = expiryFrom(input.expires, now);
      const s3 = await deps.s3();
      if (s3) {
        if (input.password !== undefined) {
          s3.client.destroy();
          throw new HandoffError(
            'invalid-input',
            'A password cannot protect a link on an S3 workspace: the bucket serves the page and cannot check one. Share without a password, or use a folder workspace and the share server.',
          );
        }
        return createS3(s3, clip, now, expiresAt, input.allowDownload);
      }
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      const token = newShareToken();
      links.insert({ token, clipId: input.clipId, kind: 'local', url: null, createdAt: now, expiresAt, passwordHash, allowDownload: input.allowDownload });
      return { url: urlOf({ token, kind: 'local', url: null }), token, expiresAt: expiresAt ? expiresAt.toISOString() : null };
    },
    recordExternal,
    list(clipId: string): { links: ShareLink[] } {
      getClip(deps.db, clipId);
      const now = deps.clock();
      return { links: links.listForClip(clipId).map(({ row, views }) => toShareLink(row, views, urlOf(row), now)) };
    },
    /** Revokes a link. An S3 link's page and media are deleted from the bucket first: its presigned URLs then find nothing. */
    async revoke(token: string): Promise<{ token: string; revokedAt: string; clipId: string }> {
      const existing = links.resolve(token);
      if (existing?.kind === 's3' && !existing.revoked_at) {
        const s3 = await deps.s3();
        if (!s3) {
          throw new HandoffError('unavailable', 'This link lives in an S3 workspace, but the workspace is no longer S3: switch back with `handoff workspace use-s3` to revoke it.');
        }
        try {
          const { revokeS3Link } = await import('./s3-publish');
          await revokeS3Link({ s3Client: s3.client, bucket: s3.bucket, prefix: s3.prefix, token });
        } finally {
          s3.client.destroy();
        }
      }
      const row = links.revoke(token, deps.clock());
      if (!row.revoked_at) throw new HandoffError('internal', 'The link could not be revoked.');
      return { token: row.token, revokedAt: row.revoked_at, clipId: row.clip_id };
    },
  };
}
export type ShareService = ReturnType<typeof createShareService>;
