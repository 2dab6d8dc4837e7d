// The only bridge between the sandboxed renderer and the app: named functions derived from the contract
// (window.handoff.clips.list()), never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { buildRawApi } from '../../shared/bridge';
import { isEventName } from '../../shared/contract';

const api = buildRawApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (event, listener) => {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
});

contextBridge.exposeInMainWorld('handoff', api);
