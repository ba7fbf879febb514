// Bundled by the preview host and injected before the app's own scripts: it
// builds window.liverplan with the same createApi the Electron preload uses,
// over Playwright bindings instead of ipcRenderer.
import { createApi } from '../../shared/ipc/createApi';
import type { HostEvent, InvokeResult } from '../../shared/ipc/contract';

type BridgeWindow = Window & {
  __liverplanInvoke(channel: string, request: unknown): Promise<InvokeResult<unknown>>;
  __liverplanEmit?: (event: HostEvent) => void;
};

const w = window as unknown as BridgeWindow;
const listeners = new Set<(event: HostEvent) => void>();
w.__liverplanEmit = (event) => listeners.forEach((l) => l(event));

const liverplan = createApi(
  (channel, request) => w.__liverplanInvoke(channel, request),
  (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
);
Object.defineProperty(window, 'liverplan', { value: Object.freeze(liverplan), writable: false, configurable: false });
