/**
 * The preload: exposes `window.stance`, built from the channel list, and nothing else.
 * The renderer never sees ipcRenderer. Bundled into one CommonJS file (sandboxed renderer).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildStanceApi } from '../shared/api';

const api = buildStanceApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (event, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      if (typeof payload === 'string') listener(payload);
    };
    ipcRenderer.on(`event:${event}`, forward);
    return () => ipcRenderer.removeListener(`event:${event}`, forward);
  },
);

contextBridge.exposeInMainWorld('stance', api);
