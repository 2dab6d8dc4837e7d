import type { ShareRunner } from '../share/share-runner';
import type { HandlersFor } from './dispatch';

export function shareServerHandlers(deps: { runner: ShareRunner }): HandlersFor<'shareServer'> {
  return {
    'shareServer:status': () => deps.runner.status(),
    'shareServer:retry': () => deps.runner.retry(),
  };
}
