// A recording is mine whatever my name was when the app last read my profile. Renaming myself (settings:set, as the
// onboarding and the UI tests do) and recording before anything read the profile again used to author the clip as a
// new person with my name: the inbox then showed my own recording as a teammate's, unread, and not as a draft.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';

const repo = path.resolve(__dirname, '..', '..');
const ffmpegMissing = spawnSync('ffmpeg', ['-version']).status !== 0;

describe.skipIf(ffmpegMissing)('the author of my recordings', () => {
  let tmp = '';
  let core: Core;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-author-'));
    core = composeCore({
      dataDir: tmp, resourcesDir: path.join(repo, 'resources'), version: 'test', env: process.env, platform: process.platform,
      logger: createMemoryLogger('author'), clock: () => new Date(),
    });
  });
  afterAll(async () => {
    await core.settle();
    core.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is my profile after I rename myself, with no profile read in between', async () => {
    const before = await core.dispatch('profile:get', {});
    if (!before.ok) throw new Error(before.error.message);
    const { id: myId } = before.value as { id: string };
    expect((await core.dispatch('settings:set', { values: { 'profile.name': 'Ana Renamed', 'transcription.live': false } })).ok).toBe(true);

    const { id } = await core.recorder.start({
      display: null, region: null, camera: 'synthetic', mic: 'synthetic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
      fps: 10, maxHeight: 240, quality: 'low', synthetic: null, title: 'After renaming', replyTo: null, maxSeconds: null, publishOnStop: false,
    });
    await core.recorder.stop();

    const row = core.db.prepare('SELECT author_id AS authorId, author_name AS authorName FROM clips WHERE id = ?').get(id) as { authorId: string; authorName: string };
    expect(row).toEqual({ authorId: myId, authorName: 'Ana Renamed' });
    expect(core.db.prepare("SELECT count(*) FROM people WHERE name = 'Ana Renamed'").pluck().get()).toBe(1);
    const inbox = await core.dispatch('inbox:get', {});
    if (!inbox.ok) throw new Error(inbox.error.message);
    const { drafts } = inbox.value as { drafts: { id: string; mine: boolean; unread: boolean }[] };
    expect(drafts).toEqual([expect.objectContaining({ id, mine: true, unread: false })]);
  }, 60_000);
});
