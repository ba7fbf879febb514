import { app, session, type WebContents } from 'electron';
import { isAllowedRequest } from '../services/host/networkPolicy';
import { APP_ORIGIN } from './windowOptions';

/**
 * Process-wide guards: no new windows, no navigation away from app://, no
 * permission grants, and no network request leaves the machine except to
 * loopback and the PACS hosts the user configured.
 */
export function setupSecurity(getPacsHosts: () => string[]): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(APP_ORIGIN + '/')) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(APP_ORIGIN + '/')) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, getPacsHosts()) });
  });
}
