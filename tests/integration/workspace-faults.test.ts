// Workspace faults (issue 6): each one ends in a clear state — syncing, reported and skipped, or flagged — with no
// crash, nothing overwritten and nothing lost. Bundles are written by hand into a folder workspace, the way a
// half-finished file-sync or a buggy or newer writer would leave them.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { feedKey } from '../../electron/core/workspace/files';
import { createFolderBackend } from '../../electron/core/workspace/folder-backend';
import type { Inbox } from '../../shared/inbox';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, tempDir, testManifest } from '../support/workspace-helpers';

interface Report {
  mode: string;
  indexed: { updates: number; events: number; people: number };
  syncing: { key: string; clipId: string | null; reason: string }[];
  problems: { key: string; kind: string; clipId: string | null; message: string }[];
}

const VIDEO = Buffer.alloc(4096, 7);

const manifest = (id: string, overrides: Record<string, unknown> = {}, video = VIDEO) => testManifest(id, video, overrides);

function put(ws: string, key: string, body: Buffer | string) {
  const file = path.join(ws, ...key.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
}

let feedSeq = 0;
/** A change-feed entry, as every publisher writes after the file it announces. */
function announce(ws: string, key: string) {
  put(ws, feedKey(Date.now(), `t${++feedSeq}`), JSON.stringify({ schema: 1, key }));
}

function bundle(ws: string, id: string, options: { manifest?: string; video?: Buffer | null } = {}) {
  if (options.video !== null) put(ws, `updates/${id}/video.mp4`, options.video ?? VIDEO);
  put(ws, `updates/${id}/manifest.json`, options.manifest ?? JSON.stringify(manifest(id)));
  announce(ws, `updates/${id}/manifest.json`);
}

describe('workspace faults', () => {
  let ws: string;
  let kenji: string;
  const sync = async () => {
    const run = await handoff(kenji, ['--json', 'sync']);
    expect(run.code, run.stderr).toBe(0);
    return run.json<Report>();
  };
  const inbox = async () => (await handoff(kenji, ['--json', 'inbox', '--now', '2026-11-21T00:00:00Z'])).json<Inbox>();
  const clipIds = (box: Inbox) => box.workdays.flatMap((d) => d.clips.map((c) => c.id));

  beforeEach(async () => {
    ws = tempDir('ws');
    kenji = tempDir('kenji');
    expect((await handoff(kenji, ['profile', '--name', 'Kenji', '--timezone', 'Asia/Tokyo'])).code).toBe(0);
    expect((await handoff(kenji, ['workspace', 'use-folder', ws])).code).toBe(0);
    bundle(ws, 'good-one');
  });

  it('a manifest whose video is missing shows as syncing, then ready when the video arrives', async () => {
    bundle(ws, 'no-video', { video: null });
    const first = await sync();
    expect(first.indexed.updates).toBe(1);
    expect(first.syncing).toEqual([expect.objectContaining({ clipId: 'no-video', reason: expect.stringContaining('not arrived') })]);
    expect((await inbox()).workdays[0].clips.find((c) => c.id === 'no-video')?.state).toBe('syncing');
    put(ws, 'updates/no-video/video.mp4', VIDEO);
    const second = await sync();
    expect(second.mode).toBe('incremental');
    expect(second.syncing).toEqual([]);
    expect((await inbox()).workdays[0].clips.find((c) => c.id === 'no-video')?.state).toBe('ready');
    // Lazy media: sync copied no video; fetching it brings the workspace's bytes into the media cache.
    expect(existsSync(path.join(kenji, 'clips', 'no-video', 'video.mp4'))).toBe(false);
    const fetched = await handoff(kenji, ['--json', 'media', 'no-video', '--fetch']);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.json<{ state: string }>().state).toBe('cached');
    expect(readFileSync(path.join(kenji, 'cache', 'media', 'no-video.mp4')).equals(VIDEO)).toBe(true);
  });

  it('a half-written video is syncing (bytes so far shown), and ready once complete', async () => {
    bundle(ws, 'half-vid', { video: VIDEO.subarray(0, 1000) });
    const first = await sync();
    expect(first.syncing).toEqual([expect.objectContaining({ clipId: 'half-vid', reason: expect.stringContaining('1000 of 4096') })]);
    appendFileSync(path.join(ws, 'updates', 'half-vid', 'video.mp4'), VIDEO.subarray(1000));
    const second = await sync();
    expect(second.syncing).toEqual([]);
    expect((await inbox()).workdays[0].clips.find((c) => c.id === 'half-vid')?.state).toBe('ready');
  });

  it('truncated JSON is reported and skipped; the rest is indexed', async () => {
    const text = JSON.stringify(manifest('truncated'));
    bundle(ws, 'truncated', { manifest: text.slice(0, text.length / 2) });
    put(ws, 'events/good-one/evt-truncated.json', '{"schema":1,"id":"evt-trun');
    const report = await sync();
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'updates/truncated/manifest.json', kind: 'malformed' }),
        expect.objectContaining({ key: 'events/good-one/evt-truncated.json', kind: 'malformed' }),
      ]),
    );
    expect(clipIds(await inbox())).toEqual(['good-one']);
  });

  it('an unknown schema version is reported and skipped', async () => {
    bundle(ws, 'from-future', { manifest: JSON.stringify({ ...manifest('from-future'), schema: 2 }) });
    const report = await sync();
    expect(report.problems).toEqual([expect.objectContaining({ clipId: 'from-future', kind: 'unknown-version', message: expect.stringContaining('2') })]);
    expect(clipIds(await inbox())).toEqual(['good-one']);
  });

  it.skipIf(!hasFfmpeg())('a duplicate id with different content never overwrites (needs ffmpeg to import a local clip)', async () => {
    const video = makeTinyMp4(path.join(tempDir('faults-media'), 'mine.mp4'), 2);
    const mine = await addClipFromFile(kenji, video, { recordedAt: new Date('2026-11-20T01:00:00Z'), title: 'Mine' });
    bundle(ws, mine, { manifest: JSON.stringify({ ...manifest(mine), title: 'Theirs' }) });
    const report = await sync();
    expect(report.problems).toEqual([expect.objectContaining({ clipId: mine, kind: 'conflict' })]);
    const box = await inbox();
    expect(box.workdays.flatMap((d) => d.clips).find((c) => c.id === mine)).toMatchObject({ title: 'Mine', author: 'Kenji' });
    // The folder backend refuses to replace a file with different content, and accepts the same content again.
    const backend = createFolderBackend(ws);
    const key = 'updates/good-one/manifest.json';
    await expect(backend.putOnce(key, Buffer.from('{}'))).rejects.toThrow(/already exists/);
    await expect(backend.putOnce(key, readFileSync(path.join(ws, ...key.split('/'))))).resolves.toBe('exists');
    // A manifest that changes after it was indexed keeps the first version and is reported.
    put(ws, key, JSON.stringify({ ...manifest('good-one'), title: 'rewritten' }));
    announce(ws, key);
    const again = await handoff(kenji, ['--json', 'sync']);
    expect(again.json<Report>().problems).toEqual(expect.arrayContaining([expect.objectContaining({ key, kind: 'conflict' })]));
    expect((await inbox()).workdays.flatMap((d) => d.clips).find((c) => c.id === 'good-one')?.title).toBe('update good-one');
  });

  it('a recordedAt in the future is indexed as it is and flagged', async () => {
    bundle(ws, 'time-trav', { manifest: JSON.stringify(manifest('time-trav', { recordedAt: '2031-01-01T00:00:00.000Z' })) });
    const report = await sync();
    expect(report.problems).toEqual([expect.objectContaining({ clipId: 'time-trav', kind: 'future-timestamp' })]);
    const clip = (await inbox()).workdays.flatMap((d) => d.clips).find((c) => c.id === 'time-trav');
    expect(clip).toMatchObject({ future: true, recordedAt: '2031-01-01T00:00:00.000Z', workday: '2031-01-01' });
  });

  it('an event for an update not synced yet waits, then lands', async () => {
    const event = { schema: 1, id: 'evt-early1', clipId: 'late-clip', kind: 'seen', author: { id: 'x1', name: 'Bo' }, createdAt: '2026-11-20T10:00:00Z', atMs: null, emoji: null, text: null, replyClipId: null };
    put(ws, 'events/late-clip/evt-early1.json', JSON.stringify(event));
    announce(ws, 'events/late-clip/evt-early1.json');
    const first = await sync();
    expect(first.syncing).toEqual([expect.objectContaining({ key: 'events/late-clip/evt-early1.json' })]);
    bundle(ws, 'late-clip');
    const second = await sync();
    expect(second.indexed.events).toBe(1);
    const events = (await handoff(kenji, ['--json', 'show-events', 'late-clip'])).json<{ events: { kind: string }[] }>();
    expect(events.events.map((e) => e.kind)).toEqual(['seen']);
  });
});
