#!/usr/bin/env node
// `npm run build`: renderer with Vite (codecs and wasm emitted locally), main
// and preload with esbuild (the preload as one CommonJS file, as Electron's
// sandbox requires).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCjsOptions } from './nodeBundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
  cwd: root,
  stdio: 'inherit',
});
await build({
  ...nodeCjsOptions,
  entryPoints: [join(root, 'electron/main/main.ts')],
  outfile: join(root, 'dist/electron/main.cjs'),
});
// The DICOM header worker thread runs beside main.cjs (see electron/services/dicom/scanHeaders.ts).
await build({
  ...nodeCjsOptions,
  entryPoints: [join(root, 'electron/services/dicom/headerWorker.ts')],
  outfile: join(root, 'dist/electron/headerWorker.cjs'),
});
// The sandboxed preload has neither __filename nor node:url: no banner, and no import.meta.
await build({
  ...nodeCjsOptions,
  banner: {},
  define: { 'import.meta.url': 'undefined' },
  entryPoints: [join(root, 'electron/preload/preload.ts')],
  outfile: join(root, 'dist/electron/preload.cjs'),
  target: 'chrome130',
});
process.stderr.write(`build: renderer, main and preload in ${((Date.now() - t0) / 1000).toFixed(1)} s -> dist/\n`);
