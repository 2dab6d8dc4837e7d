import path from 'node:path';
import type { MediaCache } from '../media/media-cache';
import type { RemoteMedia } from '../workspace/remote-media';
import type { HandlersFor } from './dispatch';

export function mediaHandlers(deps: { media: RemoteMedia; cache: MediaCache }): HandlersFor<'media'> {
  const { media, cache } = deps;
  return {
    'media:status': ({ id }) => media.status(id, { check: true }),
    'media:pin': ({ id, pinned }) => media.setPinned(id, pinned),
    'media:fetch': async ({ id }) => {
      await media.fetch(id, 'offline');
      return media.status(id);
    },
    'media:cache': () => ({ ...cache.usage(), dir: path.resolve(cache.dir) }),
  };
}
