// The team's response-time norms (DESIGN.md "Response-time norms"): write-once files team/norms-<stamp>-<rand>.json in
// the workspace, indexed into team_norms by sync; the newest (publishedAt, then key) is in force, the defaults until
// anyone publishes. Publishing writes a new file and a feed entry, so teammates' incremental syncs find it.
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_NORMS, type Norms } from '../../../shared/norms/reply-by';
import { HandoffError } from '../../../shared/result';
import type { Db } from '../library/database';
import type { WorkspaceBackend } from './backend';
import { keys, WORKSPACE_SCHEMA, type NormsFile } from './files';
import { writeFeed } from './publish';

export interface TeamNorms {
  norms: Norms;
  /** Null while the defaults are in force. */
  publishedAt: string | null;
  author: string | null;
  key: string | null;
}

export const NORMS_KEY = /^team\/norms-[0-9TZ]{18,}-[A-Za-z0-9_-]{4,32}\.json$/;

export function createNormsStore(db: Db) {
  const q = {
    hash: db.prepare('SELECT hash FROM team_norms WHERE key = ?'),
    insert: db.prepare(
      `INSERT INTO team_norms (key, hash, author_id, author_name, published_at, urgent_hours, reply_needed_hours, fyi_hours)
       VALUES (@key, @hash, @authorId, @authorName, @publishedAt, @urgent, @replyNeeded, @fyi) ON CONFLICT(key) DO NOTHING`,
    ),
    newest: db.prepare(
      `SELECT key, author_name AS author, published_at AS publishedAt, urgent_hours AS urgent, reply_needed_hours AS replyNeeded,
         fyi_hours AS fyi FROM team_norms ORDER BY published_at DESC, key DESC LIMIT 1`,
    ),
  };

  /** Whether this exact file (key and content) is indexed already. */
  function known(key: string, bytes: Buffer): boolean {
    const row = q.hash.get(key) as { hash: string } | undefined;
    return row?.hash === createHash('sha256').update(bytes).digest('hex');
  }

  function index(key: string, bytes: Buffer, file: NormsFile): void {
    q.insert.run({
      key,
      hash: createHash('sha256').update(bytes).digest('hex'),
      authorId: file.author.id,
      authorName: file.author.name,
      publishedAt: new Date(file.publishedAt).toISOString(),
      urgent: file.windows.urgent,
      replyNeeded: file.windows['reply-needed'],
      fyi: file.windows.fyi,
    });
  }

  function current(): TeamNorms {
    const row = q.newest.get() as
      | { key: string; author: string; publishedAt: string; urgent: number | null; replyNeeded: number | null; fyi: number | null }
      | undefined;
    if (!row) return { norms: { ...DEFAULT_NORMS }, publishedAt: null, author: null, key: null };
    return { norms: { urgent: row.urgent, 'reply-needed': row.replyNeeded, fyi: row.fyi }, publishedAt: row.publishedAt, author: row.author, key: row.key };
  }

  /** Writes a new norms file (the current ones with `patch` applied), indexes it here, and announces it in the feed. */
  async function publish(deps: { backend: WorkspaceBackend; clock: () => Date; me: { id: string; name: string } }, patch: Partial<Norms>): Promise<TeamNorms> {
    for (const [urgency, hours] of Object.entries(patch)) {
      if (hours !== null && hours !== undefined && !(hours > 0 && hours <= 24 * 365)) {
        throw new HandoffError('invalid-input', `The ${urgency} window must be a positive number of working hours, got ${hours}.`);
      }
    }
    const now = deps.clock();
    const file: NormsFile = {
      schema: WORKSPACE_SCHEMA,
      author: { id: deps.me.id, name: deps.me.name },
      publishedAt: now.toISOString(),
      windows: { ...current().norms, ...patch },
    };
    const key = keys.norms(now.getTime(), randomBytes(6).toString('base64url'));
    const bytes = Buffer.from(JSON.stringify(file, null, 2));
    await deps.backend.putOnce(key, bytes);
    index(key, bytes, file);
    await writeFeed(deps.backend, key, deps.clock);
    return current();
  }

  return { known, index, current, publish };
}
export type NormsStore = ReturnType<typeof createNormsStore>;

/** "4h", "90m", "1.5h", "16" (hours), or "none"/"off" for no window. */
export function parseWindow(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === 'none' || value === 'off') return null;
  const match = /^(\d+(?:\.\d+)?)\s*(h|m)?$/.exec(value);
  if (!match) throw new HandoffError('invalid-input', `A reply window looks like 4h, 90m or none, got "${text}".`);
  const hours = match[2] === 'm' ? Number(match[1]) / 60 : Number(match[1]);
  if (!(hours > 0)) throw new HandoffError('invalid-input', `A reply window must be longer than zero, got "${text}".`);
  return hours;
}
