// The media cache's eviction (issue 19): under its cap, least recently played first, and never a clip kept offline,
// one that needs my reply, or one playing. Real SQLite (in memory, migrated), real files in a temp folder.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { insertClip } from '../../electron/core/library/clips-store';
import { openDatabase, type Db } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { createMediaCache, PLAYING_GRACE_MS, type MediaCache } from '../../electron/core/media/media-cache';
import { needsMyReply } from '../../electron/core/workspace/remote-media';

const ME = { id: 'me-1', name: 'Ana' };
const KB = 1000;

describe('media cache eviction', () => {
  let db: Db;
  let dir: string;
  let now: number;
  let cap: number;
  let cache: MediaCache;

  function teammateClip(id: string, ask: string | null = null) {
    insertClip(
      db,
      { id, authorName: 'Kenji', authorTimezone: 'Asia/Tokyo', recordedAt: new Date(now), title: id, ask, state: 'ready', source: 'workspace' },
      new Date(now),
    );
  }

  /** A fetched video: its bytes on disk, then recorded (which evicts what no longer fits). */
  async function fetched(id: string, bytes = KB) {
    writeFileSync(cache.fileOf(id), Buffer.alloc(bytes, 1));
    now += PLAYING_GRACE_MS + 1;
    return cache.add(id, bytes);
  }

  beforeEach(() => {
    db = openDatabase(':memory:', createMemoryLogger());
    dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-media-cache-'));
    now = Date.parse('2026-12-01T09:00:00Z');
    cap = 3 * KB;
    cache = createMediaCache({
      db,
      dir,
      clock: () => new Date(now),
      logger: createMemoryLogger(),
      capBytes: () => cap,
      autoPinned: (ids) => needsMyReply(db, ME, ids),
    });
    for (const id of ['clip-aaa', 'clip-bbb', 'clip-ccc', 'clip-ddd', 'clip-eee']) teammateClip(id);
  });

  it('evicts the least recently played first, file and row', async () => {
    await fetched('clip-aaa');
    await fetched('clip-bbb');
    await fetched('clip-ccc');
    now += PLAYING_GRACE_MS + 1;
    cache.played('clip-aaa'); // aaa is now the most recently played
    now += PLAYING_GRACE_MS + 1;
    expect(await fetched('clip-ddd')).toEqual(['clip-bbb']);
    expect(existsSync(cache.fileOf('clip-bbb'))).toBe(false);
    expect(await cache.lookup('clip-bbb')).toBeNull();
    expect(await cache.lookup('clip-aaa')).toBe(cache.fileOf('clip-aaa'));
    expect(cache.usage()).toMatchObject({ bytes: 3 * KB, clips: 3, capBytes: cap });
  });

  it('never evicts a clip kept offline, one that needs my reply, or one playing', async () => {
    teammateClip('clip-ask', 'Can you approve the rollout?');
    await fetched('clip-aaa'); // oldest: kept offline
    cache.setPinned('clip-aaa', true);
    await fetched('clip-ask'); // asks me something
    await fetched('clip-bbb'); // being streamed right now
    const stopPlaying = cache.lease('clip-bbb');
    now += PLAYING_GRACE_MS + 1;

    // Over the cap, and every clip in the cache is protected: nothing goes, and the cache says it is over.
    expect(await fetched('clip-ccc')).toEqual([]);
    for (const id of ['clip-aaa', 'clip-ask', 'clip-bbb', 'clip-ccc']) expect(existsSync(cache.fileOf(id))).toBe(true);
    expect(cache.usage()).toMatchObject({ bytes: 4 * KB, pinnedClips: 2 });

    // The player stops: bbb is the least recently played unprotected clip, so it goes when the next one arrives.
    stopPlaying();
    expect(await fetched('clip-ddd')).toEqual(['clip-bbb', 'clip-ccc']);
    expect([...['clip-aaa', 'clip-ask', 'clip-ddd'].map((id) => existsSync(cache.fileOf(id)))]).toEqual([true, true, true]);

    // Answering the ask ends its pin; unpinning ends the other.
    db.prepare(`INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at) VALUES ('evt-done1', 'clip-ask', 'done', ?, 'Ana', ?)`).run(
      ME.id,
      new Date(now).toISOString(),
    );
    cache.setPinned('clip-aaa', false);
    cap = KB;
    expect((await cache.evict()).sort()).toEqual(['clip-aaa', 'clip-ask']);
    expect(cache.usage()).toMatchObject({ bytes: KB, clips: 1, pinnedClips: 0 });
  });

  it('a clip served a moment ago counts as playing until the grace period ends', async () => {
    await fetched('clip-aaa');
    await fetched('clip-bbb');
    await fetched('clip-ccc');
    now += PLAYING_GRACE_MS + 1;
    cache.played('clip-aaa');
    cache.played('clip-bbb');
    cache.played('clip-ccc');
    cap = KB;
    // All three were just served by the media route: a player between two Range requests is still playing.
    expect(await cache.evict()).toEqual([]);
    now += PLAYING_GRACE_MS + 1;
    expect(await cache.evict()).toEqual(['clip-aaa', 'clip-bbb']);
  });

  it('forgets a cached file that was removed behind its back instead of serving it', async () => {
    await fetched('clip-aaa');
    writeFileSync(cache.fileOf('clip-aaa'), Buffer.alloc(10));
    expect(await cache.lookup('clip-aaa')).toBeNull();
    expect(cache.usage().clips).toBe(0);
  });
});
