// The work a long-lived host (the desktop app, `handoff web`) runs while it is open: the transcription queue and
// continuous workspace sync. One-shot CLI commands do not start it, so they exit as soon as they are done.
import type { Core } from './compose';

export function startBackgroundWork(core: Core): () => Promise<void> {
  const logger = core.options.logger.child('background');
  core.transcription.start();
  const stopSync = core.workspace.startContinuousSync();
  logger.info('background work started');
  return async () => {
    stopSync();
    await core.transcription.stop();
  };
}
