// The work a long-lived host (the desktop app, `handoff web`) runs while it is open: the transcription queue,
// continuous workspace sync and the share server. One-shot CLI commands do not start it, so they exit when done.
import type { CallOutput } from '../../shared/contract';
import type { Core } from './compose';
import { startLinkPruning } from './share/lasting-schedule';

export function startBackgroundWork(core: Core): () => Promise<void> {
  const logger = core.options.logger.child('background');
  core.transcription.start();
  const stopSync = core.workspace.startContinuousSync();
  const stopNotifier = core.notifier.start();
  // Lazy media: after each sync, the videos kept offline (pinned, or asking me something) are fetched ahead, one pass
  // at a time, so they play with the network gone.
  let prefetching: Promise<unknown> | null = null;
  const stopping = new AbortController();
  const stopPrefetch = core.events.onAny((event) => {
    if (event !== 'sync:finished' || prefetching) return;
    prefetching = core.media
      .prefetchPinned(stopping.signal)
      .catch((error: unknown) => logger.warn('fetching videos kept offline failed; retried after the next sync', { error }))
      .finally(() => (prefetching = null));
  });
  // Through the contract, so the UI hears share:changed for the links that stop.
  const stopPruning = startLinkPruning({
    prune: async () => {
      const result = await core.dispatch('share:prune', {});
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as CallOutput<'share:prune'>;
    },
    logger: logger.child('links'),
  });
  // Another Handoff (or `handoff serve`) may already own the share port: the runner then reports why it is not
  // serving (the UI shows it), and a link is only handed out when something answers for it.
  void core.shareRunner.start().catch((error: unknown) => logger.error('the share server runner failed', { error }));
  return async () => {
    stopSync();
    stopPrefetch();
    stopping.abort();
    stopNotifier();
    stopPruning();
    await core.shareRunner.stop();
    await core.recorder.dispose();
    await core.transcription.stop();
    await prefetching;
  };
}
