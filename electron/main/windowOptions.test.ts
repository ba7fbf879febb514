import { describe, expect, it } from 'vitest';
import { isTrustedSender, isTrustedSenderUrl, secureWindowOptions } from './windowOptions';

describe('Electron hardening', () => {
  it('every window is isolated, sandboxed and without Node', () => {
    const w = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(w.contextIsolation).toBe(true);
    expect(w.sandbox).toBe(true);
    expect(w.nodeIntegration).toBe(false);
    expect(w.nodeIntegrationInWorker).toBe(false);
    expect(w.nodeIntegrationInSubFrames).toBe(false);
    expect(w.webSecurity).toBe(true);
    expect(w.allowRunningInsecureContent).toBe(false);
    expect(w.webviewTag).toBe(false);
    expect(w.preload).toBe('/app/preload.cjs');
  });
  it('IPC senders must be the app:// origin', () => {
    expect(isTrustedSenderUrl('app://liverplan/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://liverplan/index.html')).toBe(false);
    expect(isTrustedSenderUrl('file:///index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('not a url')).toBe(false);
  });
  it('IPC from a subframe or another window is refused even on the app origin', () => {
    const url = 'app://liverplan/index.html';
    expect(isTrustedSender({ isOurWindow: true, isMainFrame: true, url })).toBe(true);
    expect(isTrustedSender({ isOurWindow: true, isMainFrame: false, url })).toBe(false);
    expect(isTrustedSender({ isOurWindow: false, isMainFrame: true, url })).toBe(false);
    expect(isTrustedSender({ isOurWindow: true, isMainFrame: true, url: 'https://evil.example/' })).toBe(false);
  });
});
