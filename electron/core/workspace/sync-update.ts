// Sync of one update: its manifest becomes a clip row, and its small files (thumbnail, captions, transcript) are
// copied into <data>/clips/<id>/. Its video is not copied (lazy media, issue 19): sync records where it is, and the
// clip is ready once the video has all its bytes in the workspace; playing streams it (workspace/remote-media.ts).
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { clipDir, findClip } from '../library/clips-store';
import { JSON_LIMITS, manifestFile, parseWorkspaceJson, type ManifestFile } from './files';
import { createRemoteVideos } from './remote-videos';
import { partsPresence } from './video-parts';
import { sha256File, type Outcome, type SyncContext } from './sync-context';

/** A recordedAt this far past our clock is flagged. */
const FUTURE_SLACK_MS = 5 * 60_000;
/** What a thumbnail, captions or a transcript may weigh, whatever a manifest declares (a day of speech is ~10 MB). */
const EXTRA_LIMITS = { thumb: 10 * 1024 * 1024, captions: 32 * 1024 * 1024, transcript: 64 * 1024 * 1024 };

export function createUpdateIndexer(ctx: SyncContext, transcript: (key: string) => Promise<Outcome>) {
  const { deps, counts, changed, writes, problem, waiting, readJson } = ctx;
  const { db, store, backend, logger } = deps;
  const remote = createRemoteVideos(db);

  /**
   * Thumbnail, captions and transcript, each to its own fixed local name, each checked against the manifest's size
   * (the copy stops there) and SHA-256: a file that differs is not kept, and is reported.
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

  function insert(m: ManifestFile, hash: string, videoKey: string): void {
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
      store.setUpdate(m.id, hash, m.replyTo, m.files.video.size, m.files.video.sha256);
      remote.set(m.id, videoKey, m.files.video.size, m.files.video.sha256, m.files.video.parts ?? null);
    })();
  }

  /** Indexes `updates/<clipId>/manifest.json`; `sizeHint` is the video's size from a listing, which saves a HEAD. */
  return async function update(key: string, clipId: string, sizeHint?: number): Promise<Outcome> {
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
    const parts = m.files.video.parts;
    let size: number | undefined;
    if (parts) {
      // Published while recording: the video is parts objects (video-parts.ts), and what is there is what a listing
      // of them finds. One still missing reads as a video still arriving, whatever the others add up to.
      const presence = await partsPresence(backend, clipId, parts, m.files.video.size);
      if (presence.state === 'mismatch') return problem(key, 'video-mismatch', clipId, presence.message, true);
      size = presence.state === 'complete' ? m.files.video.size : presence.bytes === 0 ? undefined : Math.min(presence.bytes, m.files.video.size - 1);
    } else size = sizeHint ?? (await backend.head(videoKey))?.size;
    const existing = findClip(db, clipId);
    const tracked = store.update(clipId);
    if (existing && (!tracked || tracked.manifestHash !== read.hash)) {
      return problem(key, 'conflict', clipId, `another clip with id ${clipId} already exists here (by ${existing.author_name}); neither is overwritten`, false);
    }
    const now = deps.clock();
    deps.people.ensurePerson(m.author.id, m.author.name, m.authorTimezone);
    if (!existing) {
      insert(m, read.hash, videoKey);
      changed.add(clipId);
    }
    const future = Date.parse(m.recordedAt) > now.getTime() + FUTURE_SLACK_MS;
    if (future) {
      store.setProblem(key, 'future-timestamp', clipId, `recorded at ${m.recordedAt}, after this machine's clock (${now.toISOString()}); shown as it is`);
    }

    // "Syncing" until the video has all its bytes in the workspace; its SHA-256 is checked when it is fetched whole.
    const expected = m.files.video.size;
    if (size === undefined) return waiting(key, clipId, 'the video has not arrived yet');
    if (size < expected) return waiting(key, clipId, `the video is still arriving (${size} of ${expected} bytes)`);
    if (size > expected) return problem(key, 'video-mismatch', clipId, `the video is ${size} bytes, the manifest says ${expected}`, true);

    await fetchExtras(m, clipDir(deps.clipsDir, clipId));
    // The bundle's transcript goes into the library (segments, words, captions) unless a later one is already there.
    if (m.files.transcript) await transcript(`updates/${clipId}/transcript.json`);
    db.transaction(() => {
      writes.update(clipId, { state: 'ready' });
      remote.setMissing(clipId, null);
      store.setIndexed(key, read.hash, 'update', clipId);
      store.clearPending(key);
      if (!future) store.clearProblem(key);
    })();
    changed.add(clipId);
    counts.updates++;
    return 'indexed';
  };
}
