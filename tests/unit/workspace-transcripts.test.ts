// Transcripts read from the workspace: the newest stamp per clip is the one in the library, whatever order the files
// arrive in; an older one arriving late changes nothing; the search index follows the replacement; a transcript for
// an update not synced yet waits; my own clip's transcripts are never overwritten from the workspace.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/core/logger';
import { createSearch } from '../../electron/core/library/search';
import { createClipsStore } from '../../electron/core/library/clips-store';
import { WORKSPACE_SCHEMA } from '../../electron/core/workspace/files';
import { createWorkspaceTranscripts } from '../../electron/core/workspace/transcripts';
import { addClipWithTranscript, memoryLibraryDb } from '../support/library-fixtures';
import { tempDir } from '../support/temp-core';

const body = (clipId: string, text: string, language = 'en') =>
  Buffer.from(
    JSON.stringify({
      schema: WORKSPACE_SCHEMA,
      clipId,
      language,
      segments: [{ startMs: 1000, endMs: 3000, text, words: text.split(' ').map((w, i) => ({ startMs: 1000 + i * 300, endMs: 1250 + i * 300, text: w, p: 0.9 })) }],
    }),
  );

describe('workspace transcripts', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function setup() {
    const db = memoryLibraryDb();
    const dir = tempDir();
    cleanups.push(() => (db.close(), dir.remove()));
    const transcripts = createWorkspaceTranscripts({ db, clipsDir: dir.dir, clock: () => new Date('2026-12-05T12:00:00Z'), logger: createMemoryLogger() });
    return { db, dir: dir.dir, transcripts, search: createSearch(db), clips: createClipsStore({ db, clock: () => new Date(), onChanged: () => undefined }) };
  }

  it('keeps the newest stamp whatever order the files arrive in', async () => {
    const { db, dir, transcripts, search, clips } = setup();
    const id = addClipWithTranscript(db, { title: 'Plan', source: 'workspace' }, []);
    const newer = `updates/${id}/transcript-20261205T110000000Z-abcd.json`;
    const older = `updates/${id}/transcript-20261205T100000000Z-efgh.json`;
    expect(await transcripts.index(newer, body(id, 'walrus migration tonight'), clips)).toEqual({ outcome: 'applied', clipId: id });
    expect(await transcripts.index(older, body(id, 'penguin migration tonight'), clips)).toEqual({ outcome: 'older', clipId: id });
    expect(await transcripts.index(`updates/${id}/transcript.json`, body(id, 'penguin first draft'), clips)).toEqual({ outcome: 'older', clipId: id });
    expect(search({ query: 'walrus', limit: 5 }).hits).toEqual([expect.objectContaining({ clipId: id, field: 'transcript', startMs: 1000 })]);
    expect(search({ query: 'penguin', limit: 5 }).hits).toEqual([]);
    const words = db.prepare('SELECT w.text FROM words w JOIN segments s ON s.id = w.segment_id WHERE s.clip_id = ? ORDER BY w.idx').pluck().all(id);
    expect(words).toEqual(['walrus', 'migration', 'tonight']);
    expect(db.prepare('SELECT language, transcript_state FROM clips WHERE id = ?').get(id)).toEqual({ language: 'en', transcript_state: 'done' });
    expect(readFileSync(path.join(dir, id, 'captions.vtt'), 'utf8')).toContain('walrus migration tonight');
    // The same file again is not re-read.
    expect(await transcripts.index(newer, body(id, 'walrus migration tonight'), clips)).toEqual({ outcome: 'unchanged', clipId: id });
    // A newer one replaces it, in the index too.
    const newest = `updates/${id}/transcript-20261205T120000000Z-ijkl.json`;
    expect(await transcripts.index(newest, body(id, 'otter migration tomorrow'), clips)).toEqual({ outcome: 'applied', clipId: id });
    expect(search({ query: 'walrus', limit: 5 }).hits).toEqual([]);
    expect(search({ query: 'otter', limit: 5 }).hits).toHaveLength(1);
  });

  it('waits for the update, refuses a mismatched file, and never overwrites my own clip', async () => {
    const { db, transcripts, clips } = setup();
    expect(await transcripts.index('updates/abcdefgh/transcript.json', body('abcdefgh', 'hello'), clips)).toEqual({ outcome: 'waiting', clipId: 'abcdefgh' });
    const mine = addClipWithTranscript(db, { title: 'Mine', source: 'recorded' }, ['my own words']);
    expect(await transcripts.index(`updates/${mine}/transcript-20261205T110000000Z-abcd.json`, body(mine, 'other words'), clips)).toEqual({ outcome: 'older', clipId: mine });
    expect(db.prepare('SELECT text FROM segments WHERE clip_id = ?').pluck().all(mine)).toEqual(['my own words']);
    const other = addClipWithTranscript(db, { title: 'Theirs', source: 'workspace' }, []);
    expect(await transcripts.index(`updates/${other}/transcript.json`, body(mine, 'x'), clips)).toMatchObject({ outcome: 'problem', kind: 'malformed' });
    expect(await transcripts.index(`updates/${other}/transcript.json`, Buffer.from('{"schema":1,'), clips)).toMatchObject({ outcome: 'problem', kind: 'malformed' });
  });
});
