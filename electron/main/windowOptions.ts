import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The locked-down options every LiverPlan window gets (Electron security
 * checklist): isolated, sandboxed, no Node in the page, web security on.
 * A plain function so a unit test can pin every flag.
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 1000,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    backgroundColor: '#101418',
    title: 'LiverPlan',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: process.env.LIVERPLAN_DEVTOOLS === '1',
    },
  };
}

export const APP_SCHEME = 'app';
export const APP_HOST = 'liverplan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Only the top frame of our own app:// origin may call the host. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The IPC sender check, as data: our window, its main frame, our origin. */
export function isTrustedSender(sender: {
  isOurWindow: boolean;
  isMainFrame: boolean;
  url: string | undefined;
}): boolean {
  return sender.isOurWindow && sender.isMainFrame && isTrustedSenderUrl(sender.url);
}
