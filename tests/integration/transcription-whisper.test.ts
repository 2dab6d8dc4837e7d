// The real whisper-cli (built by `npm run build:whisper`) driven through the real queue, SQLite file and ffmpeg, with a
// generated random-weight model of real tiny shapes. Whisper's text from random weights is noise: these tests assert
// structure, times, progress, cancel, errors and restart, never words.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, copyFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../shared/contract/transcription';
import { composeCore, type Core } from '../../electron/core/compose';
import { createSettingsStore } from '../../electron/core/library/settings-store';
import { createMemoryLogger } from '../../electron/core/logger';
import { createTranscriptionService } from '../../electron/core/transcribe/service';
import { TranscribeError } from '../../electron/core/transcribe/types';
import { createWhisperCliTranscriber } from '../../electron/core/transcribe/whisper-cli';
import { SHAPES, writeGgmlModel } from '../support/ggml-model';
import { addClipWithAudio, hasCommand, speechWav } from '../support/transcription-media';

const repo = path.resolve(__dirname, '../..');
const whisperCli = path.join(repo, 'resources', 'bin', 'whisper-cli');
const haveWhisper = existsSync(whisperCli);
const haveTools = hasCommand('ffmpeg') && hasCommand('flite');
const skipReason = !haveWhisper ? 'whisper-cli is not built: run `npm run build:whisper`' : !haveTools ? 'ffmpeg or flite missing' : '';
if (skipReason) console.warn(`[transcription-whisper] skipped: ${skipReason}`);

const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-whisper-it-'));
const media = path.join(root, 'media');
const tinyModel = path.join(root, 'ggml-tiny-random.bin');
const cores: Core[] = [];

function makeCore(dataDir: string, env: NodeJS.ProcessEnv = {}): Core {
  const core = composeCore({
    dataDir,
    resourcesDir: path.join(repo, 'resources'),
    version: 'test',
    env: { ...process.env, HANDOFF_WHISPER_CLI: whisperCli, ...env },
    platform: process.platform,
    logger: createMemoryLogger(),
    clock: () => new Date(),
  });
  cores.push(core);
  // Random weights never converge, so whisper-cli's default beam search with temperature fallback decodes for minutes
  // on a busy 2-core machine; greedy decoding ('fast', a user setting too) exercises the same process and output.
  createSettingsStore(core.db).set({ 'transcription.quality': 'fast' });
  return core;
}

function installModel(core: Core, name = 'tiny-random') {
  mkdirSync(core.paths.modelsDir, { recursive: true });
  copyFileSync(tinyModel, path.join(core.paths.modelsDir, `ggml-${name}.bin`));
}

function collect(core: Core) {
  const updates: JobSummary[] = [];
  core.events.onAny((event, payload) => {
    if (event === 'jobs:progress') updates.push(payload as JobSummary);
  });
  return updates;
}

/** PIDs of live processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      // the process exited while we looked: not running, which is what we check for
    }
  }
  return found;
}

let shortWav = '';

beforeAll(() => {
  if (skipReason) return;
  mkdirSync(media, { recursive: true });
  writeGgmlModel(tinyModel, SHAPES.tiny, 7);
  // Random weights make whisper decode slowly (beam search, temperature fallback), so even a short clip keeps it
  // busy for seconds: long enough for a cancel or a kill to land mid-run.
  shortWav = speechWav(media, 'the quarterly numbers look good and we ship on friday', 1);
}, 180_000);

afterAll(async () => {
  for (const core of cores) {
    await core.transcription.stop();
    core.close();
  }
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(Boolean(skipReason))('whisper-cli with a random-weight tiny model', () => {
  it('transcribes a clip: segments parse, times are monotonic and inside the duration, progress reaches 100, captions are written', async () => {
    const core = makeCore(path.join(root, 'a'));
    installModel(core);
    const clipId = addClipWithAudio(core.db, core.paths.clipsDir, shortWav, 5000);
    const updates = collect(core);
    core.transcription.start();
    const job = await core.transcription.enqueue(clipId);
    expect(job).not.toBeNull();
    const final = await core.transcription.queue.waitFor(job!.id);
    expect(final.error).toBeNull();
    expect(final.state).toBe('done');

    const mine = updates.filter((u) => u.id === job!.id);
    const progress = mine.map((u) => u.progress);
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const result = await core.dispatch('transcripts:get', { clipId });
    expect(result.ok).toBe(true);
    const transcript = (result as { value: { state: string; segments: { startMs: number; endMs: number; text: string; words: { startMs: number; endMs: number }[] }[] } }).value;
    expect(transcript.state).toBe('done');
    const wavMs = Math.round(((readFileSync(shortWav).length - 44) / 32_000) * 1000);
    let previousEnd = 0;
    for (const segment of transcript.segments) {
      expect(segment.startMs).toBeGreaterThanOrEqual(previousEnd);
      expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
      expect(segment.endMs).toBeLessThanOrEqual(wavMs + 50);
      expect(segment.text.length).toBeGreaterThan(0);
      for (const word of segment.words) {
        expect(word.startMs).toBeGreaterThanOrEqual(segment.startMs);
        expect(word.endMs).toBeLessThanOrEqual(segment.endMs);
      }
      previousEnd = segment.endMs;
    }
    const folder = path.join(core.paths.clipsDir, clipId);
    expect(readFileSync(path.join(folder, 'captions.vtt'), 'utf8')).toMatch(/^WEBVTT\n/);
    expect(existsSync(path.join(folder, 'captions.srt'))).toBe(true);
    // Temp audio is cleaned up: nothing of ours is left in the clip folder beyond the video and captions.
    expect(readdirSync(folder).sort()).toEqual(['captions.srt', 'captions.vtt', 'video.mp4']);
  });

  it('cancel kills the running whisper-cli and marks the job cancelled', async () => {
    const core = makeCore(path.join(root, 'b'));
    installModel(core, 'cancel-me');
    const clipId = addClipWithAudio(core.db, core.paths.clipsDir, shortWav, 5000);
    const modelPath = path.join(core.paths.modelsDir, 'ggml-cancel-me.bin');
    core.transcription.start();
    const job = await core.transcription.enqueue(clipId);
    const sawWhisper = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (processesMentioning(modelPath).length > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    await sawWhisper;
    expect(core.transcription.queue.cancel(clipId)).toBe(true);
    const final = await core.transcription.queue.waitFor(job!.id);
    expect(final.state).toBe('cancelled');
    expect(processesMentioning(modelPath)).toEqual([]);
    expect((core.db.prepare('SELECT transcript_state AS s FROM clips WHERE id = ?').get(clipId) as { s: string }).s).toBe('cancelled');
  });

  it('a missing or corrupt model is a typed error', async () => {
    const logger = createMemoryLogger();
    const wav = shortWav;
    const missing = createWhisperCliTranscriber({ binary: whisperCli, modelPath: path.join(root, 'nope.bin'), modelName: 'nope', logger });
    await expect(missing.transcribe(wav, { language: 'auto', threads: 2 })).rejects.toMatchObject({ kind: 'model-missing' });

    const garbage = path.join(root, 'garbage.bin');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    const bad = createWhisperCliTranscriber({ binary: whisperCli, modelPath: garbage, modelName: 'garbage', logger });
    await expect(bad.transcribe(wav, { language: 'auto', threads: 2 })).rejects.toMatchObject({ kind: 'model-corrupt' });

    // A real header followed by too little data gets past our check; whisper-cli's refusal is still typed.
    const truncated = path.join(root, 'truncated.bin');
    copyFileSync(tinyModel, truncated);
    truncateSync(truncated, 2_000_000);
    const cut = createWhisperCliTranscriber({ binary: whisperCli, modelPath: truncated, modelName: 'truncated', logger });
    const error = await cut.transcribe(wav, { language: 'auto', threads: 2, quality: 'fast' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscribeError);
    expect((error as TranscribeError).kind).toBe('model-corrupt');
    expect((error as TranscribeError).details.exitCode).not.toBe(0);
  });

  it('with no model installed the clip stays usable, is marked no-model, and says how to get one', async () => {
    const core = makeCore(path.join(root, 'c'));
    const clipId = addClipWithAudio(core.db, core.paths.clipsDir, shortWav, 5000);
    expect(await core.transcription.enqueue(clipId)).toBeNull();
    const got = await core.dispatch('transcripts:get', { clipId });
    expect(got).toMatchObject({ ok: true, value: { state: 'no-model', hint: expect.stringContaining('handoff models download') } });
    const start = await core.dispatch('transcripts:start', { clipId });
    expect(start).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('handoff models download') } });
    const list = await core.dispatch('clips:list', {});
    expect(list.ok).toBe(true);
    // Installing a model queues the waiting clip automatically.
    installModel(core);
    core.transcription.start();
    expect(await core.transcription.queue.requeueNoModel()).toBe(1);
    const job = core.transcription.queue.latest(clipId)!;
    expect((await core.transcription.queue.waitFor(job.id)).state).toBe('done');
  });

  it('a crashing binary is retried with backoff, then the job fails with the stderr tail', async () => {
    const core = makeCore(path.join(root, 'd'));
    installModel(core);
    const crasher = path.join(root, 'crash.sh');
    writeFileSync(crasher, '#!/bin/sh\necho "loading model" >&2\necho "GGML_ASSERT: simulated fatal error in the encoder" >&2\nexit 3\n');
    chmodSync(crasher, 0o755);
    const settings = createSettingsStore(core.db);
    const crashing = createTranscriptionService({
      db: core.db,
      clips: core.clips,
      events: core.events,
      logger: createMemoryLogger(),
      clock: () => new Date(),
      env: process.env,
      platform: process.platform,
      paths: core.paths,
      settings: { get: () => ({ ...settings.get(), 'transcription.quality': 'fast' }), set: settings.set },
      locate: async (name) => (name === 'whisper-cli' ? crasher : name === 'ffmpeg' ? 'ffmpeg' : null),
      retry: { maxAttempts: 2, baseDelayMs: 0 },
    });
    const clipId = addClipWithAudio(core.db, core.paths.clipsDir, shortWav, 5000);
    crashing.start();
    const job = await crashing.enqueue(clipId);
    const final = await crashing.queue.waitFor(job!.id);
    await crashing.stop();
    expect(final.state).toBe('failed');
    expect(final.attempts).toBe(2);
    expect(final.error).toContain('exited with code 3');
    expect(final.error).toContain('GGML_ASSERT: simulated fatal error');
    const got = await core.dispatch('transcripts:get', { clipId });
    expect(got).toMatchObject({ ok: true, value: { state: 'failed', job: { state: 'failed' } } });
  });

  it('a restart resumes the queue: a job left running by a killed process runs to completion', async () => {
    const dataDir = path.join(root, 'e');
    const first = makeCore(dataDir);
    installModel(first);
    const clipId = addClipWithAudio(first.db, first.paths.clipsDir, shortWav, 5000);
    first.close();
    cores.splice(cores.indexOf(first), 1);

    // A real process that is killed -9 mid-transcription, leaving its job 'running' in SQLite.
    const child = spawn(process.execPath, [path.join(repo, 'bin', 'handoff.mjs'), '--data-dir', dataDir, 'transcribe', clipId, '--wait', '--model', 'tiny-random'], {
      env: { ...process.env, HANDOFF_WHISPER_CLI: whisperCli },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        seen += chunk;
        if (/running/.test(seen)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`handoff transcribe exited early (${code}): ${seen}`)));
    });
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const second = makeCore(dataDir);
    const before = second.db.prepare('SELECT state FROM jobs').all() as { state: string }[];
    expect(before).toEqual([{ state: 'running' }]);
    second.transcription.start();
    const job = second.transcription.queue.latest(clipId)!;
    const final = await second.transcription.queue.waitFor(job.id);
    expect(final.state).toBe('done');
    expect(final.attempts).toBe(2);
  });
});
