import type { ShareService } from '../share/share-service';
import type { HandlersFor } from './dispatch';
import type { EventBus } from './event-bus';

export function shareHandlers(deps: {
  share: ShareService;
  events: EventBus;
  checkLocalLink?: (token: string) => Promise<void>;
  /** Brings a teammate's video here whole first (lazy media), with progress; a no-op for a clip already here. */
  prepareClip?: (clipId: string) => Promise<unknown>;
}): HandlersFor<'share'> {
  return {
    'share:create': async (input) => {
      await deps.prepareClip?.(input.clipId);
      const link = await deps.share.create(input);
      // A local link nobody serves is dead on arrival: it is revoked and the caller told why, never handed out.
      const kind = deps.checkLocalLink ? (await deps.share.list(input.clipId)).links.find((l) => l.token === link.token)?.kind : undefined;
      if (deps.checkLocalLink && kind === 'local') {
        try {
          await deps.checkLocalLink(link.token);
        } catch (error) {
          await deps.share.revoke(link.token);
          deps.events.emit('share:changed', { clipId: input.clipId });
          throw error;
        }
      }
      deps.events.emit('share:changed', { clipId: input.clipId });
      return link;
    },
    'share:forRecording': ({ id, expires }) => deps.share.reserveForRecording(id, expires),
    'share:list': ({ clipId }) => deps.share.list(clipId),
    'share:prune': async () => {
      const result = await deps.share.prune();
      for (const clipId of new Set(result.pruned.map((p) => p.clipId))) deps.events.emit('share:changed', { clipId });
      return result;
    },
    'share:revoke': async ({ token }) => {
      const { clipId, ...revoked } = await deps.share.revoke(token);
      deps.events.emit('share:changed', { clipId });
      return revoked;
    },
  };
}
