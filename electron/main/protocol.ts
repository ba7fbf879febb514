import { protocol } from 'electron';
import type { FileRegistry } from '../services/files/fileRegistry';
import { RENDERER_CSP } from '../services/host/csp';
import { servePath } from '../services/host/servePath';
import { APP_HOST, APP_SCHEME } from './windowOptions';

/** Must run before app 'ready': app:// behaves like https (secure, fetch, workers, wasm). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        stream: true,
        codeCache: true,
      },
    },
  ]);
}

/** Serves the renderer bundle, registered DICOM files and their decoded planes (servePath). */
export function setupAppProtocol(rendererDir: string, files: FileRegistry): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Forbidden', { status: 403 });
    const r = await servePath(url, files, rendererDir);
    return new Response(r.body as BodyInit, {
      status: r.status,
      headers: {
        'Content-Type': r.contentType,
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
