// The work a long-lived host (the desktop app, `handoff web`) runs while it is open: the transcription queue,
// continuous workspace sync and the share server. One-shot CLI commands do not start it, so they exit when done.
import type { Core } from './compose';

export function startBackgroundWork(core: Core): () => Promise<void> {
  const logger = core.options.logger.child('background');
  core.transcription.start();
  const stopSync = core.workspace.startContinuousSync();
  const stopNotifier = core.notifier.start();
  // Another Handoff (or `handoff serve`) may already own the share port: the runner then reports why it is not
  // serving (the UI shows it), and a link is only handed out when something answers for it.
  void core.shareRunner.start().catch((error: unknown) => logger.error('the share server runner failed', { error }));
  return async () => {
    stopSync();
    stopNotifier();
    await core.shareRunner.stop();
    await core.recorder.dispose();
    await core.transcription.stop();
  };
}
