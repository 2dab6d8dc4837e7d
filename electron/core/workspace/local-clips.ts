// Local changes to clips that the workspace carries: metadata edits and replies made from a video file.
import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import { clipDir, getClip, newClipId, type ClipPatch, type ClipsWriter, type StoredClip } from '../library/clips-store';
import type { Db } from '../library/database';
import { probeMedia } from '../media/probe';
import { makeThumbnail } from '../media/thumbnail';
import type { Profile } from './people';

export interface ClipEdit {
  title?: string;
  context?: string | null;
  ask?: string | null;
  dueAt?: string | null;
  urgency?: 'fyi' | 'reply-needed' | 'urgent';
  recipients?: string[];
  replyTo?: string | null;
}

export function editClip(db: Db, clips: ClipsWriter, id: string, edit: ClipEdit): StoredClip {
  const clip = getClip(db, id);
  if (clip.source === 'workspace') throw new HandoffError('forbidden', `Clip ${id} is a teammate's update; only its author can edit it.`);
  if (clip.published_at) {
    throw new HandoffError('conflict', `Clip ${id} is already published; workspace files are written once, so edit before publishing.`);
  }
  const patch: ClipPatch = {};
  if (edit.title !== undefined) patch.title = edit.title;
  if (edit.context !== undefined) patch.context = edit.context;
  if (edit.ask !== undefined) patch.ask = edit.ask;
  if (edit.urgency !== undefined) patch.urgency = edit.urgency;
  if (edit.recipients !== undefined) patch.recipients = JSON.stringify(edit.recipients);
  if (edit.dueAt !== undefined) {
    const ms = edit.dueAt === null ? null : Date.parse(edit.dueAt);
    if (ms !== null && Number.isNaN(ms)) throw new HandoffError('invalid-input', `Not a date: ${edit.dueAt}`);
    patch.dueAt = ms === null ? null : new Date(ms).toISOString();
    patch.dueAtMs = ms;
  }
  if (edit.replyTo !== undefined) {
    if (edit.replyTo !== null) {
      if (edit.replyTo === id) throw new HandoffError('invalid-input', 'A clip cannot reply to itself.');
      getClip(db, edit.replyTo);
    }
    patch.replyTo = edit.replyTo;
  }
  return clips.update(id, patch);
}

/** A reply from an existing file: an H.264/AAC MP4 is taken as is; anything else must go through `handoff import`. */
export async function replyFromFile(deps: {
  db: Db;
  clips: ClipsWriter;
  clipsDir: string;
  ffmpeg: string | null;
  ffprobe: string | null;
  me: Profile;
  now: Date;
  parentId: string;
  file: string;
}): Promise<StoredClip> {
  const parent = getClip(deps.db, deps.parentId);
  if (!deps.ffprobe) throw new HandoffError('unavailable', 'ffprobe was not found; run `handoff doctor`.');
  const info = await probeMedia(deps.ffprobe, deps.file);
  const mp4 = /(^|,)mp4(,|$)/.test(info.formatName) || info.formatName.includes('mov,mp4');
  if (!mp4 || info.video?.codec !== 'h264' || (info.audio && info.audio.codec !== 'aac')) {
    throw new HandoffError(
      'invalid-input',
      `${path.basename(deps.file)} is ${info.formatName} with ${info.video?.codec ?? 'no video'}/${info.audio?.codec ?? 'no audio'}; ` +
        'a reply file must be an H.264/AAC MP4. Import it first (`handoff import FILE`), then reply with the imported clip\'s video.',
    );
  }
  const id = newClipId();
  const dir = clipDir(deps.clipsDir, id);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, 'video.mp4.part');
  await copyFile(deps.file, tmp);
  await rename(tmp, path.join(dir, 'video.mp4'));
  if (deps.ffmpeg && info.video) {
    await makeThumbnail(deps.ffmpeg, path.join(dir, 'video.mp4'), path.join(dir, 'thumb.jpg'), info.durationMs);
  }
  const clip = deps.clips.insert(
    {
      id,
      authorId: deps.me.id,
      authorName: deps.me.name,
      authorTimezone: deps.me.timezone,
      recordedAt: deps.now,
      title: `Re: ${parent.title || 'update'}`.slice(0, 500),
      replyTo: parent.id,
      durationMs: info.durationMs,
      width: info.video?.width ?? null,
      height: info.video?.height ?? null,
      sizeBytes: info.sizeBytes,
      state: 'ready',
      source: 'imported',
    },
  );
  return clip;
}
