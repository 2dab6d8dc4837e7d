import type { Settings } from '../../../shared/contract/settings';
import { applyRecordingSettings } from '../../../shared/recording-defaults';
import type { Recorder } from '../capture/recorder';
import type { HandlersFor } from './dispatch';

export function recorderHandlers(deps: { recorder: Recorder; settings: { get(): Settings } }): HandlersFor<'recorder'> & HandlersFor<'devices'> {
  const { recorder, settings } = deps;
  return {
    // The one place saved recording settings are applied: every caller (Record page, CLI, tray, shortcut) passes only
    // what it chose.
    'recorder:start': (input) => recorder.start(applyRecordingSettings(input, settings.get())),
    'recorder:pause': () => recorder.pause(),
    'recorder:resume': () => recorder.resume(),
    'recorder:stop': () => recorder.stop(),
    'recorder:cancel': () => recorder.cancel(),
    'recorder:status': () => recorder.status(),
    'recorder:recover': async () => ({ recovered: await recorder.recover() }),
    'devices:list': () => recorder.devices(),
  };
}
