import { beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for the few Electron objects the guards touch, so the real
// setupSecurity / setupIpc code runs under Vitest without an Electron binary.
const h = vi.hoisted(() => ({
  appHandlers: new Map<string, (...a: unknown[]) => void>(),
  ipcHandlers: new Map<string, (...a: unknown[]) => unknown>(),
  permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
}));

vi.mock('electron', () => ({
  app: { on: (event: string, fn: (...a: unknown[]) => void) => h.appHandlers.set(event, fn) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: typeof h.permissionRequest) => (h.permissionRequest = fn),
      setPermissionCheckHandler: (fn: typeof h.permissionCheck) => (h.permissionCheck = fn),
      webRequest: { onBeforeRequest: (fn: typeof h.beforeRequest) => (h.beforeRequest = fn) },
    },
  },
  ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => h.ipcHandlers.set(channel, fn) },
}));

const { setupSecurity } = await import('./security');
const { setupIpc } = await import('./ipc');

function fakeContents() {
  const on = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    on: (event: string, fn: (e: { preventDefault(): void }, url?: string) => void) => on.set(event, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    open: (url: string) => openHandler!({ url }).action,
    navigate(event: string, url: string) {
      let prevented = false;
      on.get(event)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
  };
}

describe('Electron guards (real code, stand-in Electron)', () => {
  beforeEach(() => {
    h.appHandlers.clear();
    setupSecurity(() => ['pacs.hospital.example']);
  });

  it('denies window.open, navigation and redirects away from app://, and webviews', () => {
    const contents = fakeContents();
    h.appHandlers.get('web-contents-created')!({}, contents);
    expect(contents.open('https://example.com')).toBe('deny');
    expect(contents.open('app://liverplan/index.html')).toBe('deny');
    expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://liverplan/index.html')).toBe(false);
    expect(contents.navigate('will-redirect', 'http://10.0.0.1/')).toBe(true);
    expect(contents.navigate('will-attach-webview', 'app://liverplan/')).toBe(true);
  });

  it('refuses every permission and blocks non-loopback, non-PACS requests', () => {
    let granted: boolean | undefined;
    h.permissionRequest!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(h.permissionCheck!()).toBe(false);
    const cancel = (url: string) => {
      let r: boolean | undefined;
      h.beforeRequest!({ url }, (x) => (r = x.cancel));
      return r;
    };
    expect(cancel('https://cdn.example.com/codec.wasm')).toBe(true);
    expect(cancel('http://127.0.0.1:8042/dicom-web/studies')).toBe(false);
    expect(cancel('https://pacs.hospital.example/dicom-web')).toBe(false);
    expect(cancel('app://liverplan/index.html')).toBe(false);
  });

  it('refuses IPC from a frame that is not our window main frame, before the dispatcher runs', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    const mainFrame = { url: 'app://liverplan/index.html' };
    const webContents = { mainFrame };
    const win = { webContents } as never;
    setupIpc(() => win, dispatch);
    const handler = h.ipcHandlers.get('liverplan:invoke')!;
    const sub = { url: 'app://liverplan/index.html' };
    expect(await handler({ sender: webContents, senderFrame: sub }, 'app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(await handler({ sender: {}, senderFrame: mainFrame }, 'app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await handler({ sender: webContents, senderFrame: mainFrame }, 'app:info', {})).toEqual({
      ok: true,
      value: 1,
    });
    expect(dispatch).toHaveBeenCalledWith('app:info', {});
  });
});
