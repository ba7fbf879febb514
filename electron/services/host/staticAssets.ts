import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Maps a request path to a file inside root, or null when it would escape
 * root (../, encoded ../, absolute paths, NUL bytes). The guard works on the
 * decoded, resolved path so no encoding trick gets past it.
 */
export function resolveAssetPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

export interface AssetResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
}

export async function readAsset(root: string, urlPath: string): Promise<AssetResponse> {
  const file = resolveAssetPath(root, urlPath);
  if (!file) return { status: 403, contentType: 'text/plain', body: new TextEncoder().encode('Forbidden') };
  try {
    const body = await readFile(file);
    return { status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body };
  } catch {
    return { status: 404, contentType: 'text/plain', body: new TextEncoder().encode('Not found') };
  }
}
