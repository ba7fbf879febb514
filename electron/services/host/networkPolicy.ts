/**
 * Which outgoing requests the app may make: its own app:// origin, data/blob
 * URLs, loopback, and the PACS hosts the user configured. Everything else is
 * blocked so patient data cannot leave the machine by accident.
 */
export function isAllowedRequest(url: string, allowedHosts: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'app:' || u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:')
    return true;
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:') return false;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return true;
  return allowedHosts.some((h) => h.toLowerCase() === host);
}
