// What every part of one sync pass shares: its dependencies, its counts and changed clips, and the three ways an entry
// can end (indexed, waiting, reported). The parts are sync.ts (the pass: which keys, in what order), sync-update.ts
// (one update: its manifest and small files) and sync-entries.ts (people, norms, events, transcripts).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ClipsStore } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { TooLargeError, type WorkspaceBackend } from './backend';
import type { NormsStore } from './norms';
import type { PeopleService } from './people';
import type { SyncStore } from './sync-store';
import type { WorkspaceTranscripts } from './transcripts';

export interface SyncDeps {
  db: Db;
  /** The one writer of clip rows; a sync run writes through one batch and emits one clips:changed at its end. */
  clips: ClipsStore;
  backend: WorkspaceBackend;
  store: SyncStore;
  people: PeopleService;
  clipsDir: string;
  clock: () => Date;
  logger: Logger;
  meId: string;
  transcripts: WorkspaceTranscripts;
  /** The team's norms files (team/); without it they are left alone. */
  norms?: NormsStore;
  /** The media cache's folder: an edited version of a teammate's update drops the old version cached there. */
  mediaCacheDir?: string;
}

export type Outcome = 'indexed' | 'unchanged' | 'waiting' | 'problem';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function createSyncContext(deps: SyncDeps) {
  const { backend, store, logger } = deps;
  const counts = { updates: 0, events: 0, people: 0, transcripts: 0 };
  // Clips whose rows or events changed (the report's changedClipIds); clip-row writes also go through this batch.
  const changed = new Set<string>();
  const writes = deps.clips.batch();

  function problem(key: string, kind: Parameters<SyncStore['setProblem']>[1], clipId: string | null, message: string, retry: boolean): Outcome {
    logger.warn('workspace file skipped', { key, kind, message });
    store.setProblem(key, kind, clipId, message);
    if (retry) store.setPending(key, clipId, `${kind}: ${message}`);
    else store.clearPending(key);
    return 'problem';
  }

  function waiting(key: string, clipId: string | null, reason: string): Outcome {
    store.setPending(key, clipId, reason);
    return 'waiting';
  }

  /**
   * Reads one workspace JSON file, never more than its kind may hold: a larger one is refused unread, reported, and
   * remembered with its stamp, so later syncs skip it with a HEAD until it changes.
   */
  async function readJson(key: string, limit: number, clipId: string | null): Promise<{ bytes: Buffer; hash: string } | null | 'refused'> {
    const refusedStamp = store.refusedStamp(key);
    if (refusedStamp !== null) {
      const info = await backend.head(key);
      if (info?.stamp === refusedStamp) return 'refused';
      store.clearRefused(key);
      if (!info) return null;
    }
    try {
      const bytes = await backend.get(key, { maxBytes: limit });
      return bytes ? { bytes, hash: sha256(bytes) } : null;
    } catch (error) {
      if (!(error instanceof TooLargeError)) throw error;
      store.setRefused(key, error.stamp);
      problem(key, 'malformed', clipId, `${error.size} bytes, more than the ${limit} this file may have; not read, and not again until it changes`, false);
      return 'refused';
    }
  }

  return { deps, counts, changed, writes, problem, waiting, readJson };
}
export type SyncContext = ReturnType<typeof createSyncContext>;
