// Hostile or broken workspace entries against the real sync, in a real folder workspace and a real s3rver bucket:
// symlinks out of the workspace are never followed, every copied file (not only the video) must match the manifest's
// size and SHA-256, JSON files are read only up to their kind's limit (a refused one is not read again until it
// changes), and an invalid time zone or a file name like `..` is reported as a problem instead of vanishing.
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/library/database';
import { createSettingsStore } from '../../electron/core/library/settings-store';
import { createMemoryLogger } from '../../electron/core/logger';
import type { WorkspaceBackend } from '../../electron/core/workspace/backend';
import { JSON_LIMITS } from '../../electron/core/workspace/files';
import { createFolderBackend } from '../../electron/core/workspace/folder-backend';
import { createPeople } from '../../electron/core/workspace/people';
import { createS3Backend } from '../../electron/core/workspace/s3-backend';
import { createWorkspaceTranscripts } from '../../electron/core/workspace/transcripts';
import { createClipsStore } from '../../electron/core/library/clips-store';
import { createSyncer } from '../../electron/core/workspace/sync';
import { createSyncStore } from '../../electron/core/workspace/sync-store';
import { fileRef, s3Env, startS3rver, tempDir, testManifest } from '../support/workspace-helpers';

const VIDEO = Buffer.alloc(4096, 7);
const CAPTIONS = Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n');
const ref = fileRef;

const manifest = (id: string, overrides: Record<string, unknown> = {}) => testManifest(id, VIDEO, overrides);

/** A library (in-memory SQLite, real clip folder) that syncs from `backend`; `reads` counts the JSON reads. */
function library(backend: WorkspaceBackend) {
  const db: Db = openDatabase(':memory:', createMemoryLogger());
  const clock = () => new Date('2026-11-21T00:00:00Z');
  const clipsDir = path.join(tempDir('clips'), 'clips');
  const store = createSyncStore(db, clock);
  const people = createPeople({ db, settings: createSettingsStore(db), clock, detectTimezone: () => 'Asia/Tokyo', defaultName: 'Kenji' });
  const reads: string[] = [];
  const counted: WorkspaceBackend = {
    ...backend,
    list: (prefix, after) => backend.list(prefix, after),
    get: (key, options) => (reads.push(key), backend.get(key, options)),
  };
  const sync = (full = true) =>
    createSyncer({
      db, clips: createClipsStore({ db, clock, onChanged: () => undefined }), backend: counted, store, people, clipsDir, clock, logger: createMemoryLogger(), meId: people.getProfile().id,
      transcripts: createWorkspaceTranscripts({ db, clipsDir, clock, logger: createMemoryLogger() }),
    }).run({ full });
  const state = (id: string) => (db.prepare('SELECT state FROM clips WHERE id = ?').get(id) as { state: string } | undefined)?.state ?? null;
  return { db, clipsDir, sync, reads, state };
}

describe('a folder workspace', () => {
  let ws: string;
  let outside: string;
  const put = (key: string, body: Buffer | string) => {
    const file = path.join(ws, ...key.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
    return file;
  };
  const link = (key: string, target: string) => {
    const file = path.join(ws, ...key.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(target, file);
  };

  beforeEach(() => {
    ws = tempDir('ws');
    outside = path.join(tempDir('outside'), 'secret.txt');
    writeFileSync(outside, 'the private key of someone on this machine\n');
  });

  it('never follows captions.vtt out of the workspace, even when the manifest knows its size and hash', async () => {
    const secret = readFileSync(outside);
    put('updates/linkcap01/video.mp4', VIDEO);
    link('updates/linkcap01/captions.vtt', outside);
    put('updates/linkcap01/manifest.json', JSON.stringify(manifest('linkcap01', { files: { video: ref('video.mp4', VIDEO), captions: ref('captions.vtt', secret) } })));
    const lib = library(createFolderBackend(ws));
    const report = await lib.sync();
    expect(lib.state('linkcap01')).toBe('ready');
    expect(existsSync(path.join(lib.clipsDir, 'linkcap01', 'captions.vtt'))).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ key: 'updates/linkcap01/captions.vtt', clipId: 'linkcap01', message: expect.stringMatching(/outside the workspace/) }),
    );
  });

  it('a video that links out of the workspace is a problem, not copied and not "syncing" forever', async () => {
    writeFileSync(outside, VIDEO);
    link('updates/linkvid01/video.mp4', outside);
    put('updates/linkvid01/manifest.json', JSON.stringify(manifest('linkvid01')));
    const lib = library(createFolderBackend(ws));
    const report = await lib.sync();
    expect(lib.state('linkvid01')).toBeNull();
    expect(existsSync(path.join(lib.clipsDir, 'linkvid01', 'video.mp4'))).toBe(false);
    expect(report.syncing.map((s) => s.key)).not.toContain('updates/linkvid01/manifest.json');
    expect(report.problems).toContainEqual(expect.objectContaining({ key: 'updates/linkvid01/manifest.json', message: expect.stringMatching(/outside the workspace/) }));
  });

  it('a link that stays inside the workspace is followed', async () => {
    put('shared/captions.vtt', CAPTIONS);
    put('updates/linkins01/video.mp4', VIDEO);
    link('updates/linkins01/captions.vtt', path.join(ws, 'shared', 'captions.vtt'));
    put('updates/linkins01/manifest.json', JSON.stringify(manifest('linkins01', { files: { video: ref('video.mp4', VIDEO), captions: ref('captions.vtt', CAPTIONS) } })));
    const lib = library(createFolderBackend(ws));
    await lib.sync();
    expect(readFileSync(path.join(lib.clipsDir, 'linkins01', 'captions.vtt'))).toEqual(CAPTIONS);
  });

  it('checks the size and hash of the thumbnail, captions and transcript, not only the video', async () => {
    const transcript = Buffer.from(JSON.stringify({ schema: 1, clipId: 'extras001', segments: [] }));
    put('updates/extras001/video.mp4', VIDEO);
    put('updates/extras001/captions.vtt', Buffer.concat([CAPTIONS, Buffer.from('and much more than the manifest said\n')]));
    put('updates/extras001/thumb.jpg', Buffer.alloc(100, 1));
    put('updates/extras001/transcript.json', transcript);
    put(
      'updates/extras001/manifest.json',
      JSON.stringify(
        manifest('extras001', {
          files: { video: ref('video.mp4', VIDEO), captions: ref('captions.vtt', CAPTIONS), thumb: ref('thumb.jpg', Buffer.alloc(100, 2)), transcript: ref('transcript.json', transcript) },
        }),
      ),
    );
    const lib = library(createFolderBackend(ws));
    const report = await lib.sync();
    const dir = path.join(lib.clipsDir, 'extras001');
    expect(lib.state('extras001')).toBe('ready');
    // The refused captions are not kept; captions made from the (valid) transcript may stand in their place.
    const captions = path.join(dir, 'captions.vtt');
    expect(existsSync(captions) ? readFileSync(captions, 'utf8') : '').not.toContain('and much more than the manifest said');
    expect(existsSync(path.join(dir, 'thumb.jpg'))).toBe(false);
    expect(readFileSync(path.join(dir, 'transcript.json'))).toEqual(transcript);
    const problemKeys = report.problems.map((p) => p.key);
    expect(problemKeys).toEqual(expect.arrayContaining(['updates/extras001/captions.vtt', 'updates/extras001/thumb.jpg']));
    expect(report.problems.filter((p) => p.key === 'updates/extras001/transcript.json')).toEqual([]);
  });

  it('copies no extra larger than its kind may be, whatever the manifest declares', async () => {
    const big = put('updates/bigcap001/captions.vtt', '');
    truncateSync(big, 100 * 1024 * 1024);
    put('updates/bigcap001/video.mp4', VIDEO);
    const declared = { name: 'captions.vtt', size: 100 * 1024 * 1024, sha256: 'a'.repeat(64) };
    put('updates/bigcap001/manifest.json', JSON.stringify(manifest('bigcap001', { files: { video: ref('video.mp4', VIDEO), captions: declared } })));
    const lib = library(createFolderBackend(ws));
    const report = await lib.sync();
    expect(lib.state('bigcap001')).toBe('ready');
    expect(existsSync(path.join(lib.clipsDir, 'bigcap001', 'captions.vtt'))).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ key: 'updates/bigcap001/captions.vtt', message: expect.stringMatching(/more than the \d+ it may have/) }));
  });

  it('refuses a 1.5 GB sparse manifest unread, and does not read it again until it changes', async () => {
    put('updates/hugeman01/video.mp4', VIDEO);
    const file = put('updates/hugeman01/manifest.json', '{"schema":1,');
    truncateSync(file, 1.5 * 1024 ** 3);
    const lib = library(createFolderBackend(ws));
    const before = process.memoryUsage().rss;
    const first = await lib.sync();
    // Refused on its size: nothing near 1.5 GB was read into memory.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2);
    expect(first.problems).toContainEqual(
      expect.objectContaining({ key: 'updates/hugeman01/manifest.json', kind: 'malformed', message: expect.stringMatching(/1610612736 bytes, more than the 1048576/) }),
    );
    expect(first.syncing).toEqual([]);
    lib.reads.length = 0;
    await lib.sync();
    expect(lib.reads).not.toContain('updates/hugeman01/manifest.json');
    // Replaced by a proper manifest: read again, and indexed.
    writeFileSync(file, JSON.stringify(manifest('hugeman01')));
    const fixed = await lib.sync();
    expect(lib.reads).toContain('updates/hugeman01/manifest.json');
    expect(lib.state('hugeman01')).toBe('ready');
    expect(fixed.problems.map((p) => p.key)).not.toContain('updates/hugeman01/manifest.json');
  });

  it('caps events and people files too', async () => {
    put('events/someclip1/event00001.json', `{"schema":1,"text":"${'x'.repeat(JSON_LIMITS.event)}"}`);
    put('people/mallory.json', `{"schema":1,"name":"${'y'.repeat(JSON_LIMITS.person)}"}`);
    const lib = library(createFolderBackend(ws));
    const report = await lib.sync();
    const tooBig = report.problems.filter((p) => /more than the/.test(p.message)).map((p) => p.key);
    expect(tooBig.sort()).toEqual(['events/someclip1/event00001.json', 'people/mallory.json']);
  });

  it('reports an invalid authorTimezone and a video named `..` as problems, not silently missing or syncing forever', async () => {
    put('updates/badzone01/video.mp4', VIDEO);
    put('updates/badzone01/manifest.json', JSON.stringify(manifest('badzone01', { authorTimezone: 'Mars/Olympus_Mons' })));
    put('updates/dotdot001/manifest.json', JSON.stringify(manifest('dotdot001', { files: { video: { ...ref('video.mp4', VIDEO), name: '..' } } })));
    const lib = library(createFolderBackend(ws));
    const report = await lib.sync();
    expect(report.problems).toContainEqual(
      expect.objectContaining({ key: 'updates/badzone01/manifest.json', kind: 'malformed', message: expect.stringMatching(/authorTimezone: not an IANA time zone/) }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ key: 'updates/dotdot001/manifest.json', kind: 'malformed', message: expect.stringMatching(/files\.video\.name/) }),
    );
    // Not a clip stuck in "syncing" nor one missing from the inbox: no clip, and a reported problem.
    expect(lib.state('badzone01')).toBeNull();
    expect(lib.state('dotdot001')).toBeNull();
  });
});

describe('an S3 workspace (s3rver)', () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let backend: WorkspaceBackend;
  beforeAll(async () => {
    s3 = await startS3rver('hostile');
    backend = createS3Backend({ endpoint: s3.endpoint, bucket: 'hostile', prefix: 'team', region: 'us-east-1', pathStyle: true }, s3Env);
  });
  afterAll(async () => {
    backend?.close();
    await s3?.close();
  });

  it('refuses an oversized manifest with a ranged read, and skips it until it changes', async () => {
    await backend.putOnce('updates/s3huge001/video.mp4', VIDEO);
    await backend.putOnce('updates/s3huge001/manifest.json', Buffer.alloc(JSON_LIMITS.manifest + 10, 0x20));
    const lib = library(backend);
    const first = await lib.sync();
    expect(first.problems).toContainEqual(expect.objectContaining({ key: 'updates/s3huge001/manifest.json', message: expect.stringMatching(/more than the 1048576/) }));
    lib.reads.length = 0;
    await lib.sync();
    expect(lib.reads).not.toContain('updates/s3huge001/manifest.json');
    await backend.replace('updates/s3huge001/manifest.json', Buffer.from(JSON.stringify(manifest('s3huge001'))));
    await lib.sync();
    expect(lib.state('s3huge001')).toBe('ready');
  });

  it('checks the extras from S3 against the manifest too, and stops a video download at its declared size', async () => {
    await backend.putOnce('updates/s3extra01/video.mp4', VIDEO);
    await backend.putOnce('updates/s3extra01/captions.vtt', Buffer.from('WEBVTT\n\nnot what the manifest says\n'));
    await backend.putOnce('updates/s3extra01/manifest.json', Buffer.from(JSON.stringify(manifest('s3extra01', { files: { video: ref('video.mp4', VIDEO), captions: ref('captions.vtt', CAPTIONS) } }))));
    const lib = library(backend);
    const report = await lib.sync();
    expect(lib.state('s3extra01')).toBe('ready');
    expect(existsSync(path.join(lib.clipsDir, 's3extra01', 'captions.vtt'))).toBe(false);
    expect(report.problems.map((p) => p.key)).toContain('updates/s3extra01/captions.vtt');
    const dest = path.join(tempDir('dl'), 'v.mp4');
    await expect(backend.download('updates/s3extra01/video.mp4', dest, { maxBytes: 100 })).rejects.toThrow(/more than the 100 bytes/);
    expect(existsSync(dest)).toBe(false);
  });
});
