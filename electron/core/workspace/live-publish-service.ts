// Publishing while recording, as the workspace offers it to the recorder: a follower per recording that will be
// published at stop (auto-publish on, or "publish when I stop" chosen), and the cleanup of uploads a crash left.
import path from 'node:path';
import type { Settings } from '../../../shared/contract/settings';
import type { EventBus } from '../api/event-bus';
import type { FollowerFactory } from '../capture/follower';
import type { Logger } from '../logger';
import type { WorkspaceBackend } from './backend';
import type { VideoParts } from './files';
import { cleanupLiveUploads, createLivePublisher, type LivePublishOutcome } from './live-publish';

export function createLivePublishing(deps: {
  settings: () => Settings;
  backend: () => WorkspaceBackend;
  dataDir: string;
  clipsDir: string;
  logger: Logger;
  events: EventBus;
  publish(id: string, options: { videoUploaded: boolean; videoParts?: VideoParts }): Promise<unknown>;
  /** Publishes the clip's transcript when it is newer than what went out with the manifest. */
  publishTranscript(id: string): Promise<void>;
  /** Background work the CLI waits for before it exits. */
  track(job: Promise<unknown>): void;
  tuning?: { chunkBytes?: number };
}) {
  const journalDir = path.join(deps.dataDir, 'live-uploads');
  const publishing = new Set<string>();
  const outcomes = new Map<string, LivePublishOutcome>();
  const current = () => {
    try {
      const backend = deps.backend();
      return { id: backend.id, backend };
    } catch (error) {
      // No usable workspace (an S3 one without a bucket): nothing is uploaded live, and publish says why at stop.
      deps.logger.warn('no workspace to publish to while recording', { error });
      return null;
    }
  };

  /** The recorder's follower; `transcriptDone` resolves when the clip's live transcript is saved (then it goes out). */
  function follower(options: { transcriptDone?: (clipId: string) => Promise<void>; transcriptReady?: (clipId: string) => boolean } = {}): FollowerFactory {
    return (recording) => {
      const settings = deps.settings();
      if (!settings['workspace.autoPublish'] && !recording.options.publishOnStop) return null;
      publishing.add(recording.id);
      const inner = createLivePublisher(
        {
          backend: current,
          journalDir,
          logger: deps.logger,
          clipsDir: deps.clipsDir,
          chunkBytes: deps.tuning?.chunkBytes,
          whileRecording: settings['workspace.publishWhileRecording'],
          warn: (id, message) => deps.events.emit('recorder:warning', { id, kind: 'live-publish-fallback', message }),
          publish: async (clipId, publishOptions) => {
            await deps.publish(clipId, publishOptions);
          },
          transcriptReady: options.transcriptReady,
          afterPublish: async (clipId, published) => {
            if (published.withTranscript || !options.transcriptDone) return;
            await options.transcriptDone(clipId);
            if (options.transcriptReady?.(clipId) ?? true) await deps.publishTranscript(clipId);
          },
          onOutcome: (outcome) => {
            outcomes.set(outcome.clipId, outcome);
            while (outcomes.size > 16) outcomes.delete(outcomes.keys().next().value!);
            deps.logger.info('published at stop', { ...outcome });
          },
        },
        recording,
      );
      return {
        ...inner,
        completed(result) {
          const job = inner.completed(result).finally(() => publishing.delete(recording.id));
          deps.track(job);
          return job;
        },
        async abandoned() {
          await inner.abandoned().finally(() => publishing.delete(recording.id));
        },
      };
    };
  }

  return {
    follower,
    /** Whether a recording of that id is published by its follower at stop (auto-publish must leave it alone). */
    publishing: (id: string) => publishing.has(id),
    outcome: (id: string) => outcomes.get(id) ?? null,
    cleanup: () => cleanupLiveUploads({ journalDir, backend: current, logger: deps.logger }),
  };
}
