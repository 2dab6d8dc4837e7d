import { buildApi, buildRawApi, type HandoffApi, type RawApi } from '../../../shared/bridge';
import { createHttpTransport } from './http-transport';
import { adoptSessionKey, setSessionKey } from './session-key';

declare global {
  interface Window {
    /** Present only inside the Electron shell, exposed by the preload bridge. */
    handoff?: RawApi;
  }
}

/** The one place that picks a transport; every component gets the same HandoffApi either way. */
export function connectApi(): HandoffApi {
  if (window.handoff) return buildApi(window.handoff);
  setSessionKey(adoptSessionKey(window.location, window.history, window.localStorage));
  return buildApi(buildRawApi(createHttpTransport(window.location)));
}
