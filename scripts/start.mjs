#!/usr/bin/env node
// `npm start`: builds, then launches Electron on the built app. Where the
// Electron binary is not installed (offline build machines), says so and
// points at the preview host instead.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const electron = findElectronBinary();
if (!electron) {
  process.stderr.write(
    '\nLiverPlan cannot start the desktop app: the Electron binary is not installed. ' +
      'It is downloaded by the electron package when npm installs it with internet access; ' +
      'this machine installed it with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (or has no internet), so only ' +
      'the typings are present. Either reinstall with internet access (npm rebuild electron), set ' +
      'ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron binary, or run the same renderer ' +
      'and services in Chromium with: npm run preview\n',
  );
  process.exit(1);
}
const child = spawn(electron, [root], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
