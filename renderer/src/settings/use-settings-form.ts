// The state of a settings form that edits a few keys and saves them together: the values being edited (reset when the
// settings change elsewhere), the save, and what saving said for SaveRow.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import type { SaveStatus } from './save-row';

export function useSettingsForm<V extends Partial<Settings>>(settings: Settings, pick: (settings: Settings) => V) {
  const api = useApi();
  const [values, setValues] = useState<V>(() => pick(settings));
  const [status, setStatus] = useState<SaveStatus>(null);
  useEffect(() => setValues(pick(settings)), [settings, pick]);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await api.settings.set({ values });
      setStatus({ ok: true, text: 'Saved.' });
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    }
  }

  return { values, set, status, save };
}
