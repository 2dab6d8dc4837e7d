import { HandoffError } from '../../../shared/result';
import { NO_MODEL_HINT } from '../../../shared/whisper-models';
import type { TranscriptionService } from '../transcribe/service';
import type { HandlersFor } from './dispatch';
import type { EventBus } from './event-bus';

type Handlers = HandlersFor<'transcripts'> & HandlersFor<'jobs'> & HandlersFor<'models'>;

export function transcriptionHandlers(deps: {
  transcription: TranscriptionService;
  events: EventBus;
  /** Brings a teammate's video here whole first (lazy media), with progress; a no-op for a clip already here. */
  prepareClip?: (clipId: string) => Promise<unknown>;
}): Handlers {
  const { transcription } = deps;
  return {
    'transcripts:get': ({ clipId }) => {
      const stored = transcription.getTranscript(clipId);
      if (!stored) throw new HandoffError('not-found', `No clip with id ${clipId}.`);
      const job = transcription.queue.latest(clipId);
      // A recording whose live pass is finishing its last window has no job, but its transcript is on the way.
      const finishingLive = stored.state === 'none' && transcription.live.owns(clipId);
      const state = (finishingLive ? 'running' : stored.state) as 'none' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'no-model';
      return { ...stored, state, job, hint: state === 'no-model' ? NO_MODEL_HINT : null };
    },
    'transcripts:start': async ({ clipId, model, language }) => {
      if (!transcription.getTranscript(clipId)) throw new HandoffError('not-found', `No clip with id ${clipId}.`);
      await deps.prepareClip?.(clipId);
      const job = await transcription.queue.enqueue(clipId, { model, language });
      if (!job) throw new HandoffError('unavailable', NO_MODEL_HINT);
      return job;
    },
    'transcripts:liveState': ({ clipId }) => transcription.live.state(clipId),
    'transcripts:cancel': ({ clipId }) => ({ cancelled: transcription.queue.cancel(clipId) }),
    'jobs:list': ({ limit }) => ({ jobs: transcription.queue.list(limit) }),
    'models:list': async () => {
      const models = (await transcription.models.list()).map(({ path: _path, ...entry }) => entry);
      return { models, hint: models.some((model) => model.installed) ? null : NO_MODEL_HINT };
    },
    'models:download': async ({ name }) => {
      let lastPercent = -1;
      const result = await transcription.models.download(name, {
        onProgress: ({ receivedBytes, totalBytes }) => {
          const percent = Math.floor((receivedBytes / totalBytes) * 100);
          if (percent === lastPercent) return;
          lastPercent = percent;
          deps.events.emit('models:progress', { name, receivedBytes, totalBytes });
        },
      });
      await transcription.queue.requeueNoModel();
      return { name: result.name, sizeBytes: (await transcription.models.list()).find((m) => m.name === name)?.sizeBytes ?? 0 };
    },
    'models:use': async ({ name }) => {
      const result = await transcription.models.use(name);
      await transcription.queue.requeueNoModel();
      return { name: result.name };
    },
  };
}
