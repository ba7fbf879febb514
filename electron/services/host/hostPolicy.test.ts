import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from './csp';
import { isAllowedRequest } from './networkPolicy';
import { readAsset, resolveAssetPath } from './staticAssets';

describe('app:// asset path guard', () => {
  const root = mkdtempSync(join(tmpdir(), 'lp-assets-'));
  writeFileSync(join(root, 'index.html'), '<html></html>');
  it.each(['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/a/../../secret', '/..%2fsecret', '/x%00.js', '/..\\x'])(
    'rejects %s',
    (p) => {
      expect(resolveAssetPath(root, p)).toBeNull();
    },
  );
  it('serves index.html for / and 403 for traversal', async () => {
    expect((await readAsset(root, '/')).status).toBe(200);
    expect((await readAsset(root, '/../../etc/passwd')).status).toBe(403);
    expect((await readAsset(root, '/missing.js')).status).toBe(404);
  });
});

describe('network policy', () => {
  it('allows only app, loopback and configured PACS hosts', () => {
    expect(isAllowedRequest('app://liverplan/index.html')).toBe(true);
    expect(isAllowedRequest('http://127.0.0.1:8042/dicom-web/studies')).toBe(true);
    expect(isAllowedRequest('http://[::1]:8042/')).toBe(true);
    expect(isAllowedRequest('http://localhost:3000/')).toBe(true);
    expect(isAllowedRequest('https://cdn.jsdelivr.net/npm/x.wasm')).toBe(false);
    expect(isAllowedRequest('https://pacs.hospital.local/dicom-web')).toBe(false);
    expect(isAllowedRequest('https://pacs.hospital.local/dicom-web', ['pacs.hospital.local'])).toBe(true);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('not a url')).toBe(false);
  });
});

describe('CSP', () => {
  it('allows no remote origin, no eval, no objects', () => {
    expect(RENDERER_CSP).not.toMatch(/https?:|\*/);
    expect(RENDERER_CSP).not.toContain("'unsafe-eval'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });
});
