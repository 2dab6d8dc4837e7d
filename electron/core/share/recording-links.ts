// Follows each recording for the share links handed out while it ran (share:forRecording): when it ends, the S3 ones
// get the clip's page (or a "cancelled" page). A failure is said to the user as a recorder warning, never swallowed:
// the address they copied would otherwise say "ready in a moment" for good.
import type { FollowerFactory } from '../capture/follower';
import type { Logger } from '../logger';

export function recordingLinksFollower(deps: {
  finish(recordingId: string, outcome: 'ready' | 'cancelled'): Promise<number>;
  warn(recordingId: string, message: string): void;
  logger: Logger;
}): FollowerFactory {
  return (recording) => {
    const finish = async (outcome: 'ready' | 'cancelled') => {
      try {
        const finished = await deps.finish(recording.id, outcome);
        if (finished > 0) deps.logger.info('finished the links handed out while recording', { id: recording.id, outcome, links: finished });
      } catch (error) {
        deps.logger.error('could not finish a link handed out while recording', { id: recording.id, error });
        const reason = error instanceof Error ? error.message : String(error);
        deps.warn(recording.id, `The share link copied while recording could not be updated (${reason}); share the clip again for a working link.`);
      }
    };
    return {
      partStarted: () => undefined,
      poke: () => undefined,
      partEnded: () => undefined,
      completed: () => finish('ready'),
      abandoned: () => finish('cancelled'),
    };
  };
}
