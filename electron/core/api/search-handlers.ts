import type { Library } from '../library/library';
import type { HandlersFor } from './dispatch';

export function searchHandlers(deps: { library: Library; editedTime?: (clipId: string, ms: number) => number }): HandlersFor<'search'> {
  return {
    'search:query': (input) => {
      const result = deps.library.search(input);
      // An edited clip is watched in edited time (core/edit): a hit lands on the second a viewer sees.
      const map = deps.editedTime;
      if (!map) return result;
      return { ...result, hits: result.hits.map((hit) => (hit.startMs === null ? hit : { ...hit, startMs: map(hit.clipId, hit.startMs) })) };
    },
  };
}
