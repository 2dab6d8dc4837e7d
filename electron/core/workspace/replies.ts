// Answering an update with a video (a clip just recorded, or a file), and editing my own update's details before it
// is published. A reply goes where its parent is: to the workspace when the parent is there.
import { HandoffError } from '../../../shared/result';
import { getClip, type ClipsStore } from '../library/clips-store';
import type { Db } from '../library/database';
import { ffprobeNextTo } from '../media/probe';
import type { createWorkspaceEvents } from './events';
import { editClip, replyFromFile, type ClipEdit } from './local-clips';
import type { PeopleService } from './people';
import type { Publishing } from './publishing';

export function createReplies(deps: {
  db: Db;
  clips: ClipsStore;
  people: PeopleService;
  publishing: Pick<Publishing, 'publish' | 'whenIdle'>;
  addEvent: ReturnType<typeof createWorkspaceEvents>['addEvent'];
  clock: () => Date;
  clipsDir: string;
  locate: (name: string, envVar: string) => Promise<string | null>;
}) {
  const { db, clips, publishing, addEvent } = deps;

  /**
   * Makes a clip already in the library (a reply just recorded) the answer to `parentId`: replyTo set (unless it was
   * published without one, which cannot change), published when the parent is, and the reply event added.
   */
  async function replyWithClip(parentId: string, clipId: string) {
    const parent = getClip(db, parentId);
    let clip = getClip(db, clipId);
    if (clip.id === parent.id) throw new HandoffError('invalid-input', 'A clip cannot reply to itself.');
    if (clip.source === 'workspace') throw new HandoffError('invalid-input', `Clip ${clipId} is a teammate's; reply with one of yours.`);
    if (clip.reply_to !== parent.id) {
      if (clip.published_at) throw new HandoffError('conflict', `Clip ${clipId} was already published as an answer to something else.`);
      clip = clips.update(clip.id, { replyTo: parent.id });
    }
    // An auto-publish of the new clip may be under way; publishing twice at once would race on the same files.
    await publishing.whenIdle();
    clip = getClip(db, clip.id);
    if (!clip.published_at && (parent.source === 'workspace' || parent.published_at)) await publishing.publish(clip.id);
    const event = await addEvent({ clipId: parentId, kind: 'reply', replyClipId: clip.id });
    return { clipId: clip.id, event: event.event };
  }

  async function reply(parentId: string, file: string) {
    const ffmpeg = await deps.locate('ffmpeg', 'HANDOFF_FFMPEG');
    const me = deps.people.getProfile();
    const clip = await replyFromFile({
      db, clips, clipsDir: deps.clipsDir, ffmpeg, ffprobe: ffmpeg ? ffprobeNextTo(ffmpeg) : null, me, now: deps.clock(), parentId, file,
    });
    const parent = getClip(db, parentId);
    // A reply to a teammate's update goes to the workspace, like the update did.
    if (parent.source === 'workspace' || parent.published_at) await publishing.publish(clip.id);
    const event = await addEvent({ clipId: parentId, kind: 'reply', replyClipId: clip.id });
    return { clipId: clip.id, event: event.event };
  }

  return { reply, replyWithClip, edit: (id: string, edit: ClipEdit) => editClip(db, clips, id, edit) };
}
