// share_links and link_views rows: creating, listing, revoking, resolving a token to its link, and recording views.
import type { ShareLink } from '../../../shared/contract/share';
import { HandoffError } from '../../../shared/result';
import type { Db } from '../library/database';
import { secretsEqual, tokenDigest } from './secrets';

export interface LinkRow {
  token: string;
  clip_id: string;
  kind: 'local' | 's3';
  url: string | null;
  created_at: string;
  expires_at: string | null;
  password_hash: string | null;
  allow_download: number;
  revoked_at: string | null;
}

interface ViewRow {
  id: number;
  token: string;
  viewed_at: string;
  seconds_watched: number;
  viewer_name: string | null;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `never` → null; `7d` → now + 7 days. The input was validated by the contract's shareExpiry. */
export function expiryFrom(expires: string, now: Date): Date | null {
  if (expires === 'never') return null;
  const match = /^(\d+)([mhd])$/.exec(expires);
  if (!match) throw new HandoffError('invalid-input', `--expires must be never or e.g. 30m, 24h, 7d, not ${expires}`);
  return new Date(now.getTime() + Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

export function linkStatus(row: LinkRow, now: Date): ShareLink['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

export function createLinksStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO share_links (token, token_hash, clip_id, kind, url, created_at, expires_at, password_hash, allow_download)
     VALUES (@token, @tokenHash, @clipId, @kind, @url, @createdAt, @expiresAt, @passwordHash, @allowDownload)`,
  );
  const byHash = db.prepare('SELECT * FROM share_links WHERE token_hash = ?');
  const expiredOfKind = db.prepare(
    'SELECT * FROM share_links WHERE kind = ? AND revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at',
  );
  const byClip = db.prepare('SELECT * FROM share_links WHERE clip_id = ? ORDER BY created_at DESC, token');
  const viewsOf = db.prepare('SELECT * FROM link_views WHERE token = ? ORDER BY viewed_at, id');
  const revoke = db.prepare('UPDATE share_links SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL');
  const insertView = db.prepare('INSERT INTO link_views (token, viewed_at, seconds_watched, viewer_name) VALUES (?, ?, 0, NULL)');
  const viewById = db.prepare('SELECT * FROM link_views WHERE id = ? AND token = ?');
  const updateView = db.prepare(
    `UPDATE link_views SET seconds_watched = max(seconds_watched, @seconds), viewer_name = coalesce(@name, viewer_name)
     WHERE id = @id AND token = @token`,
  );

  /** The link a token names, or null. Looked up by digest, then the token itself compared in constant time. */
  function resolve(token: string): LinkRow | null {
    const row = byHash.get(tokenDigest(token)) as LinkRow | undefined;
    return row && secretsEqual(token, row.token) ? row : null;
  }

  return {
    resolve,
    insert(link: {
      token: string;
      clipId: string;
      kind: 'local' | 's3';
      url: string | null;
      createdAt: Date;
      expiresAt: Date | null;
      passwordHash: string | null;
      allowDownload: boolean;
    }): LinkRow {
      insert.run({
        ...link,
        tokenHash: tokenDigest(link.token),
        createdAt: link.createdAt.toISOString(),
        expiresAt: link.expiresAt ? link.expiresAt.toISOString() : null,
        allowDownload: link.allowDownload ? 1 : 0,
      });
      return resolve(link.token) as LinkRow;
    },
    /** S3 links past their expiry and not revoked: their objects may still be in the bucket. */
    expiredBucketLinks(now: Date): LinkRow[] {
      return expiredOfKind.all('s3', now.toISOString()) as LinkRow[];
    },
    /** Local links past their expiry: an encrypted one still has its files on disk. */
    expiredLocalLinks(now: Date): LinkRow[] {
      return expiredOfKind.all('local', now.toISOString()) as LinkRow[];
    },
    listForClip(clipId: string): { row: LinkRow; views: ViewRow[] }[] {
      return (byClip.all(clipId) as LinkRow[]).map((row) => ({ row, views: viewsOf.all(row.token) as ViewRow[] }));
    },
    /** Revokes; revoking twice keeps the first time. Unknown tokens are not-found. */
    revoke(token: string, now: Date): LinkRow {
      const row = resolve(token);
      if (!row) throw new HandoffError('not-found', 'No share link with that token.');
      revoke.run(now.toISOString(), row.token);
      return resolve(token) as LinkRow;
    },
    startView(token: string, now: Date): number {
      return Number(insertView.run(token, now.toISOString()).lastInsertRowid);
    },
    hasView(token: string, id: number): boolean {
      return viewById.get(id, token) !== undefined;
    },
    /** Seconds only grow (beacons can arrive out of order); a blank name keeps the previous one. */
    updateView(token: string, id: number, seconds: number | null, name: string | null): boolean {
      return updateView.run({ id, token, seconds: seconds ?? 0, name }).changes > 0;
    },
  };
}
export type LinksStore = ReturnType<typeof createLinksStore>;

export function toShareLink(row: LinkRow, views: ViewRow[], url: string, now: Date, durationMs: number | null = null): ShareLink {
  // Watch time counts seconds played, so a rewatch can pass the length: completion is capped at 1.
  const completion = (seconds: number) => (durationMs && durationMs > 0 ? Math.min(1, (seconds * 1000) / durationMs) : null);
  return {
    token: row.token,
    clipId: row.clip_id,
    kind: row.kind,
    url,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    hasPassword: row.password_hash !== null,
    allowDownload: row.allow_download === 1,
    revokedAt: row.revoked_at,
    status: linkStatus(row, now),
    views: views.map((v) => ({ viewedAt: v.viewed_at, secondsWatched: v.seconds_watched, viewerName: v.viewer_name, completion: completion(v.seconds_watched) })),
  };
}
