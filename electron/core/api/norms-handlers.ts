import type { WorkspaceService } from '../workspace/service';
import type { HandlersFor } from './dispatch';

type NormsHandlers = HandlersFor<'norms'> & HandlersFor<'replies'> & HandlersFor<'overlap'> & HandlersFor<'digest'>;

export function normsHandlers(deps: { workspace: WorkspaceService }): NormsHandlers {
  const norms = deps.workspace.norms;
  const shown = ({ norms: windows, publishedAt, author }: ReturnType<typeof norms.get>) => ({ norms: windows, publishedAt, author });
  return {
    'norms:get': () => shown(norms.get()),
    'norms:set': async (input) => shown(await norms.publish(input)),
    'replies:recipients': ({ id, now }) => norms.recipients(id, { now }),
    'overlap:plan': (input) => norms.overlap(input),
    'digest:get': ({ now }) => norms.digest({ now }),
    'digest:dismiss': ({ now }) => norms.dismissDigest({ now }),
  };
}
