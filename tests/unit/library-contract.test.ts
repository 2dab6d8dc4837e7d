import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import { parseProgressTime, planTranscode } from '../../electron/core/media/transcode';
import { addClipWithTranscript } from '../support/library-fixtures';

let dir: string;
let core: Core;
let events: [string, unknown][];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-library-contract-'));
  core = composeCore({
    dataDir: dir,
    resourcesDir: dir,
    version: '0.0.0',
    env: {},
    platform: 'linux',
    logger: createMemoryLogger(),
    clock: () => new Date('2026-03-02T10:00:00Z'),
  });
  events = [];
  core.events.onAny((event, payload) => events.push([event, payload]));
});
afterEach(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('library through the contract', () => {
  it('gets, renames, searches and deletes, emitting clips:changed', async () => {
    const id = addClipWithTranscript(core.db, { title: 'Weekly sync' }, ['the vendor contract renews in april']);
    const got = await core.dispatch('clips:get', { id });
    expect(got).toMatchObject({ ok: true, value: { id, title: 'Weekly sync', segments: [{ idx: 0, startMs: 0, text: 'the vendor contract renews in april' }] } });

    expect(await core.dispatch('clips:rename', { id, title: '  Vendor renewal  ' })).toMatchObject({ ok: true, value: { title: 'Vendor renewal' } });
    expect(events).toContainEqual(['clips:changed', { ids: [id] }]);
    expect(await core.dispatch('clips:rename', { id, title: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const found = await core.dispatch('search:query', { query: 'renew*' });
    // The title outranks the transcript (bm25 weights).
    expect(found).toMatchObject({ ok: true, value: { hits: [{ clipId: id, field: 'clip', startMs: null }, { clipId: id, field: 'transcript', startMs: 0 }] } });
    expect(await core.dispatch('search:query', { query: '"((NEAR title: 🚀' })).toMatchObject({ ok: true, value: { hits: [] } });

    expect(await core.dispatch('clips:delete', { id })).toEqual({ ok: true, value: { id, filesRemoved: true, filesProblem: null } });
    expect(await core.dispatch('clips:get', { id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await core.dispatch('clips:delete', { id: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('lists one thread of replies, newest first, with its own total', async () => {
    const parent = addClipWithTranscript(core.db, { title: 'Plan' }, []);
    const other = addClipWithTranscript(core.db, { title: 'Other' }, []);
    const first = addClipWithTranscript(core.db, { title: 'Re: Plan', replyTo: parent, recordedAt: new Date('2026-03-02T11:00:00Z') }, []);
    const second = addClipWithTranscript(core.db, { title: 'Re: Plan again', replyTo: parent, recordedAt: new Date('2026-03-02T12:00:00Z') }, []);
    addClipWithTranscript(core.db, { title: 'Re: Other', replyTo: other }, []);

    const thread = await core.dispatch('clips:list', { replyTo: parent });
    expect(thread).toMatchObject({ ok: true, value: { total: 2, clips: [{ id: second }, { id: first }] } });
    const paged = await core.dispatch('clips:list', { replyTo: parent, before: '2026-03-02T12:00:00Z' });
    expect(paged).toMatchObject({ ok: true, value: { total: 2, clips: [{ id: first }] } });
    expect(await core.dispatch('clips:list', {})).toMatchObject({ ok: true, value: { total: 5 } });
    expect(await core.dispatch('clips:list', { replyTo: '../x' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('adds the integrity checks to doctor', () => {
    expect(core.library.doctorChecks()).toEqual([
      expect.objectContaining({ name: 'library database', ok: true }),
      expect.objectContaining({ name: 'search index', ok: true }),
    ]);
  });
});

describe('transcode helpers', () => {
  it('reads the media time from ffmpeg -progress output', () => {
    expect(parseProgressTime('frame=10\nout_time_us=1500000\nout_time_ms=1500000\nprogress=continue\n')).toBe(1500);
    expect(parseProgressTime('out_time_us=N/A\nprogress=continue\n')).toBeNull();
  });

  it('copies H.264 and AAC and encodes the rest', () => {
    const h264 = { formatName: 'mov', durationMs: 1000, sizeBytes: 1, video: { codec: 'h264', width: 2, height: 2, fps: 30 }, audio: { codec: 'opus', sampleRate: 48000, channels: 1 } };
    const plan = planTranscode(h264, 'in', 'out.mp4');
    expect([plan.copyVideo, plan.copyAudio]).toEqual([true, false]);
    expect(plan.args.join(' ')).toContain('-c:v copy');
    expect(plan.args.join(' ')).toContain('-c:a aac');
    expect(plan.args).toContain('+faststart');
  });
});
