// What the contract's share:* calls do: make a link for a clip (with expiry, password, download permission), list a
// clip's links with who watched, revoke. URLs are built from the share server's address in settings, so a CLI process
// prints links that point at the server running in the app or in `handoff serve`.
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ShareLink } from '../../../shared/contract/share';
import { HandoffError } from '../../../shared/result';
import { clipDir, findClip, getClip } from '../library/clips-store';
import type { Db } from '../library/database';
import { playerClipOf, segmentsOf } from './link-page';
import { servedFiles } from '../edit/edited-media';
import { createLinksStore, expiryFrom, linkStatus, toShareLink } from './links-store';
import { hashPassword, newShareToken } from './secrets';
import { removeLocalEncrypted, writeLocalEncrypted } from './encrypted-local';
import type { PendingLinks } from './pending-links';

/** The bucket of an S3 workspace with a fresh client for it (destroyed after use), or null on a folder workspace. */
export interface S3Access {
  client: S3Client;
  bucket: string;
  prefix: string;
  /** Where the bucket serves objects without a signature ('workspace.s3.publicUrl'); null: not set up. */
  publicBase?: string | null;
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

export type ShareWhere = 'this-computer' | 'local-network' | 'anywhere';

/** Who can open a local link: a base URL on loopback reaches only this computer. */
export function whereOf(baseUrl: string): ShareWhere {
  const host = new URL(baseUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? 'this-computer' : 'local-network';
}

export interface BucketOptions {
  lasting: boolean;
  encrypt: boolean;
  password?: string;
  /** For tests: PBKDF2 rounds of password links. */
  kdfIterations?: number;
}

export function createShareService(deps: {
  db: Db;
  clock: () => Date;
  baseUrl: () => string;
  clipsDir: string;
  s3: () => Promise<S3Access | null>;
  kdfIterations?: number;
  /** Runs before a link is made (renders an edited clip's edited version: core/edit). */
  prepare?: (clipId: string) => Promise<void>;
  /** Links for recordings still being made (absent: none can be reserved). */
  pending?: PendingLinks;
}) {
  const links = createLinksStore(deps.db);
  // A local encrypted link keeps its key fragment in `url`; its address follows the share server's current one.
  const urlOf = (row: { token: string; kind: string; url: string | null }) => {
    if (row.kind === 's3' && row.url) return row.url;
    if (row.url) return `${deps.baseUrl()}/${row.token}/${row.url.includes('#') ? row.url.slice(row.url.indexOf('#')) : ''}`;
    return `${deps.baseUrl()}/${row.token}`;
  };

  /** Records a link published elsewhere (an S3 page) so it is listed and counted like a local one. */
  function recordExternal(input: { token: string; clipId: string; url: string; expiresAt: Date | null; allowDownload: boolean }) {
    links.insert({ ...input, kind: 's3', createdAt: deps.clock(), passwordHash: null });
  }

  /** Publishes the page and media to the workspace bucket: presigned (at most 7 days), lasting, and/or encrypted. */
  async function createS3(
    s3: S3Access,
    clip: ReturnType<typeof getClip>,
    now: Date,
    expiresAt: Date | null,
    allowDownload: boolean,
    options: BucketOptions & { early?: { token: string; url: string } },
  ) {
    const folder = clipDir(deps.clipsDir, clip.id);
    const served = servedFiles(deps.db, deps.clipsDir, clip.id);
    const video = served.video;
    const optional = (name: string) => (name === 'captions.vtt' ? served.captions : existsSync(path.join(folder, name)) ? path.join(folder, name) : null);
    // Loaded here, like the SDK it uses: only S3 workspaces ever need it.
    const { publishBucketLink } = await import('./lasting-publish');
    try {
      if (!existsSync(video)) throw new HandoffError('not-found', `The clip ${clip.id} has no video to share yet.`);
      const published = await publishBucketLink({
        s3Client: s3.client,
        bucket: s3.bucket,
        prefix: s3.prefix,
        publicBase: s3.publicBase ?? null,
        clip: { id: clip.id, ...playerClipOf(clip), segments: segmentsOf(deps.db, clip.id, deps.clipsDir) },
        files: { video, captions: optional('captions.vtt'), thumb: optional('thumb.jpg') },
        lasting: options.lasting,
        encrypt: options.encrypt,
        password: options.password,
        kdfIterations: options.kdfIterations ?? deps.kdfIterations,
        expiresAt,
        allowDownload,
        now,
        token: options.early?.token,
      });
      // A link handed out while recording keeps the address it was given: its page is now the player.
      const url = options.early?.url ?? published.url;
      const recorded = published.expiresAt ? new Date(published.expiresAt) : null;
      recordExternal({ token: published.token, clipId: clip.id, url, expiresAt: recorded, allowDownload });
      return { url, token: published.token, expiresAt: published.expiresAt, where: 'anywhere' as const };
    } finally {
      s3.client.destroy();
    }
  }

  /** An encrypted link served by the share server: the password (if any) is the key, so the server keeps no hash of it. */
  async function createLocalEncrypted(clip: ReturnType<typeof getClip>, now: Date, expiresAt: Date | null, password: string | undefined) {
    const served = servedFiles(deps.db, deps.clipsDir, clip.id);
    const video = served.video;
    if (!existsSync(video)) throw new HandoffError('not-found', `The clip ${clip.id} has no video to share yet.`);
    const captions = served.captions ?? '';
    const token = newShareToken();
    const { fragment } = await writeLocalEncrypted({
      clipsDir: deps.clipsDir,
      token,
      clip: playerClipOf(clip),
      segments: segmentsOf(deps.db, clip.id, deps.clipsDir),
      files: { video, captions: existsSync(captions) ? captions : null },
      password,
      kdfIterations: deps.kdfIterations,
    });
    const url = `${deps.baseUrl()}/${token}/${fragment}`;
    links.insert({ token, clipId: clip.id, kind: 'local', url, createdAt: now, expiresAt, passwordHash: null, allowDownload: false });
    return { url, token, expiresAt: expiresAt ? expiresAt.toISOString() : null, where: whereOf(deps.baseUrl()) };
  }

  /**
   * The recording ended: each S3 link handed out while it ran gets the clip's player page under its token (or, when
   * it was cancelled, a page saying so). Local ones are left to the share server, which promotes them when opened.
   * Returns how many links were finished.
   */
  async function finishRecordingLinks(recordingId: string, outcome: 'ready' | 'cancelled'): Promise<number> {
    const waiting = (deps.pending?.ofRecording(recordingId) ?? []).filter((link) => link.kind === 's3' && link.url);
    for (const link of waiting) {
      const s3 = await deps.s3();
      if (!s3) throw new HandoffError('unavailable', `The link ${link.url} was made on an S3 workspace, and the workspace is no longer S3: share the clip again.`);
      const expiresAt = link.expiresAt ? new Date(link.expiresAt) : null;
      if (outcome === 'ready') {
        const clip = getClip(deps.db, recordingId);
        await createS3(s3, clip, deps.clock(), expiresAt, true, { lasting: false, encrypt: false, early: { token: link.token, url: link.url! } });
      } else {
        try {
          const { publishS3Notice, CANCELLED_NOTICE } = await import('./s3-early-link');
          const now = deps.clock();
          const seconds = expiresAt ? Math.ceil((expiresAt.getTime() - now.getTime()) / 1000) : 1;
          await publishS3Notice({ s3Client: s3.client, bucket: s3.bucket, prefix: s3.prefix, token: link.token, notice: CANCELLED_NOTICE, expiresInSeconds: seconds, now });
        } finally {
          s3.client.destroy();
        }
      }
      deps.pending!.remove(link.token);
    }
    return waiting.length;
  }

  /** Turns a pending link into an ordinary one once its clip exists; false while it is still being recorded. */
  function promotePending(token: string): boolean {
    const pending = deps.pending?.find(token);
    if (!pending) return false;
    if (!findClip(deps.db, pending.recordingId)) return false;
    if (!links.resolve(token)) {
      links.insert({ token, clipId: pending.recordingId, kind: 'local', url: null, createdAt: new Date(pending.createdAt), expiresAt: pending.expiresAt ? new Date(pending.expiresAt) : null, passwordHash: null, allowDownload: true });
    }
    deps.pending!.remove(token);
    return true;
  }

  return {
    links,
    /**
     * A link for the recording `recordingId` while it is being made: the address works at once (a page saying it is
     * in progress) and plays the clip once it exists. On an S3 workspace the bucket serves it (s3-early-link.ts) and
     * finishRecordingLinks puts the clip there when the recording ends; otherwise the share server on this computer.
     */
    async reserveForRecording(recordingId: string, expires = '7d') {
      if (!deps.pending) throw new HandoffError('unavailable', 'Links for recordings in progress are not available here.');
      const now = deps.clock();
      const expiresAt = expiryFrom(expires, now);
      const s3 = await deps.s3();
      if (s3) {
        try {
          const { publishS3Notice, RECORDING_NOTICE } = await import('./s3-early-link');
          const token = newShareToken();
          const seconds = expiresAt ? Math.ceil((expiresAt.getTime() - now.getTime()) / 1000) : Number.POSITIVE_INFINITY;
          const page = await publishS3Notice({ s3Client: s3.client, bucket: s3.bucket, prefix: s3.prefix, token, notice: RECORDING_NOTICE, expiresInSeconds: seconds, now });
          deps.pending.reserve(recordingId, now, new Date(page.expiresAt), { token, url: page.url });
          return { url: page.url, token, expiresAt: page.expiresAt, where: 'anywhere' as const };
        } finally {
          s3.client.destroy();
        }
      }
      const link = deps.pending.reserve(recordingId, now, expiresAt);
      return { url: urlOf({ token: link.token, kind: 'local', url: null }), token: link.token, expiresAt: link.expiresAt, where: whereOf(deps.baseUrl()) };
    },

    finishRecordingLinks,

    /**
     * After crash recovery: S3 links handed out while a recording ran whose process died (kill -9, power loss) were
     * never finished, and would say "ready in a moment" until they expire. Each gets the recovered clip's page, or the
     * "cancelled" page when the recording left no clip; a recording another process is still making
     * (`isRecording`) is left to that process. Returns how many links were finished.
     */
    async finishLeftoverRecordingLinks(isRecording: (recordingId: string) => boolean): Promise<number> {
      const recordings = new Set((deps.pending?.all() ?? []).filter((link) => link.kind === 's3').map((link) => link.recordingId));
      let finished = 0;
      for (const recordingId of recordings) {
        if (findClip(deps.db, recordingId)) finished += await finishRecordingLinks(recordingId, 'ready');
        else if (!isRecording(recordingId)) finished += await finishRecordingLinks(recordingId, 'cancelled');
      }
      return finished;
    },

    promotePending,

    async create(input: { clipId: string; expires: string; password?: string; allowDownload: boolean; lasting?: boolean; encrypt?: boolean }) {
      const clip = getClip(deps.db, input.clipId);
      await deps.prepare?.(clip.id);
      const now = deps.clock();
      const expiresAt = expiryFrom(input.expires, now);
      const s3 = await deps.s3();
      if (s3) {
        if (input.password !== undefined && !input.encrypt) {
          s3.client.destroy();
          throw new HandoffError(
            'invalid-input',
            'A password cannot protect a link on an S3 workspace unless the link is encrypted: the bucket serves the page and cannot check one. Add --encrypt (the password becomes the key), or share without a password.',
          );
        }
        return createS3(s3, clip, now, expiresAt, input.allowDownload, { lasting: input.lasting ?? false, encrypt: input.encrypt ?? false, password: input.password });
      }
      if (input.lasting) {
        throw new HandoffError(
          'invalid-input',
          'A --lasting link is published to a bucket, and this workspace is a folder: run `handoff workspace use-s3` first. The share server on this computer serves plain, password and --encrypt links while it runs.',
        );
      }
      if (input.encrypt && whereOf(deps.baseUrl()) === 'local-network') {
        // Browsers decrypt (WebCrypto) and run service workers only in secure contexts: https, or this computer.
        throw new HandoffError(
          'invalid-input',
          'An encrypted link cannot be served on the local network: the share server speaks plain http there, and browsers only decrypt on https pages or on this computer. Use an S3 workspace (--encrypt --lasting), or share on this computer.',
        );
      }
      if (input.encrypt) return createLocalEncrypted(clip, now, expiresAt, input.password);
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      const token = newShareToken();
      links.insert({ token, clipId: input.clipId, kind: 'local', url: null, createdAt: now, expiresAt, passwordHash, allowDownload: input.allowDownload });
      return { url: urlOf({ token, kind: 'local', url: null }), token, expiresAt: expiresAt ? expiresAt.toISOString() : null, where: whereOf(deps.baseUrl()) };
    },
    /**
     * Deletes the bucket objects of every S3 link whose expiry has passed (and that was not revoked, which deleted them
     * already). A lasting link has no other expiry; a presigned one stops answering anyway, and this frees the space.
     */
    async prune(): Promise<{ pruned: { token: string; clipId: string; deleted: number }[] }> {
      const now = deps.clock();
      const pruned: { token: string; clipId: string; deleted: number }[] = [];
      // The share server already refuses an expired link (410); its encrypted files go too.
      for (const row of links.expiredLocalLinks(now)) {
        const files = await removeLocalEncrypted(deps.clipsDir, row.token);
        if (files > 0) pruned.push({ token: row.token, clipId: row.clip_id, deleted: files });
      }
      const expired = links.expiredBucketLinks(now);
      if (expired.length === 0) return { pruned };
      const s3 = await deps.s3();
      if (!s3) throw new HandoffError('unavailable', 'Expired links live in an S3 workspace, but the workspace is no longer S3: switch back with `handoff workspace use-s3` to prune them.');
      try {
        const { revokeS3Link } = await import('./s3-publish');
        for (const row of expired) {
          const deleted = await revokeS3Link({ s3Client: s3.client, bucket: s3.bucket, prefix: s3.prefix, token: row.token });
          if (deleted > 0) pruned.push({ token: row.token, clipId: row.clip_id, deleted });
        }
      } finally {
        s3.client.destroy();
      }
      return { pruned };
    },
    recordExternal,
    /** Whether the clip has a local link someone can still open (the share server serves its current render). */
    hasActiveLocalLink(clipId: string): boolean {
      const now = deps.clock();
      return links.listForClip(clipId).some(({ row }) => row.kind === 'local' && linkStatus(row, now) === 'active');
    },
    list(clipId: string): { links: ShareLink[] } {
      const clip = getClip(deps.db, clipId);
      // A local link copied while recording is this clip's link from now on, opened or not: the page after stop shows
      // it, rather than making a second one. (S3 ones become rows when the recording ends: finishRecordingLinks.)
      for (const pending of deps.pending?.ofRecording(clipId) ?? []) if (pending.kind === 'local') promotePending(pending.token);
      const now = deps.clock();
      return { links: links.listForClip(clipId).map(({ row, views }) => toShareLink(row, views, urlOf(row), now, clip.duration_ms ?? null)) };
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
      if (existing?.kind === 'local') await removeLocalEncrypted(deps.clipsDir, existing.token);
      const row = links.revoke(token, deps.clock());
      if (!row.revoked_at) throw new HandoffError('internal', 'The link could not be revoked.');
      return { token: row.token, revokedAt: row.revoked_at, clipId: row.clip_id };
    },
  };
}
export type ShareService = ReturnType<typeof createShareService>;
