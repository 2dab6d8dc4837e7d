import type { EditService } from '../edit/edit-service';
import { EDITED } from '../edit/edited-media';
import type { HandlersFor } from './dispatch';

export function editHandlers(deps: { edits: EditService; clock: () => number }): HandlersFor<'edits'> {
  const { edits } = deps;
  return {
    'edits:get': ({ clipId }) => edits.get(clipId),
    'edits:apply': ({ clipId, operation }) => edits.apply(clipId, operation),
    'edits:undo': ({ clipId }) => edits.undo(clipId),
    'edits:redo': ({ clipId }) => edits.redo(clipId),
    'edits:reset': ({ clipId }) => edits.reset(clipId),
    'edits:render': async ({ clipId }) => {
      const started = deps.clock();
      const result = await edits.render(clipId);
      const { output: _output, timings: _timings, ...rest } = result;
      return { clipId, file: EDITED.video, seconds: Math.round(deps.clock() - started) / 1000, ...rest };
    },
  };
}
