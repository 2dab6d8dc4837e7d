// Indexes a workspace into the local library, idempotently by id. Everything in the workspace is written once, so a
// file already indexed (same key, same hash) is never read twice. The first sync of a workspace walks it whole; after
// that, sync reads the change feed (feed/<hour>/<stamp>-<rand>.json, written last by every publisher) from the last
// marker minus a clock-skew window, plus the few keys still waiting — so its cost follows what changed, not the size
// of the workspace. Videos are not copied (lazy media): sync-update.ts says what one update brings.
import { HandoffError, messageOf } from '../../../shared/result';
import { optimizeSearchIndexInSteps } from '../library/search';
import { TooLargeError } from './backend';
import { feedEntry, feedKeyFloor, JSON_LIMITS, parseWorkspaceJson, transcriptKey } from './files';
import { NORMS_KEY } from './norms';
import type { SyncStore } from './sync-store';
import { createSyncContext, mapLimit, type SyncDeps } from './sync-context';
import { createEntryIndexers } from './sync-entries';
import { createUpdateIndexer } from './sync-update';
import type { Outcome } from './sync-context';
import { createVersionIndexer, VERSION_KEY } from '../edit/workspace-versions';

export { sha256File, type SyncDeps } from './sync-context';

/** How far behind our clock a writer's clock may be and still be seen by an incremental sync. */
export const SKEW_WINDOW_MS = 15 * 60_000;
const PARALLEL = 16;
/** A pass that indexed this many updates was a bulk load: the search index is merged afterwards, in steps. */
export const BULK_UPDATES = 500;

export interface SyncReport {
  mode: 'full' | 'incremental';
  workspace: string;
  indexed: { updates: number; events: number; people: number; transcripts: number };
  changedClipIds: string[];
  syncing: { key: string; clipId: string | null; reason: string; since: string }[];
  problems: ReturnType<SyncStore['problems']>;
  durationMs: number;
}

export function createSyncer(deps: SyncDeps) {
  const { backend, store, db, logger } = deps;
  const ctx = createSyncContext(deps);
  const { counts, changed, writes, problem, waiting, readJson } = ctx;
  const { person, norms, event, transcript } = createEntryIndexers(ctx);
  const update = createUpdateIndexer(ctx, transcript);
  const versions = createVersionIndexer({ db, backend, clips: writes, clipsDir: deps.clipsDir, mediaCacheDir: deps.mediaCacheDir ?? null, clock: deps.clock, logger });

  /** A later (edited) version of an update: applied after the update itself, newest stamp wins (core/edit). */
  async function version(key: string): Promise<Outcome> {
    const read = await readJson(key, JSON_LIMITS.manifest, VERSION_KEY.exec(key)?.[1] ?? null);
    if (read === 'refused') return 'problem';
    if (!read) return waiting(key, null, 'the manifest version has not arrived yet');
    const result = await versions.index(key, read.bytes);
    if (result.outcome === 'problem') return problem(key, result.kind, result.clipId, result.message, result.kind === 'video-mismatch');
    if (result.outcome === 'waiting') return waiting(key, result.clipId, result.reason);
    store.clearPending(key);
    store.clearProblem(key);
    if (result.outcome === 'applied') changed.add(result.clipId);
    return result.outcome === 'applied' ? 'indexed' : 'unchanged';
  }

  /** Routes one workspace key to its indexer; keys that are not manifests, events or people are data, not entries. */
  async function processKey(key: string, sizeHints?: Map<string, number>): Promise<void> {
    try {
      let match: RegExpExecArray | null;
      if (/^people\/[^/]+\.json$/.test(key)) await person(key);
      else if (NORMS_KEY.test(key)) await norms(key);
      else if ((match = /^updates\/([A-Za-z0-9_-]{6,64})\/manifest\.json$/.exec(key))) {
        await update(key, match[1], sizeHints?.get(`updates/${match[1]}/video.mp4`));
      } else if (transcriptKey(key)) await transcript(key);
      else if (VERSION_KEY.test(key)) await version(key);
      else if ((match = /^events\/([A-Za-z0-9_-]{6,64})\/([A-Za-z0-9_-]{6,64})\.json$/.exec(key))) await event(key, match[1], match[2]);
    } catch (error) {
      // A link out of the workspace, or a file larger than the manifest says: the entry is wrong, not late.
      if (error instanceof TooLargeError || (error instanceof HandoffError && error.code === 'forbidden')) {
        problem(key, 'malformed', /^(?:updates|events)\/([^/]+)\//.exec(key)?.[1] ?? null, error.message, false);
        return;
      }
      // One unreadable entry (network hiccup, permissions) must not stop the rest: it is retried on the next sync.
      logger.error('indexing a workspace file failed', { key, error });
      store.setPending(key, null, `could not be read: ${messageOf(error)}`);
    }
  }

  // People and the team's norms first; transcripts go with events, after the updates they belong to.
  const rank = (key: string) =>
    key.startsWith('people/') || key.startsWith('team/') ? 0 : key.startsWith('updates/') && !transcriptKey(key) && !VERSION_KEY.test(key) ? 1 : 2;

  async function processAll(keyList: string[], sizeHints?: Map<string, number>): Promise<void> {
    // People before updates before events: an event can only land on a clip that exists.
    for (const phase of [0, 1, 2]) {
      await mapLimit(keyList.filter((k) => rank(k) === phase), PARALLEL, (k) => processKey(k, sizeHints));
    }
  }

  async function full(): Promise<void> {
    const people: string[] = [];
    for await (const item of backend.list('people/')) people.push(item.key);
    if (deps.norms) for await (const item of backend.list('team/')) people.push(item.key);
    const manifests: string[] = [];
    const sizes = new Map<string, number>();
    for await (const item of backend.list('updates/')) {
      if (item.key.endsWith('/manifest.json')) {
        if (store.indexedHash(item.key) === null) manifests.push(item.key);
      } else if (transcriptKey(item.key)?.stamp && !deps.transcripts.isKnown(item.key)) manifests.push(item.key);
      else if (VERSION_KEY.test(item.key) && !versions.isKnown(item.key)) manifests.push(item.key);
      else sizes.set(item.key, item.size);
    }
    const events: string[] = [];
    for await (const item of backend.list('events/')) if (store.indexedHash(item.key) === null) events.push(item.key);
    await processAll([...people, ...manifests, ...events], sizes);
  }

  async function incremental(markerMs: number): Promise<void> {
    const fresh: string[] = [];
    const feedKeys: string[] = [];
    for await (const item of backend.list('feed/', feedKeyFloor(markerMs - SKEW_WINDOW_MS))) {
      if (store.feedSeen(item.key)) continue;
      feedKeys.push(item.key);
    }
    await mapLimit(feedKeys, PARALLEL, async (key) => {
      const bytes = await backend.get(key, { maxBytes: JSON_LIMITS.feed }).catch((error: unknown) => {
        if (!(error instanceof TooLargeError)) throw error;
        logger.warn('a feed entry was skipped', { key, why: error.message });
        return null;
      });
      const parsed = bytes ? parseWorkspaceJson(bytes, feedEntry) : null;
      if (parsed?.ok) fresh.push(parsed.value.key);
      else if (parsed) logger.warn('a feed entry was skipped', { key, why: parsed.message });
    });
    const retry = store.pending().map((p) => p.key);
    await processAll([...new Set([...fresh, ...retry])]);
    // Mark feed entries only after their targets were processed: a crash in between re-reads them, harmlessly.
    db.transaction(() => feedKeys.forEach((key) => store.markFeed(key)))();
    store.pruneFeed(feedKeyFloor(markerMs - 2 * SKEW_WINDOW_MS));
  }

  return {
    async run(options: { full?: boolean } = {}): Promise<SyncReport> {
      const started = deps.clock().getTime();
      const state = store.state(backend.id);
      const mode = options.full || !state ? 'full' : 'incremental';
      try {
        if (mode === 'full') {
          await full();
          // Pending keys (videos still arriving) are retried here too.
          await processAll(store.pending().map((p) => p.key));
        } else await incremental(state!.markerMs);
        writes.linkWorkspaceReplies().forEach((id) => changed.add(id));
      } finally {
        // One clips:changed for the whole run, even one that failed half-way: what was written is shown.
        writes.flush();
      }
      if (counts.updates >= BULK_UPDATES) await optimizeSearchIndexInSteps(db);
      store.setState(backend.id, started, mode === 'full');
      return {
        mode,
        workspace: backend.description,
        indexed: { ...counts },
        changedClipIds: [...changed],
        syncing: store.pending(),
        problems: store.problems(),
        durationMs: deps.clock().getTime() - started,
      };
    },
  };
}
