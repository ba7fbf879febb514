import type { LiverplanApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    liverplan?: LiverplanApi;
  }
}

/** The host API (Electron preload or the preview host). Fails loudly when absent. */
export function api(): LiverplanApi {
  const a = window.liverplan;
  if (!a) throw new Error('LiverPlan host API is missing: open the app through Electron or `npm run preview`.');
  return a;
}
