import type { Recorder } from '../capture/recorder';
import type { HandlersFor } from './dispatch';

export function recorderHandlers(deps: { recorder: Recorder }): HandlersFor<'recorder'> & HandlersFor<'devices'> {
  const { recorder } = deps;
  return {
    'recorder:start': (input) => recorder.start(input),
    'recorder:pause': () => recorder.pause(),
    'recorder:resume': () => recorder.resume(),
    'recorder:stop': () => recorder.stop(),
    'recorder:cancel': () => recorder.cancel(),
    'recorder:status': () => recorder.status(),
    'recorder:recover': async () => ({ recovered: await recorder.recover() }),
    'devices:list': () => recorder.devices(),
  };
}
