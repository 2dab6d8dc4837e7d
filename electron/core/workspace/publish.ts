// Publishing an update: the bundle goes up file by file (video, thumbnail, captions, transcript), the manifest after
// all of them, and a feed entry last, so a reader that sees the manifest can trust the files it names exist (or are
// still arriving through a file-sync tool), and an incremental sync finds it through the feed.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { clipDir, getClip, type ClipsStore, type StoredClip } from '../library/clips-store';
import type { Db } from '../library/database';
import type { WorkspaceBackend } from './backend';
import { feedKey, keys, manifestFile, WORKSPACE_SCHEMA, type EventFile, type ManifestFile, type VideoParts } from './files';
import type { Profile } from './people';
import type { SyncStore } from './sync-store';
import { sha256File } from './sync';
import { createHash } from 'node:crypto';
import { transcriptBody, type WorkspaceTranscripts } from './transcripts';
import { servedFiles } from '../edit/edited-media';
import { editedTranscriptBody, needsRepublish, publishEditedVersion, recordPublishedEdit } from '../edit/workspace-versions';

async function fileRef(file: string, name: string) {
  return { name, size: (await stat(file)).size, sha256: await sha256File(file) };
}


export async function writeFeed(backend: WorkspaceBackend, key: string, clock: () => Date): Promise<void> {
  await backend.putOnce(feedKey(clock().getTime(), randomBytes(6).toString('base64url')), Buffer.from(JSON.stringify({ schema: WORKSPACE_SCHEMA, key })));
}

export function manifestFor(clip: StoredClip, me: Profile, files: ManifestFile['files'], publishedAt: string): ManifestFile {
  return {
    schema: WORKSPACE_SCHEMA,
    id: clip.id,
    author: { id: clip.author_id ?? me.id, name: clip.author_name || me.name },
    authorTimezone: clip.author_timezone,
    recordedAt: clip.recorded_at,
    title: clip.title,
    context: clip.context,
    ask: clip.ask,
    recipients: JSON.parse(clip.recipients) as string[],
    dueAt: clip.due_at,
    urgency: clip.urgency,
    replyTo: clip.reply_to,
    durationMs: clip.duration_ms,
    width: clip.width,
    height: clip.height,
    files,
    publishedAt,
  };
}

export async function publishClip(deps: {
  db: Db;
  clips: ClipsStore;
  backend: WorkspaceBackend;
  store: SyncStore;
  clipsDir: string;
  clock: () => Date;
  me: Profile;
  id: string;
  /** Bookkeeps the transcript that goes out with the bundle, so a later one is compared with it. */
  transcripts?: WorkspaceTranscripts;
  /** The video is already complete in the workspace (uploaded while recording): only the rest goes up. */
  videoUploaded?: boolean;
  /** It is there as parts objects (S3, video-parts.ts): the manifest says how they make up the file. */
  videoParts?: VideoParts;
}): Promise<{ id: string; manifestKey: string; alreadyPublished: boolean; files: string[] }> {
  const { db, backend, id } = deps;
  const clip = getClip(db, id);
  if (clip.source === 'workspace') throw new HandoffError('invalid-input', `Clip ${id} came from the workspace; only its author publishes it.`);
  if (clip.state !== 'ready') throw new HandoffError('invalid-input', `Clip ${id} is ${clip.state}; only a ready clip can be published.`);
  const dir = clipDir(deps.clipsDir, id);
  // An edited clip goes out as its rendered edited version (core/edit); the original stays on this machine.
  const served = servedFiles(db, deps.clipsDir, id);
  const video = served.video;
  if (!existsSync(video)) throw new HandoffError('not-found', `Clip ${id} has no video file (${video}).`);
  const manifestKey = keys.manifest(id);
  if (deps.store.indexedHash(manifestKey) !== null || (await backend.head(manifestKey))) {
    if (!needsRepublish(db, id, served)) return { id, manifestKey, alreadyPublished: true, files: [] };
    const files = await publishEditedVersion({ db, backend, clock: deps.clock, me: deps.me, clipId: id, served, writeFeed: (key) => writeFeed(backend, key, deps.clock) });
    return { id, manifestKey, alreadyPublished: false, files };
  }

  const files: ManifestFile['files'] = { video: await fileRef(video, 'video.mp4') };
  const written: string[] = [];
  if (deps.videoUploaded && deps.videoParts) {
    files.video.parts = deps.videoParts;
    // The layout is checked as a teammate will check it: a wrong one must fail here, not in every teammate's sync.
    const checked = manifestFile.shape.files.shape.video.safeParse(files.video);
    if (!checked.success) throw new HandoffError('invalid-input', `The parts of ${id}'s video do not describe it: ${checked.error.issues[0].message}`);
  }
  if (!deps.videoUploaded) await backend.putFileOnce(keys.updateFile(id, 'video.mp4'), video);
  written.push('video.mp4');
  for (const [slot, name] of [['thumb', 'thumb.jpg'], ['captions', 'captions.vtt']] as const) {
    const file = slot === 'captions' ? (served.captions ?? path.join(dir, name)) : path.join(dir, name);
    if (!existsSync(file)) continue;
    files[slot] = await fileRef(file, name);
    await backend.putFileOnce(keys.updateFile(id, name), file);
    written.push(name);
  }
  // Segments with their words and the language, so a teammate's library holds the same transcript as mine.
  const transcript = served.edited ? editedTranscriptBody(id, served) : transcriptBody(db, id);
  if (transcript) {
    const file = path.join(dir, 'transcript.json');
    await writeFile(file, transcript);
    files.transcript = await fileRef(file, 'transcript.json');
    await backend.putOnce(keys.updateFile(id, 'transcript.json'), transcript);
    written.push('transcript.json');
    deps.transcripts?.recordPublished(id, transcript);
  }

  const publishedAt = deps.clock().toISOString();
  const manifest = manifestFor(clip, deps.me, files, publishedAt);
  if (served.info) manifest.durationMs = served.info.durationMs;
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  await backend.putOnce(manifestKey, body);
  written.push('manifest.json');
  const hash = createHash('sha256').update(body).digest('hex');
  const writes = deps.clips.batch();
  db.transaction(() => {
    deps.store.setIndexed(manifestKey, hash, 'update', id);
    deps.store.setUpdate(id, hash, clip.reply_to, files.video.size, files.video.sha256);
    writes.update(id, { publishedAt });
    if (served.edited) recordPublishedEdit(db, id, served);
  })();
  writes.flush();
  await writeFeed(backend, manifestKey, deps.clock);
  return { id, manifestKey, alreadyPublished: false, files: written };
}

export async function publishEvent(deps: { backend: WorkspaceBackend; store: SyncStore; clock: () => Date }, event: EventFile): Promise<string> {
  const key = keys.event(event.clipId, event.id);
  const body = Buffer.from(JSON.stringify(event, null, 2));
  await deps.backend.putOnce(key, body);
  deps.store.setIndexed(key, createHash('sha256').update(body).digest('hex'), 'event', event.clipId);
  await writeFeed(deps.backend, key, deps.clock);
  return key;
}
