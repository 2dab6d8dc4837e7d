// The work a long-lived host (the desktop app, `handoff web`) runs while it is open: the transcription queue,
// continuous workspace sync and the share server. One-shot CLI commands do not start it, so they exit when done.
import type { Core } from './compose';
import { startShareServerFromSettings, type ShareServer } from './share/index';

export function startBackgroundWork(core: Core): () => Promise<void> {
  const logger = core.options.logger.child('background');
  core.transcription.start();
  const stopSync = core.workspace.startContinuousSync();
  const stopNotifier = core.notifier.start();
  // Another Handoff (or `handoff serve`) may already own the share port; links then resolve there, so this is a
  // warning, not a failure.
  const share: Promise<ShareServer | null> = startShareServerFromSettings(core).catch((error: unknown) => {
    logger.warn('the share server did not start here (is another Handoff serving links?)', { error });
    return null;
  });
  return async () => {
    stopSync();
    stopNotifier();
    await (await share)?.close();
    await core.recorder.dispose();
    await core.transcription.stop();
  };
}
