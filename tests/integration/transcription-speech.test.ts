// Real speech end to end: flite speaks a sentence after 2.5 s of silence, the clip goes through ffmpeg extraction, a
// real recognizer, SQLite and caption files. The recognizer is the pocketsphinx REFERENCE (installable here, selected
// by name); real Whisper runs the same path when WHISPER_MODEL_PATH points at a downloaded ggml model.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import { addClipWithAudio, hasCommand, speechWav } from '../support/transcription-media';

const repo = path.resolve(__dirname, '../..');
const SILENCE_S = 2.5;
const SENTENCE = 'please review the budget report before friday';
const havePocketsphinx = hasCommand('pocketsphinx_continuous') && existsSync('/usr/share/pocketsphinx/model/en-us');
const haveTools = hasCommand('ffmpeg') && hasCommand('flite');
const whisperCli = path.join(repo, 'resources', 'bin', 'whisper-cli');
const realModel = process.env.WHISPER_MODEL_PATH;

const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-speech-'));
let wav = '';
const cores: Core[] = [];

function makeCore(name: string): Core {
  const core = composeCore({
    dataDir: path.join(root, name),
    resourcesDir: path.join(repo, 'resources'),
    version: 'test',
    env: process.env,
    platform: process.platform,
    logger: createMemoryLogger(),
    clock: () => new Date(),
  });
  cores.push(core);
  return core;
}

beforeAll(() => {
  if (!haveTools) return;
  mkdirSync(path.join(root, 'media'), { recursive: true });
  wav = speechWav(path.join(root, 'media'), SENTENCE, SILENCE_S);
}, 120_000);

afterAll(async () => {
  for (const core of cores) {
    await core.transcription.stop();
    core.close();
  }
  rmSync(root, { recursive: true, force: true });
});

async function transcribe(core: Core, model: string) {
  const clipId = addClipWithAudio(core.db, core.paths.clipsDir, wav, 6000);
  core.transcription.start();
  const started = await core.dispatch('transcripts:start', { clipId, model, language: 'en' });
  if (!started.ok) throw new Error(started.error.message);
  const job = started.value as { id: number };
  const final = await core.transcription.queue.waitFor(job.id);
  expect(final.error).toBeNull();
  expect(final.state).toBe('done');
  return { clipId, transcript: core.transcription.getTranscript(clipId)! };
}

describe('real speech', () => {
  it.skipIf(!havePocketsphinx || !haveTools)(
    'pocketsphinx-reference finds a spoken word in a segment that starts within ±1 s of when it was said',
    async () => {
      const core = makeCore('ps');
      const { clipId, transcript } = await transcribe(core, 'pocketsphinx-reference');
      expect(transcript.language).toBe('en');
      const words = transcript.segments.flatMap((segment) => segment.words.map((word) => ({ ...word, segment })));
      // The sentence begins right after the silence; "please" is its first word.
      const please = words.find((word) => word.text === 'please');
      expect(please, JSON.stringify(transcript.segments)).toBeDefined();
      expect(Math.abs(please!.segment.startMs - SILENCE_S * 1000)).toBeLessThanOrEqual(1000);
      expect(Math.abs(please!.startMs - SILENCE_S * 1000)).toBeLessThanOrEqual(1000);
      // Nothing was recognized in the silence before it.
      expect(transcript.segments[0].startMs).toBeGreaterThanOrEqual(SILENCE_S * 1000 - 1000);
      expect(words.map((word) => word.text)).toEqual(expect.arrayContaining(['budget', 'report']));
      const vtt = readFileSync(path.join(core.paths.clipsDir, clipId, 'captions.vtt'), 'utf8');
      expect(vtt).toContain('budget');
      expect(vtt).toMatch(/00:00:0[1-3]\.\d{3} --> /);
    },
  );

  it.skipIf(!havePocketsphinx)('the reference recognizer is never used unless selected by name', async () => {
    const core = makeCore('no-silent-fallback');
    const clipId = addClipWithAudio(core.db, core.paths.clipsDir, wav, 6000);
    // No Whisper model installed: the clip is marked no-model rather than handed to pocketsphinx.
    expect(await core.transcription.enqueue(clipId)).toBeNull();
    expect(core.transcription.getTranscript(clipId)?.state).toBe('no-model');
  });

  it.skipIf(!realModel || !existsSync(whisperCli) || !haveTools)(
    `real Whisper (WHISPER_MODEL_PATH=${realModel ?? 'unset: skipped, no Whisper weights can be downloaded here'})`,
    async () => {
      const core = makeCore('real-whisper');
      const imported = await core.transcription.models.importFile(realModel!, 'real');
      const { transcript } = await transcribe(core, imported.name);
      const words = transcript.segments.flatMap((segment) => segment.words);
      const budget = words.find((word) => /budget/i.test(word.text));
      expect(budget, JSON.stringify(transcript.segments)).toBeDefined();
      expect(transcript.segments[0].startMs).toBeGreaterThanOrEqual(SILENCE_S * 1000 - 1000);
    },
  );
});
