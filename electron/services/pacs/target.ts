import { describeTarget, targetSchema, type Target } from '../../../shared/export/target';

export { describeTarget, targetSchema, type Target };

export const DEFAULT_CALLING_AE = 'LIVERPLAN';

/**
 * Parses the CLI form: folder:PATH | dicomweb:URL | dimse:AET@HOST:PORT.
 * DICOMweb credentials come from the environment, never the command line
 * (LIVERPLAN_DICOMWEB_USER/PASSWORD or LIVERPLAN_DICOMWEB_TOKEN).
 */
export function parseTarget(
  text: string,
  env: Record<string, string | undefined> = {},
  callingAe = DEFAULT_CALLING_AE,
): Target {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : '';
  const rest = text.slice(colon + 1);
  if (kind === 'folder') {
    if (!rest) throw new Error('folder target needs a path: folder:PATH');
    return { kind: 'folder', path: rest };
  }
  if (kind === 'dicomweb') {
    if (!/^https?:\/\//.test(rest)) throw new Error(`dicomweb target needs an http(s) URL, got '${rest}'`);
    const auth = env.LIVERPLAN_DICOMWEB_TOKEN
      ? { type: 'bearer' as const, token: env.LIVERPLAN_DICOMWEB_TOKEN }
      : env.LIVERPLAN_DICOMWEB_USER
        ? {
            type: 'basic' as const,
            username: env.LIVERPLAN_DICOMWEB_USER,
            password: env.LIVERPLAN_DICOMWEB_PASSWORD ?? '',
          }
        : undefined;
    return { kind: 'dicomweb', url: rest.replace(/\/+$/, ''), ...(auth ? { auth } : {}) };
  }
  if (kind === 'dimse') {
    const m = /^([^@]{1,16})@(.+):(\d{1,5})$/.exec(rest);
    if (!m) throw new Error(`dimse target must be AET@HOST:PORT, got '${rest}'`);
    const port = Number(m[3]);
    if (port < 1 || port > 65535) throw new Error(`dimse port out of range: ${port}`);
    return { kind: 'dimse', calledAe: m[1], host: m[2], port, callingAe };
  }
  throw new Error(`unknown target '${text}': use folder:PATH, dicomweb:URL or dimse:AET@HOST:PORT`);
}
