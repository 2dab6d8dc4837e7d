// Transcription composed from its parts: the models folder, the recognizer choice and the persistent job queue.
// composeCore builds one per entry point; a long-lived host (Electron main, `handoff web`) calls start() so queued
// jobs run, while short CLI commands only queue work (or run it in-process with `handoff transcribe --wait`).
import { existsSync } from 'node:fs';
import type { Settings } from '../../../shared/contract/settings';
import { NO_MODEL_HINT } from '../../../shared/whisper-models';
import type { EventBus } from '../api/event-bus';
import { createTranscriptionQueue, type TranscriberChoice } from '../jobs/transcription-queue';
import type { ClipsWriter } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { findOnPath } from '../system/run';
import { createModelManager } from './model-manager';
import { POCKETSPHINX_REFERENCE, createPocketsphinxReference } from './pocketsphinx-reference';
import { getTranscript } from './transcript-store';
import { createWhisperCliTranscriber } from './whisper-cli';

export interface TranscriptionDeps {
  db: Db;
  clips: ClipsWriter;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  paths: { clipsDir: string; modelsDir: string };
  settings: { get(): Settings; set(values: Partial<Settings>): Settings };
  locate(name: string, envVar: string): Promise<string | null>;
  retry?: { maxAttempts: number; baseDelayMs: number };
}

export function createTranscriptionService(deps: TranscriptionDeps) {
  const logger = deps.logger.child('transcribe');
  const models = createModelManager({
    modelsDir: deps.paths.modelsDir,
    getSettings: () => {
      const settings = deps.settings.get();
      return { model: settings['transcription.model'], baseUrl: settings['transcription.modelBaseUrl'] };
    },
    setDefaultModel: (name) => void deps.settings.set({ 'transcription.model': name }),
  });

  async function chooseTranscriber(model: string | null): Promise<TranscriberChoice> {
    const settings = deps.settings.get();
    // The reference recognizer only ever runs when asked for by name, never as a silent stand-in for Whisper.
    if (model === POCKETSPHINX_REFERENCE || (!model && settings['transcription.engine'] === POCKETSPHINX_REFERENCE)) {
      const binary = await findOnPath('pocketsphinx_continuous', deps.env, deps.platform);
      if (!binary) return { ok: false, reason: 'no-binary', message: 'pocketsphinx_continuous is not installed (apt install pocketsphinx pocketsphinx-en-us).' };
      return { ok: true, transcriber: createPocketsphinxReference({ binary, logger }) };
    }
    let chosen: { name: string; path: string } | null;
    if (model) {
      const path = models.pathFor(model);
      chosen = existsSync(path) ? { name: model, path } : null;
      if (!chosen) return { ok: false, reason: 'no-model', message: `The model ${model} is not installed. ${NO_MODEL_HINT}` };
    } else {
      chosen = await models.resolveDefault();
      if (!chosen) return { ok: false, reason: 'no-model', message: NO_MODEL_HINT };
    }
    const binary = await deps.locate('whisper-cli', 'HANDOFF_WHISPER_CLI');
    if (!binary) {
      return { ok: false, reason: 'no-binary', message: 'whisper-cli was not found: run `npm run build:whisper`, or set HANDOFF_WHISPER_CLI.' };
    }
    return { ok: true, transcriber: createWhisperCliTranscriber({ binary, modelPath: chosen.path, modelName: chosen.name, logger }) };
  }

  const queue = createTranscriptionQueue({
    db: deps.db,
    clips: deps.clips,
    events: deps.events,
    clock: deps.clock,
    logger,
    clipsDir: deps.paths.clipsDir,
    findFfmpeg: () => deps.locate('ffmpeg', 'HANDOFF_FFMPEG'),
    chooseTranscriber,
    settings: () => {
      const settings = deps.settings.get();
      return { threads: settings['transcription.threads'], language: settings['transcription.language'], quality: settings['transcription.quality'] };
    },
    retry: deps.retry,
  });

  return {
    models,
    queue,
    chooseTranscriber,
    /** For the library's and recorder's onClipAdded hooks: queue the new clip (or mark it 'no-model'). */
    enqueue: (clipId: string, options: { clips?: ClipsWriter } = {}) => queue.enqueue(clipId, options),
    getTranscript: (clipId: string) => getTranscript(deps.db, clipId),
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}

export type TranscriptionService = ReturnType<typeof createTranscriptionService>;
