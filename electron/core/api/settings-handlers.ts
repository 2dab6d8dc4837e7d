import type { SettingsStore } from '../library/settings-store';
import type { HandlersFor } from './dispatch';
import type { EventBus } from './event-bus';

export function settingsHandlers(deps: { settings: SettingsStore; events: EventBus }): HandlersFor<'settings'> {
  return {
    'settings:get': () => deps.settings.get(),
    'settings:set': ({ values }) => {
      const updated = deps.settings.set(values);
      deps.events.emit('settings:changed', { keys: Object.keys(values), settings: updated });
      return updated;
    },
  };
}
