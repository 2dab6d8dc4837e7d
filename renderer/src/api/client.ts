import { buildApi, buildRawApi, type HandoffApi, type RawApi } from '../../../shared/bridge';
import { createHttpTransport } from './http-transport';

declare global {
  interface Window {
    /** Present only inside the Electron shell, exposed by the preload bridge. */
    handoff?: RawApi;
  }
}

/** The one place that picks a transport; every component gets the same HandoffApi either way. */
export function connectApi(): HandoffApi {
  if (window.handoff) return buildApi(window.handoff);
  return buildApi(buildRawApi(createHttpTransport(window.location)));
}
