// Continuous sync (folder watched) and auto-publish: Anna's new clip is published by itself when the setting is on,
// and shows up in Kenji's running library without anyone running `handoff sync`. Waits on the events the app emits.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { addClipFromFile, hasFfmpeg, makeTinyMp4, tempDir } from '../support/workspace-helpers';

function open(dataDir: string): Core {
  return composeCore({
    dataDir,
    resourcesDir: path.resolve('resources'),
    version: 'test',
    env: process.env,
    platform: process.platform,
    logger: createLogger('test', { level: process.env.TEST_LOG === '1' ? 'debug' : 'error' }),
    clock: () => new Date(),
  });
}

describe('continuous sync', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    while (cleanup.length) cleanup.pop()!();
  });

  it.skipIf(!hasFfmpeg())('a teammate’s auto-published clip arrives in a running library by itself', async () => {
    const ws = tempDir('ws');
    const anna = open(tempDir('anna'));
    const kenji = open(tempDir('kenji'));
    cleanup.push(() => anna.close(), () => kenji.close());
    for (const [core, name, timezone] of [[anna, 'Anna', 'Europe/Berlin'], [kenji, 'Kenji', 'Asia/Tokyo']] as const) {
      expect((await core.dispatch('profile:set', { name, timezone })).ok).toBe(true);
      expect((await core.dispatch('workspace:useFolder', { dir: ws })).ok).toBe(true);
    }
    expect((await anna.dispatch('settings:set', { values: { 'workspace.autoPublish': true } })).ok).toBe(true);

    const stop = kenji.workspace.startContinuousSync();
    cleanup.push(stop);
    // The first background pass (a full walk of the empty workspace) has finished before Anna publishes.
    await new Promise<void>((resolve) => {
      const off = kenji.events.onAny((event) => {
        if (event === 'sync:finished') {
          off();
          resolve();
        }
      });
    });

    const id = await addClipFromFile(anna, makeTinyMp4(path.join(tempDir('media'), 'a.mp4'), 2), { recordedAt: new Date('2026-11-20T08:00:00Z'), title: 'Auto' });
    const arrived = new Promise<void>((resolve) => {
      const off = kenji.events.onAny((event, payload) => {
        if (event === 'clips:changed' && (payload as { ids: string[] }).ids.includes(id)) {
          const row = kenji.db.prepare('SELECT state FROM clips WHERE id = ?').get(id) as { state: string } | undefined;
          if (row?.state === 'ready') {
            off();
            resolve();
          }
        }
      });
    });
    // The import emitted clips:changed on Anna's bus, which is what starts her auto-publish.
    if (process.env.TEST_LOG === '1') kenji.events.onAny((e, p) => process.stderr.write(`kenji ${e} ${JSON.stringify(p)}\n`));
    await anna.workspace.whenIdle();
    expect((anna.db.prepare('SELECT published_at FROM clips WHERE id = ?').get(id) as { published_at: string | null }).published_at).not.toBeNull();
    await arrived;
    const inbox = kenji.workspace.inbox({ now: '2026-11-21T00:00:00Z' });
    expect(inbox.workdays[0].clips.map((c) => c.id)).toEqual([id]);
  });
});
