// Indexes a workspace into the local library, idempotently by id. Everything in the workspace is written once, so a
// file already indexed (same key, same hash) is never read twice. The first sync of a workspace walks it whole; after
// that, sync reads the change feed (feed/<hour>/<stamp>-<rand>.json, written last by every publisher) from the last
// marker minus a clock-skew window, plus the few keys still waiting — so its cost follows what changed, not the size
// of the workspace. Videos are copied into <data>/clips/<id>/ (downloaded from S3), verified against the manifest's
// size and SHA-256, so the player, share links and the transcriber see workspace clips exactly like local ones.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError, messageOf } from '../../../shared/result';
import { clipDir, findClip, type ClipsStore } from '../library/clips-store';
import type { Db } from '../library/database';
import { optimizeSearchIndexInSteps } from '../library/search';
import type { Logger } from '../logger';
import { TooLargeError, type WorkspaceBackend } from './backend';
import { eventFile, feedEntry, feedKeyFloor, JSON_LIMITS, manifestFile, normsFile, parseWorkspaceJson, personFile, transcriptKey, type ManifestFile } from './files';
import { NORMS_KEY, type NormsStore } from './norms';
import type { PeopleService } from './people';
import type { SyncStore } from './sync-store';
import type { WorkspaceTranscripts } from './transcripts';

/** How far behind our clock a writer's clock may be and still be seen by an incremental sync. */
export const SKEW_WINDOW_MS = 15 * 60_000;
/** A recordedAt this far past our clock is flagged. */
const FUTURE_SLACK_MS = 5 * 60_000;
const PARALLEL = 16;
/** What a thumbnail, captions or a transcript may weigh, whatever a manifest declares (a day of speech is ~10 MB). */
const EXTRA_LIMITS = { thumb: 10 * 1024 * 1024, captions: 32 * 1024 * 1024, transcript: 64 * 1024 * 1024 };
/** A pass that indexed this many updates was a bulk load: the search index is merged afterwards, in steps. */
export const BULK_UPDATES = 500;

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
}

export interface SyncReport {
  mode: 'full' | 'incremental';
  workspace: string;
  indexed: { updates: number; events: number; people: number; transcripts: number };
  changedClipIds: string[];
  syncing: { key: string; clipId: string | null; reason: string; since: string }[];
  problems: ReturnType<SyncStore['problems']>;
  durationMs: number;
}

type Outcome = 'indexed' | 'unchanged' | 'waiting' | 'problem';

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function createSyncer(deps: SyncDeps) {
  const { backend, store, db, logger } = deps;
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

  async function person(key: string): Promise<Outcome> {
    const read = await readJson(key, JSON_LIMITS.person, null);
    if (read === 'refused') return 'problem';
    if (!read) return 'unchanged';
    if (store.indexedHash(key) === read.hash) return 'unchanged';
    const parsed = parseWorkspaceJson(read.bytes, personFile);
    if (!parsed.ok) return problem(key, parsed.kind, null, parsed.message, parsed.kind === 'malformed');
    let counted: boolean;
    try {
      counted = deps.people.indexPerson(parsed.value, deps.meId);
    } catch (error) {
      if (!(error instanceof HandoffError)) throw error;
      return problem(key, 'malformed', null, error.message, false);
    }
    store.setIndexed(key, read.hash, 'person', null);
    store.clearProblem(key);
    store.clearPending(key);
    if (counted) counts.people++;
    return 'indexed';
  }

  async function norms(key: string): Promise<Outcome> {
    if (!deps.norms) return 'unchanged';
    const read = await readJson(key, JSON_LIMITS.norms, null);
    if (read === 'refused') return 'problem';
    if (!read || deps.norms.known(key, read.bytes)) return 'unchanged';
    const parsed = parseWorkspaceJson(read.bytes, normsFile);
    if (!parsed.ok) return problem(key, parsed.kind, null, parsed.message, parsed.kind === 'malformed');
    deps.norms.index(key, read.bytes, parsed.value);
    store.clearProblem(key);
    store.clearPending(key);
    return 'indexed';
  }

  /**
   * Thumbnail, captions and transcript, each to its own fixed local name, each checked against the manifest's size
   * (the copy stops there) and SHA-256 like the video: a file that differs is not kept, and is reported.
   */
  async function fetchExtras(m: ManifestFile, dir: string): Promise<void> {
    for (const [slot, local] of [['thumb', 'thumb.jpg'], ['captions', 'captions.vtt'], ['transcript', 'transcript.json']] as const) {
      const ref = m.files[slot];
      if (!ref) continue;
      const key = `updates/${m.id}/${ref.name}`;
      const dest = path.join(dir, local);
      if (ref.size > EXTRA_LIMITS[slot]) {
        store.setProblem(key, 'malformed', m.id, `${ref.name} is declared as ${ref.size} bytes, more than the ${EXTRA_LIMITS[slot]} it may have; not copied`);
        continue;
      }
      try {
        await backend.download(key, dest, { maxBytes: ref.size });
        if ((await stat(dest)).size !== ref.size || (await sha256File(dest)) !== ref.sha256) {
          await unlink(dest);
          store.setProblem(key, 'malformed', m.id, `${ref.name} does not have the size and SHA-256 its manifest gives; not copied`);
          continue;
        }
        store.clearProblem(key);
      } catch (error) {
        // Extras are a nicety: a missing one leaves the clip playable, so it is logged, not waited for.
        logger.warn('an optional file of an update could not be fetched', { clipId: m.id, file: ref.name, error });
        if (error instanceof HandoffError && error.code !== 'not-found') store.setProblem(key, 'malformed', m.id, `${ref.name}: ${error.message}`);
      }
    }
  }

  async function update(key: string, clipId: string, sizeHint?: number): Promise<Outcome> {
    const read = await readJson(key, JSON_LIMITS.manifest, clipId);
    if (read === 'refused') return 'problem';
    if (!read) return waiting(key, clipId, 'the manifest has not arrived yet');
    const known = store.indexedHash(key);
    if (known === read.hash) {
      store.clearPending(key);
      return 'unchanged';
    }
    if (known !== null) return problem(key, 'conflict', clipId, 'the manifest changed after it was indexed; the first version is kept', false);
    const parsed = parseWorkspaceJson(read.bytes, manifestFile);
    if (!parsed.ok) return problem(key, parsed.kind, clipId, parsed.message, parsed.kind === 'malformed');
    const m = parsed.value;
    if (m.id !== clipId) return problem(key, 'malformed', clipId, `manifest id ${m.id} does not match its folder ${clipId}`, false);

    // Asked before the clip is shown as "syncing": a video that links out of the workspace is a problem, not a wait.
    const videoKey = `updates/${clipId}/${m.files.video.name}`;
    const size = sizeHint ?? (await backend.head(videoKey))?.size;
    const existing = findClip(db, clipId);
    const tracked = store.update(clipId);
    if (existing && (!tracked || tracked.manifestHash !== read.hash)) {
      return problem(key, 'conflict', clipId, `another clip with id ${clipId} already exists here (by ${existing.author_name}); neither is overwritten`, false);
    }
    const now = deps.clock();
    deps.people.ensurePerson(m.author.id, m.author.name, m.authorTimezone);
    if (!existing) {
      db.transaction(() => {
        writes.insert(
          {
            id: m.id,
            authorId: m.author.id,
            authorName: m.author.name,
            authorTimezone: m.authorTimezone,
            recordedAt: new Date(m.recordedAt),
            title: m.title,
            context: m.context,
            ask: m.ask,
            recipients: m.recipients,
            dueAt: m.dueAt ? new Date(m.dueAt) : null,
            urgency: m.urgency,
            durationMs: m.durationMs,
            width: m.width,
            height: m.height,
            sizeBytes: m.files.video.size,
            state: 'syncing',
            source: 'workspace',
          },
        );
        // The send instant a reply window counts from (norms): when the author published it, not when we synced it.
        writes.update(m.id, { publishedAt: new Date(m.publishedAt).toISOString() });
        store.setUpdate(clipId, read.hash, m.replyTo, m.files.video.size, m.files.video.sha256);
      })();
      changed.add(clipId);
    }
    if (Date.parse(m.recordedAt) > now.getTime() + FUTURE_SLACK_MS) {
      store.setProblem(key, 'future-timestamp', clipId, `recorded at ${m.recordedAt}, after this machine's clock (${now.toISOString()}); shown as it is`);
    }

    const expected = m.files.video.size;
    if (size === undefined) return waiting(key, clipId, 'the video has not arrived yet');
    if (size < expected) return waiting(key, clipId, `the video is still arriving (${size} of ${expected} bytes)`);
    if (size > expected) return problem(key, 'video-mismatch', clipId, `the video is ${size} bytes, the manifest says ${expected}`, true);

    const dir = clipDir(deps.clipsDir, clipId);
    const local = path.join(dir, 'video.mp4');
    try {
      await backend.download(videoKey, local, { maxBytes: expected });
    } catch (error) {
      // Swapped for a link, or grown past its size, since it was looked at: wrong for good, so not left "syncing".
      if (!(error instanceof TooLargeError || (error instanceof HandoffError && error.code === 'forbidden'))) throw error;
      writes.update(clipId, { state: 'failed' });
      changed.add(clipId);
      return problem(key, 'video-mismatch', clipId, error.message, false);
    }
    if ((await sha256File(local)) !== m.files.video.sha256) {
      await unlink(local);
      return waiting(key, clipId, 'the video has all its bytes but not the right ones yet (still being written?)');
    }
    await fetchExtras(m, dir);
    // The bundle's transcript goes into the library (segments, words, captions) unless a later one is already there.
    if (m.files.transcript) await transcript(`updates/${clipId}/transcript.json`);
    db.transaction(() => {
      writes.update(clipId, { state: 'ready' });
      store.setIndexed(key, read.hash, 'update', clipId);
      store.clearPending(key);
      if (!(Date.parse(m.recordedAt) > now.getTime() + FUTURE_SLACK_MS)) store.clearProblem(key);
    })();
    changed.add(clipId);
    counts.updates++;
    return 'indexed';
  }

  const insertEvent = db.prepare(
    `INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, at_ms, emoji, text, reply_clip_id, parent_id)
     VALUES (@id, @clipId, @kind, @authorId, @authorName, @createdAt, @atMs, @emoji, @text, @replyClipId, @parentId)`,
  );

  async function event(key: string, clipId: string, eventId: string): Promise<Outcome> {
    const read = await readJson(key, JSON_LIMITS.event, clipId);
    if (read === 'refused') return 'problem';
    if (!read) return waiting(key, clipId, 'the event has not arrived yet');
    const known = store.indexedHash(key);
    if (known === read.hash) {
      store.clearPending(key);
      return 'unchanged';
    }
    if (known !== null) return problem(key, 'conflict', clipId, 'the event changed after it was indexed; the first version is kept', false);
    const parsed = parseWorkspaceJson(read.bytes, eventFile);
    if (!parsed.ok) return problem(key, parsed.kind, clipId, parsed.message, parsed.kind === 'malformed');
    const e = parsed.value;
    if (e.clipId !== clipId || e.id !== eventId) return problem(key, 'malformed', clipId, 'event id or clip id does not match its path', false);
    if (!findClip(db, clipId)) return waiting(key, clipId, 'waiting for the update this event belongs to');
    if (db.prepare('SELECT 1 FROM events WHERE id = ?').get(e.id)) {
      return problem(key, 'conflict', clipId, `an event with id ${e.id} already exists here; neither is overwritten`, false);
    }
    insertEvent.run({
      id: e.id,
      clipId,
      kind: e.kind,
      authorId: e.author.id,
      authorName: e.author.name,
      createdAt: e.createdAt,
      atMs: e.atMs,
      emoji: e.emoji,
      text: e.text,
      replyClipId: e.replyClipId,
      parentId: e.parentId ?? null,
    });
    store.setIndexed(key, read.hash, 'event', clipId);
    store.clearPending(key);
    store.clearProblem(key);
    changed.add(clipId);
    counts.events++;
    return 'indexed';
  }

  async function transcript(key: string): Promise<Outcome> {
    const where = transcriptKey(key);
    const read = await readJson(key, JSON_LIMITS.transcript, where?.clipId ?? null);
    if (read === 'refused') return 'problem';
    if (!read) return waiting(key, where?.clipId ?? null, 'the transcript has not arrived yet');
    const result = await deps.transcripts.index(key, read.bytes, writes);
    if (result.outcome === 'problem') return problem(key, result.kind, result.clipId, result.message, result.kind === 'malformed');
    if (result.outcome === 'waiting') return waiting(key, result.clipId, 'waiting for the update this transcript belongs to');
    store.clearPending(key);
    store.clearProblem(key);
    if (result.outcome === 'applied') {
      changed.add(result.clipId);
      counts.transcripts++;
    }
    return result.outcome === 'unchanged' ? 'unchanged' : 'indexed';
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
    key.startsWith('people/') || key.startsWith('team/') ? 0 : key.startsWith('updates/') && !transcriptKey(key) ? 1 : 2;

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
