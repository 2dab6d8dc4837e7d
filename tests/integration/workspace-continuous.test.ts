// Continuous sync and auto-publish: Anna's new clip is published by itself when the setting is on, and shows up in
// Kenji's running library without anyone running `handoff sync`: through the folder watcher on a folder workspace,
// through the incremental poll on a bucket (s3rver). Waits on the events the app emits.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import type { CallInput } from '../../shared/contract';
import { addClipFromFile, hasFfmpeg, makeTinyMp4, s3Env, startS3rver, tempDir } from '../support/workspace-helpers';

function open(dataDir: string): Core {
  return composeCore({
    dataDir,
    resourcesDir: path.resolve('resources'),
    version: 'test',
    env: { ...process.env, ...s3Env },
    platform: process.platform,
    logger: createLogger('test', { level: process.env.TEST_LOG === '1' ? 'debug' : 'error' }),
    clock: () => new Date(),
  });
}

describe('continuous sync', () => {
  // Undone last-first: the cores (and their watcher or poller) stop before the bucket they read goes away.
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  async function arrivesByItself(useWorkspace: (core: Core) => Promise<{ ok: boolean }>) {
    const anna = open(tempDir('anna'));
    const kenji = open(tempDir('kenji'));
    cleanup.push(() => anna.close(), () => kenji.close());
    for (const [core, name, timezone] of [[anna, 'Anna', 'Europe/Berlin'], [kenji, 'Kenji', 'Asia/Tokyo']] as const) {
      expect((await core.dispatch('profile:set', { name, timezone })).ok).toBe(true);
      expect((await useWorkspace(core)).ok).toBe(true);
    }
    expect((await anna.dispatch('settings:set', { values: { 'workspace.autoPublish': true } })).ok).toBe(true);
    // The shortest poll the settings allow, so a bucket's change is seen within seconds (the default is 30 s).
    expect((await kenji.dispatch('settings:set', { values: { 'workspace.pollSeconds': 5 } })).ok).toBe(true);

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
  }

  it.skipIf(!hasFfmpeg())('a teammate’s auto-published clip arrives in a running library by itself (folder, watched)', async () => {
    const ws = tempDir('ws');
    await arrivesByItself((core) => core.dispatch('workspace:useFolder', { dir: ws }));
  });

  it.skipIf(!hasFfmpeg())('a teammate’s auto-published clip arrives in a running library by itself (bucket, polled)', async () => {
    const s3 = await startS3rver('handoff-live');
    cleanup.push(() => s3.close());
    const bucket: CallInput<'workspace:useS3'> = { endpoint: s3.endpoint, bucket: 'handoff-live', prefix: 'team', pathStyle: true };
    await arrivesByItself((core) => core.dispatch('workspace:useS3', bucket));
  });
});
