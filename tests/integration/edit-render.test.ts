// Smart cut on a real recording made with the flash-and-beep source (a white flash and a 1 kHz beep over the first
// 100 ms of every second) and a synthetic camera bubble whose picture changes every frame: after three cuts the output
// lasts the kept time, each kept flash still meets its beep, the frames either side of each cut are the right ones,
// ffmpeg decodes it without a word, and the captions are in edited time. Real recorder, real ffmpeg, real SQLite.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOptions } from '../../shared/contract/recorder';
import { originalToEdited } from '../../shared/edit/ranges';
import { saveTranscript } from '../../electron/core/transcribe/transcript-store';
import { flashOnsets, probe, soundOnsets, topLevelBoxes } from '../support/media-check';
import { makeTempCore } from '../support/temp-core';

const ffmpegMissing = spawnSync('ffmpeg', ['-version']).status !== 0;
const FPS = 30;
const frame = 1000 / FPS;

/** Raw RGB of the frame shown at `seconds` (the same seek rule for both files, so frames compare like for like). */
function rgbAt(file: string, seconds: number): Buffer {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-ss', seconds.toFixed(4), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return r.stdout;
}

function difference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) sum += Math.abs(a[i] - b[i]);
  return sum / Math.max(1, Math.min(a.length, b.length));
}

/** Which original frame (offset from `originalFrame`, within ±4) the output's frame at `editedSeconds` is. */
function matchedOffset(output: string, editedSeconds: number, original: string, originalFrame: number): number {
  const shown = rgbAt(output, editedSeconds);
  let best = { offset: 99, diff: Infinity };
  for (let offset = -4; offset <= 4; offset++) {
    const diff = difference(shown, rgbAt(original, (originalFrame + offset) / FPS));
    if (diff < best.diff) best = { offset, diff };
  }
  return best.offset;
}

describe.skipIf(ffmpegMissing)('smart cut of a flash-and-beep recording', () => {
  const temp = makeTempCore();
  const { core } = temp;
  let clipId = '';
  let original = '';

  beforeAll(async () => {
    await core.recorder.start(recordOptions.parse({ synthetic: 'sync', mic: 'synthetic', camera: 'synthetic', maxSeconds: 8, maxHeight: 360, fps: FPS }));
    const result = await core.recorder.whenEnded();
    expect(result.status).toBe('ready');
    clipId = result.id;
    original = result.videoPath!;
    saveTranscript(
      core.db,
      core.clips,
      clipId,
      {
        language: 'en',
        segments: [
          { startMs: 0, endMs: 1000, text: 'first', words: [] },
          { startMs: 1500, endMs: 2200, text: 'gone', words: [] },
          { startMs: 4500, endMs: 5000, text: 'third', words: [] },
          { startMs: 7000, endMs: 7600, text: 'last', words: [] },
        ],
      },
    );
  });
  afterAll(() => temp.dispose());

  it('three cuts: kept duration, flashes on beeps, the right frames at each cut, clean decode, shifted captions', async () => {
    const cuts = [
      { startMs: 1300, endMs: 2400 },
      { startMs: 3600, endMs: 4200 },
      { startMs: 5200, endMs: 6300 },
    ];
    const applied = await core.edits.apply(clipId, { kind: 'cut', ranges: cuts, snap: false });
    const kept = applied.kept;
    expect(kept).toHaveLength(4);

    const rendered = await core.edits.render(clipId);
    expect(rendered.method).toBe('smart-cut');
    expect(rendered.copiedFrames).toBeGreaterThan(0);
    const output = rendered.output;
    expect(path.basename(output)).toBe('edited.mp4');
    expect(topLevelBoxes(output).indexOf('moov')).toBeLessThan(topLevelBoxes(output).indexOf('mdat'));

    // Duration: the kept time, ± one frame.
    const keptMs = kept.reduce((sum, r) => sum + r.endMs - r.startMs, 0);
    expect(Math.abs(probe(output).durationMs - keptMs)).toBeLessThanOrEqual(frame);

    // Decodes without a single error line.
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', output, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decode.status).toBe(0);
    expect(decode.stderr.trim()).toBe('');

    // Every kept flash lands where the edit puts it (± one frame) and within 40 ms of its beep.
    const originalFlashes = flashOnsets(original).filter((t) => !kept.every((r) => t * 1000 < r.startMs || t * 1000 >= r.endMs - 100));
    const expected = originalFlashes.map((t) => originalToEdited(kept, t * 1000) / 1000);
    const flashes = flashOnsets(output);
    expect(flashes.length, JSON.stringify({ flashes, expected })).toBe(expected.length);
    flashes.forEach((t, i) => expect(Math.abs(t - expected[i]) * 1000, `flash ${i}`).toBeLessThanOrEqual(frame + 1));
    const beeps = soundOnsets(output);
    for (const flash of flashes.filter((t) => t > 0.5)) {
      const nearest = Math.min(...beeps.map((b) => Math.abs(b - flash)));
      expect(nearest * 1000, JSON.stringify({ flash, beeps })).toBeLessThanOrEqual(40);
    }

    // Either side of each cut: the last kept frame before it and the first after it are those frames of the original.
    for (let i = 0; i + 1 < kept.length; i++) {
      const lastKept = Math.round((kept[i].endMs * FPS) / 1000) - 1;
      const firstAfter = Math.round((kept[i + 1].startMs * FPS) / 1000);
      const editedAt = Math.round((originalToEdited(kept, kept[i + 1].startMs) * FPS) / 1000);
      expect(Math.abs(matchedOffset(output, (editedAt - 1) / FPS, original, lastKept)), `before cut ${i}`).toBeLessThanOrEqual(1);
      expect(Math.abs(matchedOffset(output, editedAt / FPS, original, firstAfter)), `after cut ${i}`).toBeLessThanOrEqual(1);
    }

    // Captions in edited time: the segment inside the first cut is gone, the others moved by what was cut before them.
    const vtt = readFileSync(path.join(path.dirname(output), 'edited.vtt'), 'utf8');
    expect(vtt).not.toContain('gone');
    expect(vtt).toContain('00:00:00.000 --> 00:00:01.000\nfirst');
    expect(vtt).toContain(`00:00:02.${String(originalToEdited(kept, 4500) - 2000).padStart(3, '0')}`);
    expect(vtt).toMatch(/00:00:04\.200 --> 00:00:04\.800\nlast/);
    // The original is untouched, and nothing half-written is left in the clip's folder.
    expect(probe(original).durationMs).toBeGreaterThan(7500);
    expect(readdirSync(path.dirname(output)).filter((name) => name.includes('.tmp') || name.startsWith('.render-'))).toEqual([]);
  });

  it('undo, redo and reset; reset removes the rendered version', async () => {
    const before = core.edits.get(clipId);
    expect(before.render.state).toBe('current');
    const undone = await core.edits.undo(clipId);
    expect(undone.edited).toBe(false);
    expect(undone.canRedo).toBe(true);
    const redone = await core.edits.redo(clipId);
    expect(redone.kept).toEqual(before.kept);
    const reset = await core.edits.reset(clipId);
    expect(reset.edited).toBe(false);
    expect(existsSync(path.join(path.dirname(original), 'edited.mp4'))).toBe(false);
    expect((await core.edits.undo(clipId)).kept).toEqual(before.kept);
  });

  it('a cancelled render leaves nothing behind, and the last render stays as it was', async () => {
    const dir = path.dirname(original);
    const before = readdirSync(dir).sort();
    await core.edits.apply(clipId, { kind: 'cut', ranges: [{ startMs: 6500, endMs: 7000 }], snap: false });
    const controller = new AbortController();
    const rendering = core.edits.render(clipId, controller.signal);
    controller.abort();
    await expect(rendering).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(core.edits.get(clipId).render.state).not.toBe('current');
  });

  it('a render of a clip whose original is missing says so', async () => {
    rmSync(original);
    await core.edits.apply(clipId, { kind: 'trim', startMs: 500 });
    await expect(core.edits.render(clipId)).rejects.toThrow(/original recording is missing/);
  });
});
