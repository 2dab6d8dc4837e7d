// Edited versions of a published update in the workspace. Every workspace file is written once, so an update edited
// after it went out is published as new files beside the first ones: `video-<stamp>-<rand>.mp4`, a manifest version
// `manifest-<stamp>-<rand>.json` naming it, and the transcript in edited time as a later transcript file (which
// readers already apply newest-first). Teammates' syncs index manifest versions after the update itself, newest stamp
// wins, and replace their local copy of the video, so everyone plays the edited version; the original stays there.
import { createHash, randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { clipDir, findClip, getClip, type ClipsWriter } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import type { WorkspaceBackend } from '../workspace/backend';
import { createRemoteVideos } from '../workspace/remote-videos';
import { feedStamp, keys, manifestFile, parseWorkspaceJson, WORKSPACE_SCHEMA, type ManifestFile, type TranscriptFile } from '../workspace/files';
import type { Profile } from '../workspace/people';
import { manifestFor } from '../workspace/publish';
import { sha256File } from '../workspace/sync';
import { keptKey } from './edit-store';
import type { ServedFiles } from './edited-media';

/** updates/<clip>/manifest-<stamp>-<rand>.json: a later version of the update (an edit). */
export const VERSION_KEY = /^updates\/([A-Za-z0-9_-]{6,64})\/manifest-([0-9a-z]{8,24})-([0-9a-f]{4,16})\.json$/;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const lowerStamp = (ms: number) => feedStamp(ms).toLowerCase();

/** The transcript a viewer of the served files reads, as a workspace file; null when there is none. */
export function editedTranscriptBody(clipId: string, served: ServedFiles): Buffer | null {
  if (!served.info || served.info.segments.length === 0) return null;
  const file: TranscriptFile = { schema: WORKSPACE_SCHEMA, clipId, language: served.info.language, segments: served.info.segments.map((s) => ({ ...s, words: s.words.map((w) => ({ startMs: w.startMs, endMs: w.endMs, text: w.text, p: w.p ?? null })) })) };
  return Buffer.from(JSON.stringify(file, null, 2));
}

/** Whether the served edited version differs from what was last published of this clip. */
export function needsRepublish(db: Db, clipId: string, served: ServedFiles): boolean {
  if (!served.edited || !served.info) return false;
  const row = db.prepare('SELECT published_kept FROM clip_edits WHERE clip_id = ?').get(clipId) as { published_kept: string | null } | undefined;
  return (row?.published_kept ?? null) !== keptKey(served.info.kept);
}

export function recordPublishedEdit(db: Db, clipId: string, served: ServedFiles): void {
  if (!served.info) return;
  db.prepare('INSERT INTO clip_edits (clip_id, version, published_kept) VALUES (?, 0, ?) ON CONFLICT(clip_id) DO UPDATE SET published_kept = excluded.published_kept').run(
    clipId,
    keptKey(served.info.kept),
  );
}

/** Publishes the served edited version of an update that is already in the workspace. Returns the keys written. */
export async function publishEditedVersion(deps: {
  db: Db;
  backend: WorkspaceBackend;
  clock: () => Date;
  me: Profile;
  clipId: string;
  served: ServedFiles;
  writeFeed: (key: string) => Promise<void>;
}): Promise<string[]> {
  const { db, backend, clipId, served } = deps;
  const clip = getClip(db, clipId);
  const now = deps.clock().getTime();
  const stamp = lowerStamp(now);
  const rand = randomBytes(4).toString('hex');
  const written: string[] = [];
  const videoName = `video-${stamp}-${rand}.mp4`;
  const files: ManifestFile['files'] = { video: { name: videoName, size: (await stat(served.video)).size, sha256: await sha256File(served.video) } };
  await backend.putFileOnce(keys.updateFile(clipId, videoName), served.video);
  written.push(videoName);
  // The transcript in edited time goes out as a later transcript: readers apply the newest one (segments, captions).
  const transcript = editedTranscriptBody(clipId, served);
  if (transcript) {
    const transcriptStamp = feedStamp(now);
    const key = keys.laterTranscript(clipId, transcriptStamp, rand);
    await backend.putOnce(key, transcript);
    db.prepare(
      `INSERT INTO workspace_transcripts (key, clip_id, stamp, hash, indexed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, indexed_at = excluded.indexed_at`,
    ).run(key, clipId, transcriptStamp, sha256(transcript), new Date(now).toISOString());
    await deps.writeFeed(key);
    written.push(path.basename(key));
  }
  const manifest = { ...manifestFor(clip, deps.me, files, clip.published_at ?? new Date(now).toISOString()), durationMs: served.info?.durationMs ?? clip.duration_ms };
  const key = `updates/${clipId}/manifest-${stamp}-${rand}.json`;
  await backend.putOnce(key, Buffer.from(JSON.stringify(manifest, null, 2)));
  written.push(path.basename(key));
  recordPublishedEdit(db, clipId, served);
  await deps.writeFeed(key);
  return written;
}

export type VersionOutcome =
  | { outcome: 'applied' | 'unchanged'; clipId: string }
  | { outcome: 'waiting'; clipId: string; reason: string }
  | { outcome: 'problem'; clipId: string; kind: 'malformed' | 'conflict' | 'video-mismatch'; message: string };

/** A teammate's side: applies manifest versions of updates already in the library, newest stamp wins. */
export function createVersionIndexer(deps: {
  db: Db;
  backend: WorkspaceBackend;
  clips: ClipsWriter;
  clipsDir: string;
  /** The media cache's folder (absent: nothing cached to drop). */
  mediaCacheDir: string | null;
  clock: () => Date;
  logger: Logger;
}) {
  const { db } = deps;
  const remote = createRemoteVideos(db);
  const q = {
    known: db.prepare('SELECT hash FROM workspace_update_versions WHERE key = ?').pluck(),
    newest: db.prepare('SELECT max(stamp) FROM workspace_update_versions WHERE clip_id = ? AND applied_at IS NOT NULL').pluck(),
    forgetCached: db.prepare('DELETE FROM media_cache WHERE clip_id = ?'),
    record: db.prepare(
      `INSERT INTO workspace_update_versions (key, clip_id, stamp, hash, applied_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, applied_at = excluded.applied_at`,
    ),
  };

  return {
    isKnown: (key: string) => q.known.get(key) !== undefined,
    async index(key: string, bytes: Buffer): Promise<VersionOutcome> {
      const match = VERSION_KEY.exec(key);
      if (!match) throw new Error(`not a manifest version key: ${key}`);
      const [, clipId, stamp] = match;
      const hash = sha256(bytes);
      const known = q.known.get(key) as string | undefined;
      if (known === hash) return { outcome: 'unchanged', clipId };
      if (known !== undefined) return { outcome: 'problem', clipId, kind: 'conflict', message: 'the manifest version changed after it was indexed; the first is kept' };
      const parsed = parseWorkspaceJson(bytes, manifestFile);
      if (!parsed.ok) return { outcome: 'problem', clipId, kind: 'malformed', message: parsed.message };
      const m = parsed.value;
      if (m.id !== clipId) return { outcome: 'problem', clipId, kind: 'malformed', message: `manifest id ${m.id} does not match its folder ${clipId}` };
      const clip = findClip(db, clipId);
      if (!clip || clip.state === 'syncing') return { outcome: 'waiting', clipId, reason: 'waiting for the update this version belongs to' };
      if (clip.source !== 'workspace') return { outcome: 'unchanged', clipId };
      // Only the update's author issues new versions of it.
      if (clip.author_id !== m.author.id) return { outcome: 'problem', clipId, kind: 'conflict', message: `a version of ${clipId} by ${m.author.name}, who is not its author; ignored` };
      const newest = q.newest.get(clipId) as string | null;
      if (newest !== null && newest >= stamp) {
        q.record.run(key, clipId, stamp, hash, null);
        return { outcome: 'unchanged', clipId };
      }
      // A version is rendered after the recording and published whole: its video is one object.
      if (m.files.video.parts) return { outcome: 'problem', clipId, kind: 'malformed', message: 'a version of an update names its video as parts; only a recording published live is stored so' };
      const videoKey = keys.updateFile(clipId, m.files.video.name);
      const info = await deps.backend.head(videoKey);
      if (!info || info.size < m.files.video.size) return { outcome: 'waiting', clipId, reason: 'the edited video is still arriving' };
      if (info.size > m.files.video.size) return { outcome: 'problem', clipId, kind: 'video-mismatch', message: `the edited video is ${info.size} bytes, its manifest says ${m.files.video.size}` };
      // Lazy media: a teammate's video streams from the workspace, so the clip now points at the new file. A whole copy
      // made earlier (to share or transcribe it) or a cached one is of the old version and goes: the next play streams
      // (and caches) the edit.
      await rm(path.join(clipDir(deps.clipsDir, clipId), 'video.mp4'), { force: true });
      if (deps.mediaCacheDir) await rm(path.join(deps.mediaCacheDir, `${clipId}.mp4`), { force: true });
      db.transaction(() => {
        q.forgetCached.run(clipId);
        remote.set(clipId, videoKey, m.files.video.size, m.files.video.sha256);
        remote.setMissing(clipId, null);
        deps.clips.update(clipId, { durationMs: m.durationMs, sizeBytes: m.files.video.size, title: m.title });
        q.record.run(key, clipId, stamp, hash, deps.clock().toISOString());
      })();
      deps.logger.info('applied an edited version of an update', { clipId, key });
      return { outcome: 'applied', clipId };
    },
  };
}
