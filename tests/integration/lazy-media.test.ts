// Lazy media (issue 19), against a real folder workspace and a real bucket on s3rver: Anna publishes four real MP4
// updates with the CLI; Kenji's library (a real core, with a clock the test moves) syncs them without copying a video,
// plays one by Range through the media route, keeps one offline, has one that needs his reply, and evicts under the
// cap without touching those or the one playing. A video removed from the workspace is a clear 'missing' state.
import { readdirSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import { PLAYING_GRACE_MS } from '../../electron/core/media/media-cache';
import type { EventName } from '../../shared/contract';
import type { MediaStatus } from '../../shared/contract/media';
import { repoRoot } from '../support/temp-core';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, s3Env, startS3rver, tempDir } from '../support/workspace-helpers';

const ffmpeg = hasFfmpeg();

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

function scenario(kind: 'folder' | 's3') {
  let stopS3: (() => Promise<void>) | null = null;
  let useWorkspace: string[];
  let removeRemoteVideo: (id: string) => Promise<void>;
  let core: Core;
  let now = Date.parse('2026-11-21T03:00:00Z');
  const berlin = tempDir('berlin');
  const tokyo = tempDir('tokyo');
  const ids: Record<'ask' | 'plain' | 'kept' | 'old', string> = { ask: '', plain: '', kept: '', old: '' };
  const heard: { event: EventName; payload: unknown }[] = [];
  const original = (id: string) => readFileSync(path.join(berlin, 'clips', id, 'video.mp4'));
  const videosUnder = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mp4')) : [];

  beforeAll(async () => {
    const ws = tempDir('ws');
    if (kind === 'folder') {
      useWorkspace = ['workspace', 'use-folder', ws];
      removeRemoteVideo = async (id) => rmSync(path.join(ws, 'updates', id, 'video.mp4'));
    } else {
      const s3 = await startS3rver('lazy-media');
      stopS3 = s3.close;
      useWorkspace = ['workspace', 'use-s3', '--bucket', 'lazy-media', '--endpoint', s3.endpoint, '--prefix', 'team', '--path-style'];
      removeRemoteVideo = async (id) => {
        const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
        await client.send(new DeleteObjectCommand({ Bucket: 'lazy-media', Key: `team/updates/${id}/video.mp4` }));
        client.destroy();
      };
    }
    const media = tempDir('media');
    const ok = async (args: string[]) => {
      const run = await handoff(berlin, args, s3Env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    };
    await ok(['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin']);
    await ok(useWorkspace);
    for (const [i, name] of (['old', 'kept', 'ask', 'plain'] as const).entries()) {
      const video = makeTinyMp4(path.join(media, `${name}.mp4`), 3 + i, 300 + 100 * i);
      ids[name] = await addClipFromFile(berlin, video, { recordedAt: new Date(Date.UTC(2026, 10, 20, 9 + i)), title: name }, s3Env);
      if (name === 'ask') await ok(['edit', ids.ask, '--ask', 'Kenji, can you approve?', '--urgency', 'reply-needed']);
      await ok(['publish', ids[name]]);
    }

    core = composeCore({
      dataDir: tokyo,
      resourcesDir: path.join(repoRoot, 'resources'),
      version: '0.0.0-test',
      env: { ...process.env, ...s3Env },
      platform: process.platform,
      logger: createMemoryLogger(),
      clock: () => new Date(now),
    });
    core.events.onAny((event, payload) => heard.push({ event, payload }));
    await call(core, 'profile:set', { name: 'Kenji', timezone: 'Asia/Tokyo' });
    const [, , ...where] = useWorkspace;
    if (kind === 'folder') await call(core, 'workspace:useFolder', { dir: where[0] });
    else await call(core, 'workspace:useS3', { bucket: 'lazy-media', endpoint: where[3], prefix: 'team', pathStyle: true });
  }, 120_000);

  afterAll(async () => {
    await core?.settle();
    core?.close();
    await stopS3?.();
  });

  it('a sync from scratch brings every update but no video', async () => {
    const report = await core.workspace.sync();
    expect(report.indexed.updates).toBe(4);
    expect(report.syncing).toEqual([]);
    for (const id of Object.values(ids)) {
      expect((await call<{ state: string }>(core, 'clips:get', { id })).state).toBe('ready');
      // The small files came: the thumbnail is here, so the inbox shows the update before anything is played.
      expect(existsSync(path.join(tokyo, 'clips', id, 'thumb.jpg'))).toBe(true);
    }
    expect(videosUnder(tokyo)).toEqual([]);
    expect((await call<MediaStatus>(core, 'media:status', { id: ids.plain })).state).toBe('remote');
  });

  it('plays a remote video by Range through the media route, byte for byte', async () => {
    const bytes = original(ids.plain);
    const response = await core.media.serve(ids.plain, 'video.mp4', 'bytes=100-1099');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(100, 1100))).toBe(true);
    await core.media.whenIdle();
    const status = await call<MediaStatus>(core, 'media:status', { id: ids.plain });
    // S3: what was played is cached behind the stream. A folder is read in place: nothing copied.
    if (kind === 's3') {
      expect(status.state).toBe('cached');
      expect(readFileSync(path.join(tokyo, 'cache', 'media', `${ids.plain}.mp4`)).equals(bytes)).toBe(true);
    } else {
      expect(status.state).toBe('remote');
      expect(videosUnder(tokyo)).toEqual([]);
    }
  });

  it('evicts under the cap, least recently played first, never a pinned clip, one needing my reply, or one playing', async () => {
    const size = (id: string) => original(id).length;
    await call(core, 'media:fetch', { id: ids.old });
    now += PLAYING_GRACE_MS + 1;
    const kept = await call<MediaStatus>(core, 'media:pin', { id: ids.kept, pinned: true });
    expect(kept.pinnedBy).toBe('me');
    await core.media.whenIdle();
    const ask = await call<MediaStatus>(core, 'media:fetch', { id: ids.ask });
    expect(ask).toMatchObject({ state: 'cached', pinnedBy: 'needs-reply' });
    if (kind === 'folder') await call(core, 'media:fetch', { id: ids.plain });
    now += PLAYING_GRACE_MS + 1;

    // 'plain' is being played: a stream is open on it (a player mid-video), long past the grace period.
    const playing = await core.media.serve(ids.plain, 'video.mp4', 'bytes=0-');
    const reader = playing.body!.getReader();
    await reader.read();
    now += PLAYING_GRACE_MS + 1;

    // A cap that holds only two of the four: 'old' (least recently played, unprotected) goes; nothing else can.
    await call(core, 'settings:set', { values: { 'media.cacheCapBytes': size(ids.kept) + size(ids.ask) } });
    expect(await core.mediaCache.evict()).toEqual([ids.old]);
    expect(existsSync(path.join(tokyo, 'cache', 'media', `${ids.old}.mp4`))).toBe(false);
    for (const id of [ids.kept, ids.ask, ids.plain]) expect(statSync(path.join(tokyo, 'cache', 'media', `${id}.mp4`)).size).toBe(size(id));
    expect((await call<MediaStatus>(core, 'media:status', { id: ids.old })).state).toBe('remote');

    // The player closes: 'plain' is the one to go now.
    await reader.cancel();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(await core.mediaCache.evict()).toEqual([ids.plain]);
    expect(core.mediaCache.usage()).toMatchObject({ clips: 2, pinnedClips: 2 });
  });

  it('sharing a remote clip fetches it first, with progress', async () => {
    if (kind === 'folder') {
      // No Whisper model here: the call is refused, but only after the video was fetched for the transcriber.
      await core.dispatch('transcripts:start', { clipId: ids.old });
    } else {
      const link = await call<{ url: string }>(core, 'share:create', { clipId: ids.old, expires: '1d' });
      expect(link.url).toContain('/share/');
    }
    const purpose = kind === 'folder' ? 'transcribe' : 'share';
    const progress = heard.filter((h) => h.event === 'media:progress' && (h.payload as { clipId: string }).clipId === ids.old).map((h) => h.payload);
    expect(progress.at(-1)).toMatchObject({ purpose, state: 'done', receivedBytes: original(ids.old).length, totalBytes: original(ids.old).length });
    expect(readFileSync(path.join(tokyo, 'clips', ids.old, 'video.mp4')).equals(original(ids.old))).toBe(true);
    expect((await call<MediaStatus>(core, 'media:status', { id: ids.old })).state).toBe('local');
  });

  it('a video removed from the workspace shows as missing (UI call, media route, CLI), never as a broken player', async () => {
    await call(core, 'media:pin', { id: ids.plain, pinned: false });
    now += PLAYING_GRACE_MS + 1;
    await call(core, 'settings:set', { values: { 'media.cacheCapBytes': 0 } });
    await core.mediaCache.evict();
    await removeRemoteVideo(ids.plain);
    const status = await call<MediaStatus>(core, 'media:status', { id: ids.plain });
    expect(status).toMatchObject({ state: 'missing', message: expect.stringContaining('no longer in the workspace') });
    expect(heard.some((h) => h.event === 'media:changed' && (h.payload as { ids: string[] }).ids.includes(ids.plain))).toBe(true);
    const route = await core.media.serve(ids.plain, 'video.mp4', 'bytes=0-');
    expect(route.status).toBe(410);
    const fetched = await core.dispatch('media:fetch', { id: ids.plain });
    expect(fetched).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('no longer in the workspace') } });
    const shown = await handoff(tokyo, ['show', ids.plain], s3Env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('video: missing');
  });
}

describe.skipIf(!ffmpeg)('lazy media', () => {
  describe('folder workspace', () => scenario('folder'));
  describe('S3 workspace (s3rver)', () => scenario('s3'));
});
