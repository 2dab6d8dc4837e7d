import { listClips } from '../library/clip-rows';
import type { Db } from '../library/database';
import type { HandlersFor } from './dispatch';

export function clipsHandlers(deps: { db: Db }): HandlersFor<'clips'> {
  return {
    'clips:list': (input) => listClips(deps.db, input),
  };
}
