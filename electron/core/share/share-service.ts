// What the contract's share:* calls do: make a link for a clip (with expiry, password, download permission), list a
// clip's links with who watched, revoke. URLs are built from the share server's address in settings, so a CLI process
// prints links that point at the server running in the app or in `handoff serve`.
import { networkInterfaces } from 'node:os';
import type { ShareLink } from '../../../shared/contract/share';
import { HandoffError } from '../../../shared/result';
import { getClip } from '../library/clips-store';
import type { Db } from '../library/database';
import { createLinksStore, expiryFrom, toShareLink } from './links-store';
import { hashPassword, newShareToken } from './secrets';

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

export function createShareService(deps: { db: Db; clock: () => Date; baseUrl: () => string }) {
  const links = createLinksStore(deps.db);
  const urlOf = (row: { token: string; kind: string; url: string | null }) =>
    row.kind === 's3' && row.url ? row.url : `${deps.baseUrl()}/${row.token}`;

  return {
    links,
    async create(input: { clipId: string; expires: string; password?: string; allowDownload: boolean }) {
      getClip(deps.db, input.clipId);
      const now = deps.clock();
      const expiresAt = expiryFrom(input.expires, now);
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      const token = newShareToken();
      links.insert({ token, clipId: input.clipId, kind: 'local', url: null, createdAt: now, expiresAt, passwordHash, allowDownload: input.allowDownload });
      return { url: urlOf({ token, kind: 'local', url: null }), token, expiresAt: expiresAt ? expiresAt.toISOString() : null };
    },
    /** Records a link published elsewhere (an S3 page) so it is listed and counted like a local one. */
    recordExternal(input: { token: string; clipId: string; url: string; expiresAt: Date | null; allowDownload: boolean }) {
      links.insert({ ...input, kind: 's3', createdAt: deps.clock(), passwordHash: null });
    },
    list(clipId: string): { links: ShareLink[] } {
      getClip(deps.db, clipId);
      const now = deps.clock();
      return { links: links.listForClip(clipId).map(({ row, views }) => toShareLink(row, views, urlOf(row), now)) };
    },
    revoke(token: string): { token: string; revokedAt: string; clipId: string } {
      const row = links.revoke(token, deps.clock());
      if (!row.revoked_at) throw new HandoffError('internal', 'The link could not be revoked.');
      return { token: row.token, revokedAt: row.revoked_at, clipId: row.clip_id };
    },
  };
}
export type ShareService = ReturnType<typeof createShareService>;
