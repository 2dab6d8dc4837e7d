import type { Library } from '../library/library';
import type { HandlersFor } from './dispatch';

export function clipsHandlers(deps: { library: Library }): HandlersFor<'clips'> {
  const { library } = deps;
  return {
    'clips:list': (input) => library.list(input),
    'clips:get': (input) => library.get(input.id),
    'clips:rename': (input) => library.rename(input.id, input.title),
    'clips:delete': (input) => library.delete(input.id),
  };
}
