// esbuild options for the CommonJS bundles that run on Node in Electron (main
// process, header worker); shared by scripts/build.mjs and the test that loads
// such a bundle (electron/services/dicom/wasmCodecs.bundle.test.ts).
//
// esbuild leaves `import.meta` empty in CJS output (and warns). Modules that locate
// files from import.meta.url (codec wasm, the 12-bit JPEG decoder, the header worker)
// get the CJS equivalent instead: the bundle's own file URL, from __filename.
export const nodeCjsOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
  sourcemap: false,
  banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleFileUrl' },
};
