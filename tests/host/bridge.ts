// Bundled by the preview host and injected before the app's own scripts: it
// builds window.liverplan with the same createApi the Electron preload uses,
// over Playwright bindings instead of ipcRenderer. Bytes are packed for the
// JSON-only binding here and in previewHost.ts, nowhere in product code.
import { createApi } from '../../shared/ipc/createApi';
import type { HostEvent, InvokeResult } from '../../shared/ipc/contract';
import { base64ToBytes, bytesToBase64 } from '../../shared/ipc/base64';
import { packBytes, unpackBytes } from './wireBytes';

type BridgeWindow = Window & {
  __liverplanInvoke(channel: string, request: unknown): Promise<unknown>;
  __liverplanEmit?: (event: unknown) => void;
};

const pack = packBytes(bytesToBase64);
const unpack = unpackBytes(base64ToBytes);
const w = window as unknown as BridgeWindow;
const listeners = new Set<(event: HostEvent) => void>();
w.__liverplanEmit = (event) => {
  const e = unpack(event) as HostEvent;
  listeners.forEach((l) => l(e));
};

const liverplan = createApi(
  async (channel, request) => unpack(await w.__liverplanInvoke(channel, pack(request))) as InvokeResult<unknown>,
  (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
);
Object.defineProperty(window, 'liverplan', { value: Object.freeze(liverplan), writable: false, configurable: false });
