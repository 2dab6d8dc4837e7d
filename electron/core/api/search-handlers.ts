import type { Library } from '../library/library';
import type { HandlersFor } from './dispatch';

export function searchHandlers(deps: { library: Library }): HandlersFor<'search'> {
  return {
    'search:query': (input) => deps.library.search(input),
  };
}
