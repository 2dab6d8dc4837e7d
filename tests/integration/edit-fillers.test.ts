// Filler removal on real speech: flite says a sentence with an "um" in it, the pocketsphinx reference recognizer
// transcribes it with word timings, `fillers` cuts the "um" and nothing else, and the rendered edited version, heard
// again by the recognizer, has every other word and no "um". (pocketsphinx hears flite's "uh" as "of" or "a" in every
// phrasing tried, so the "uh" case is covered by the unit tests on word lists.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRemoved } from '../../shared/edit/ranges';
import { probe } from '../support/media-check';
import { makeTempCore } from '../support/temp-core';
import { addClipWithAudio, hasCommand, speechWav } from '../support/transcription-media';

const havePocketsphinx = hasCommand('pocketsphinx_continuous') && existsSync('/usr/share/pocketsphinx/model/en-us');
const haveTools = hasCommand('ffmpeg') && hasCommand('flite');
const SENTENCE = 'please review the budget. so um we should ship it today.';

function heard(file: string, dir: string): string[] {
  const wav = path.join(dir, 'heard.wav');
  spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-ar', '16000', '-ac', '1', wav]);
  const out = spawnSync('pocketsphinx_continuous', ['-infile', wav, '-logfn', '/dev/null'], { encoding: 'utf8' }).stdout;
  return out.split(/\s+/).filter(Boolean);
}

describe.skipIf(!havePocketsphinx || !haveTools)('filler words on real speech', () => {
  const temp = makeTempCore();
  const { core } = temp;
  afterAll(async () => {
    await core.transcription.stop();
    temp.dispose();
  });

  it('cuts the "um" the recognizer heard and keeps every other word', async () => {
    const media = path.join(core.paths.dataDir, 'media');
    mkdirSync(media, { recursive: true });
    const wav = speechWav(media, SENTENCE, 1);
    const durationMs = probe(wav).durationMs;
    const clipId = addClipWithAudio(core.db, core.paths.clipsDir, wav, durationMs);
    // Filler removal needs word timings: before the transcript exists it says why.
    await expect(core.edits.apply(clipId, { kind: 'fillers' })).rejects.toThrow(/no transcript yet/);

    core.transcription.start();
    const started = await core.dispatch('transcripts:start', { clipId, model: 'pocketsphinx-reference', language: 'en' });
    if (!started.ok) throw new Error(started.error.message);
    const job = await core.transcription.queue.waitFor((started.value as { id: number }).id);
    expect(job.state).toBe('done');
    const words = core.transcription.getTranscript(clipId)!.segments.flatMap((s) => s.words);
    const um = words.filter((w) => w.text === 'um');
    expect(um, JSON.stringify(words.map((w) => w.text))).toHaveLength(1);

    const state = await core.edits.apply(clipId, { kind: 'fillers' });
    expect(state.op).toBe('remove 1 filler word');
    expect(isRemoved(state.kept, (um[0].startMs + um[0].endMs) / 2)).toBe(true);
    for (const word of words.filter((w) => w.text !== 'um')) {
      expect(isRemoved(state.kept, (word.startMs + word.endMs) / 2), word.text).toBe(false);
    }
    expect(state.durationMs - state.editedDurationMs).toBe(um[0].endMs - um[0].startMs);

    const rendered = await core.edits.render(clipId);
    const after = heard(rendered.output, media);
    expect(after, after.join(' ')).not.toContain('um');
    expect(after).toEqual(expect.arrayContaining(['please', 'review', 'budget', 'so', 'we']));
  });
});
