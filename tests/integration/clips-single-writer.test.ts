// Issue 19, item 3: the clips store is the one writer of the `clips` table, and every operation on clips emits exactly
// one `clips:changed` with the ids it touched — import, a finished recording, rename, edit, publish, a sync of many
// teammates' updates, a transcript, delete. Events on updates and new norms are `activity:changed`, not clip changes.
// Two real cores (real SQLite files, real ffmpeg media) on one workspace folder.
import path from 'node:path';
import { mkdirSync, copyFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/compose';
import { makeTempCore, tempDir } from '../support/temp-core';
import { hasFfmpeg, testMedia } from '../support/test-clip';

interface Emitted {
  event: string;
  payload: unknown;
}

function record(core: Core): { take(): Emitted[] } {
  let seen: Emitted[] = [];
  core.events.onAny((event, payload) => {
    if (event === 'clips:changed' || event === 'activity:changed') seen.push({ event, payload });
  });
  return {
    take() {
      const out = seen;
      seen = [];
      return out;
    },
  };
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((dispose) => dispose()));

function person(name: string, timezone: string) {
  const made = makeTempCore();
  cleanups.push(made.dispose);
  made.core.workspace.people.setProfile({ name, timezone });
  return made.core;
}

describe.skipIf(!hasFfmpeg())('one writer of clips, one clips:changed per operation', () => {
  it('counts the events of every operation on two people’s libraries', { timeout: 120_000 }, async () => {
    const workspace = tempDir('handoff-writer-ws-');
    cleanups.push(workspace.remove);
    const ana = person('Ana', 'Europe/Berlin');
    const ben = person('Ben', 'America/New_York');
    await ana.workspace.useFolder(workspace.dir);
    await ben.workspace.useFolder(workspace.dir);
    const anaEvents = record(ana);
    const benEvents = record(ben);
    const media = testMedia();

    // Import: one event, with the new id.
    const imported = await ana.library.import({ file: media.video, title: 'Plan', recordedAt: new Date(Date.now() - 60_000) });
    expect(anaEvents.take()).toEqual([{ event: 'clips:changed', payload: { ids: [imported.clip.id] } }]);
    expect(imported.clip.author_id).toBe(ana.workspace.people.getProfile().id);

    // A finished recording handed over by the recorder: one event, authored by me with my person id, as an import is.
    const recordedId = 'rec0000000001';
    const folder = path.join(ana.paths.clipsDir, recordedId);
    mkdirSync(folder, { recursive: true });
    copyFileSync(media.video, path.join(folder, 'video.mp4'));
    const recorded = await ana.library.addRecording({
      id: recordedId, folder, recordedAt: new Date(Date.now() - 30_000),
      probe: { durationMs: 4000, width: 320, height: 240, sizeBytes: 1000 }, options: { title: 'Standup' },
    });
    expect(anaEvents.take()).toEqual([{ event: 'clips:changed', payload: { ids: [recordedId] } }]);
    expect(recorded.author_id).toBe(ana.workspace.people.getProfile().id);
    expect(recorded).toMatchObject({ author_name: 'Ana', author_timezone: 'Europe/Berlin', source: 'recorded', duration_ms: 4000 });
    // Handing the same recording over again (a second recovery) writes nothing.
    await ana.library.addRecording({ id: recordedId, folder, recordedAt: new Date(), probe: { durationMs: 1, width: 1, height: 1, sizeBytes: 1 }, options: {} });
    expect(anaEvents.take()).toEqual([]);

    // Rename and the workspace edit (ask, urgency): one each.
    ana.library.rename(imported.clip.id, 'Plan for Q3');
    expect(anaEvents.take()).toEqual([{ event: 'clips:changed', payload: { ids: [imported.clip.id] } }]);
    ana.workspace.edit(imported.clip.id, { ask: 'Which vendor?', urgency: 'reply-needed' });
    expect(anaEvents.take()).toEqual([{ event: 'clips:changed', payload: { ids: [imported.clip.id] } }]);

    // Publish: one (its published_at), however many files went out.
    await ana.workspace.publish(imported.clip.id);
    await ana.workspace.publish(recordedId);
    expect(anaEvents.take()).toEqual([
      { event: 'clips:changed', payload: { ids: [imported.clip.id] } },
      { event: 'clips:changed', payload: { ids: [recordedId] } },
    ]);

    // Ben's sync brings both updates in: one clips:changed for the whole run, with both ids.
    await ben.workspace.sync({ full: true });
    const synced = benEvents.take().filter((e) => e.event === 'clips:changed');
    expect(synced).toHaveLength(1);
    expect(new Set((synced[0].payload as { ids: string[] }).ids)).toEqual(new Set([imported.clip.id, recordedId]));

    // An event on an update (a comment) is activity, not a clip change; it reaches Ben's library as activity too.
    await ana.workspace.addEvent({ clipId: imported.clip.id, kind: 'comment', text: 'Vendor B, I think' });
    expect(anaEvents.take()).toEqual([{ event: 'activity:changed', payload: { clipIds: [imported.clip.id] } }]);
    await ben.workspace.sync();
    expect(benEvents.take()).toEqual([{ event: 'activity:changed', payload: { clipIds: [imported.clip.id] } }]);

    // New norms move every reply-by: activity for all.
    await ana.workspace.norms.publish({ urgent: 2 });
    expect(anaEvents.take()).toEqual([{ event: 'activity:changed', payload: { clipIds: [] } }]);

    // Delete: one.
    const local = await ana.library.import({ file: media.video, title: 'Scratch', recordedAt: new Date() });
    anaEvents.take();
    await ana.library.delete(local.clip.id);
    expect(anaEvents.take()).toEqual([{ event: 'clips:changed', payload: { ids: [local.clip.id] } }]);
    await ana.settle();
    await ben.settle();
  });
});
