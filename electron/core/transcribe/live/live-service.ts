// Live transcription as the recorder's follower: one session per recording when `transcription.live` is on, with the
// recognizer the settings choose. Whisper runs as a long-lived whisper-server (the model loaded once per recording);
// without whisper-server, whisper-cli per window; the pocketsphinx reference per window. While a session owns a clip,
// the after-stop queue leaves it alone; a session that gives up hands the clip back to it.
import path from 'node:path';
import type { Settings } from '../../../../shared/contract/settings';
import type { LiveTranscriptState } from '../../../../shared/contract/transcription';
import type { EventBus } from '../../api/event-bus';
import type { FollowerFactory } from '../../capture/follower';
import type { TranscriberChoice } from '../../jobs/transcription-queue';
import type { ClipsWriter } from '../../library/clips-store';
import type { Db } from '../../library/database';
import type { Logger } from '../../logger';
import { POCKETSPHINX_REFERENCE } from '../pocketsphinx-reference';
import { saveTranscript, writeCaptions } from '../transcript-store';
import type { Transcriber } from '../types';
import { startWhisperServer } from '../whisper-server';
import { createLiveTranscription, type LiveSessionDeps, type LiveTranscriptionOutcome } from './live-session';
import { lowerPriority } from './part-audio';

export interface LiveTranscriptionDeps {
  db: Db;
  /** The one writer of clip rows (saving a transcript changes the clip's state through it). */
  clips: ClipsWriter;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  clipsDir: string;
  settings: () => Settings;
  chooseTranscriber(model: string | null): Promise<TranscriberChoice>;
  /** The default Whisper model, when one is installed. */
  whisperModel(): Promise<{ name: string; path: string } | null>;
  locate(name: string, envVar: string): Promise<string | null>;
  /** Queues the after-stop transcription (the session gave up). */
  enqueue(clipId: string): Promise<unknown>;
  /** Test and bench knobs (window sizes, the give-up thresholds). */
  tuning?: Partial<Pick<LiveSessionDeps, 'cutter' | 'maxBacklogMs' | 'maxRtf' | 'rtfAfterMs'>>;
}

export function createLiveTranscriptionService(deps: LiveTranscriptionDeps) {
  const log = deps.logger.child('live');
  const owned = new Set<string>();
  const outcomes = new Map<string, LiveTranscriptionOutcome>();
  /** Each recent recording's latest transcripts:live event, for a page that subscribes after it was sent. */
  const latest = new Map<string, LiveTranscriptState>();
  /** Each recent recording's end of live transcription (saved, or handed to the queue), by id. */
  const finishing = new Map<string, Promise<void>>();

  async function recognizer(): Promise<{ transcriber: Transcriber; dispose(): Promise<void> }> {
    const settings = deps.settings();
    const none = async () => undefined;
    if (settings['transcription.engine'] !== POCKETSPHINX_REFERENCE) {
      const [model, server] = await Promise.all([deps.whisperModel(), deps.locate('whisper-server', 'HANDOFF_WHISPER_SERVER')]);
      if (model && server) {
        const started = await startWhisperServer({
          binary: server,
          modelPath: model.path,
          modelName: model.name,
          threads: settings['transcription.threads'],
          logger: log,
          onSpawn: (pid) => lowerPriority(pid, log),
        });
        return { transcriber: started, dispose: () => started.stop() };
      }
    }
    const choice = await deps.chooseTranscriber(null);
    if (!choice.ok) throw new Error(choice.message);
    return { transcriber: choice.transcriber, dispose: none };
  }

  const follower: FollowerFactory = (recording) => {
    const settings = deps.settings();
    if (!settings['transcription.live']) return null;
    owned.add(recording.id);
    let progress = { windows: 0, audioMs: 0 };
    const live = (state: 'running' | 'fallback' | 'unavailable' | 'done', reason: string | null = null) => {
      const event = { clipId: recording.id, state, reason, ...progress };
      latest.set(recording.id, event);
      while (latest.size > 16) latest.delete(latest.keys().next().value!);
      deps.events.emit('transcripts:live', event);
    };
    const transcriber = recognizer();
    // Failing here is the session's to handle (it falls back); this only tells the HUD that it runs.
    transcriber.then(() => live('running'), () => undefined);
    const session = createLiveTranscription({
      id: recording.id,
      logger: log,
      transcriber,
      language: settings['transcription.language'],
      threads: settings['transcription.threads'],
      quality: settings['transcription.quality'],
      ...deps.tuning,
      async save(clipId, transcript) {
        saveTranscript(deps.db, deps.clips, clipId, transcript);
        await writeCaptions(path.join(deps.clipsDir, clipId), transcript.segments);
        owned.delete(clipId);
        live('done');
      },
      onWindow: (done) => {
        progress = done;
        live('running');
      },
      fallBack(reason, announce) {
        owned.delete(recording.id);
        live(announce ? 'fallback' : 'unavailable', reason);
        if (!announce) return;
        deps.events.emit('recorder:warning', {
          id: recording.id,
          kind: 'live-transcription-fallback',
          message: `Live transcription stopped (${reason}); the recording goes on, and it is transcribed after you stop.`,
        });
      },
      async transcribeAfterStop(clipId) {
        owned.delete(clipId);
        await deps.enqueue(clipId);
      },
      onOutcome(outcome) {
        owned.delete(outcome.clipId);
        outcomes.set(outcome.clipId, outcome);
        while (outcomes.size > 16) outcomes.delete(outcomes.keys().next().value!);
        log.info('live transcription finished', { ...outcome });
      },
    });
    const remember = (done: Promise<void>) => {
      finishing.set(recording.id, done.catch(() => undefined));
      while (finishing.size > 16) finishing.delete(finishing.keys().next().value!);
      return done;
    };
    return {
      ...session,
      // The recorder's ffmpeg writes the 16 kHz speech audio the session reads (part-audio.ts).
      wantsSpeechAudio: true,
      completed: (result) => remember(session.completed(result)),
      abandoned: () => remember(session.abandoned()),
    };
  };

  return {
    follower,
    /** Whether a live session will deliver this clip's transcript (then the after-stop queue must not). */
    owns: (clipId: string) => owned.has(clipId),
    /** How the live pass of a recent recording ended (for the CLI, benches and tests). */
    outcome: (clipId: string) => outcomes.get(clipId) ?? null,
    /** The latest transcripts:live event of a recent recording (null: none). */
    state: (clipId: string) => latest.get(clipId) ?? null,
    /** Resolves when the live pass of that recording is over (at once when there was none). */
    whenDone: (clipId: string): Promise<void> => finishing.get(clipId) ?? Promise.resolve(),
  };
}

export type LiveTranscriptionService = ReturnType<typeof createLiveTranscriptionService>;
