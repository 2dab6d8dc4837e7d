import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { HandoffApi } from '../../../shared/bridge';
import type { Settings } from '../../../shared/contract/settings';

const ApiContext = createContext<HandoffApi | null>(null);

export function ApiProvider({ api, children }: { api: HandoffApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): HandoffApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}

/** Current settings, kept live through the settings:changed event. */
export function useSettings(): { settings: Settings | null; error: string | null } {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.settings
      .get()
      .then((value) => live && setSettings(value))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    const off = api.on('settings:changed', (payload) => setSettings(payload.settings));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return { settings, error };
}
