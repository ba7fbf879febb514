import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type HostEvent, type InvokeResult } from '../../shared/ipc/contract';
import { createApi } from '../../shared/ipc/createApi';

// The only bridge into the page: window.liverplan, typed from the contract.
// createApi refuses channels outside the contract before anything is sent.
const api = createApi(
  (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request) as Promise<InvokeResult<unknown>>,
  (listener) => {
    const wrapped = (_e: unknown, event: HostEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
);
contextBridge.exposeInMainWorld('liverplan', { ...api, pathForFile: (file: File) => webUtils.getPathForFile(file) });
