import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import openjpeg from '@cornerstonejs/codec-openjpeg/wasmjs';
import openjph from '@cornerstonejs/codec-openjph/wasmjs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCjsOptions } from '../../../scripts/nodeBundle.mjs';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { readInstance, writeInstance } from '../../../shared/dicom/writeInstance';
import { decodeInstance } from './decodeInstance';
import { TS } from './transferSyntax';
import { codecWasmPath, jpeg12Path } from './wasmCodecs';

// The app runs this decoder from dist/electron/main.cjs, a CommonJS bundle in which
// esbuild empties `import.meta` and emscripten looks for each .wasm beside the bundle
// (issue 19 point 7). Bundle the decoder with the app's own esbuild options, load the
// bundle in a plain Node child as Electron loads main.cjs, and decode every wasm codec.

const root = resolve(import.meta.dirname, '../../..');
const CODECS = ['jpeg8', 'jpeg-ls', 'j2k', 'htj2k'] as const;

describe('codec file resolution from sources', () => {
  it.each(CODECS)('%s wasm is found through its package exports', (codec) => {
    expect(codecWasmPath(codec)).toMatch(/\.wasm$/);
    expect(existsSync(codecWasmPath(codec))).toBe(true);
  });
  it('the 12-bit JPEG decoder is found', () => expect(existsSync(jpeg12Path())).toBe(true));
});

type EncoderModule = Record<
  string,
  new () => { getDecodedBuffer(info: object): Uint8Array; encode(): void; getEncodedBuffer(): Uint8Array }
>;

describe('codecs inside the CommonJS main-process bundle', () => {
  // Under the repository, as dist/electron/ is, so node_modules resolves the same way.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules/.cache/lp-bundle-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = join(dir, 'decode.cjs');
  const files: string[] = [];
  let warnings: unknown[] = [];

  beforeAll(async () => {
    const result = await build({
      ...nodeCjsOptions,
      logLevel: 'silent',
      stdin: {
        contents:
          "export { decodeInstance } from './decodeInstance'; export { codecWasmPath, jpeg12Path } from './wasmCodecs';",
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      outfile: bundle,
    });
    warnings = result.warnings;

    const src = join(dir, 'src.dcm');
    const [slice] = makeSeries({
      rows: 64,
      columns: 64,
      slices: 1,
      signed: false,
      value: (i, j) => (i * 61 + j * 29) % 4096,
      extra: { BitsStored: 12, HighBit: 11 },
    });
    writeFileSync(src, slice!.bytes);
    const [slice8] = makeSeries({
      rows: 64,
      columns: 64,
      slices: 1,
      bitsAllocated: 8,
      value: (i, j) => (4 * i + 2 * j) % 256,
    });
    writeFileSync(join(dir, 'src8.dcm'), slice8!.bytes);
    const dcmtk: Array<[string, string[], string]> = [
      ['dcmcjpeg', ['+eb', '+q', '95', join(dir, 'src8.dcm')], 'jpeg8.dcm'],
      ['dcmcjpeg', ['+ee', '+q', '100', src], 'jpeg12.dcm'],
      ['dcmcjpls', [src], 'jpegls.dcm'],
    ];
    for (const [tool, args, name] of dcmtk) {
      execFileSync(tool, [...args, join(dir, name)]);
      files.push(join(dir, name));
    }
    // No JPEG 2000 / HTJ2K encoder in dcmtk: encode with the codec packages' encoders.
    const ds = readInstance(slice!.bytes);
    const px = new Uint8Array((ds.PixelData as ArrayBuffer[])[0]!);
    for (const [factory, cls, ts, name] of [
      [openjpeg, 'J2KEncoder', TS.j2kLossless, 'j2k.dcm'],
      [openjph, 'HTJ2KEncoder', TS.htj2kLossless, 'htj2k.dcm'],
    ] as const) {
      const enc = new ((await factory()) as unknown as EncoderModule)[cls]!();
      enc
        .getDecodedBuffer({
          width: 64,
          height: 64,
          bitsPerSample: 16,
          componentCount: 1,
          isSigned: false,
          isUsingColorTransform: false,
        })
        .set(px);
      enc.encode();
      const bytes = writeInstance(
        { ...ds, _meta: undefined, PixelData: [enc.getEncodedBuffer().slice().buffer], _vrMap: { PixelData: 'OB' } },
        ts,
      );
      writeFileSync(join(dir, name), bytes);
      files.push(join(dir, name));
    }
  }, 60_000);

  it('bundles without warnings (no import.meta left empty)', () => {
    expect(warnings).toEqual([]);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/import_meta\b/);
  });

  it('decodes JPEG baseline and 12-bit, JPEG-LS, JPEG 2000 and HTJ2K as the sources do, printing nothing', async () => {
    const child = `
      const b = require(process.argv[1]);
      const fs = require('node:fs');
      (async () => {
        const frames = [];
        for (const f of process.argv.slice(2)) {
          const d = await b.decodeInstance(new Uint8Array(fs.readFileSync(f)));
          frames.push({ ts: d.transferSyntaxUid, px: Array.from(d.frames[0]) });
        }
        const wasm = ${JSON.stringify(CODECS)}.map((c) => b.codecWasmPath(c));
        process.stdout.write(JSON.stringify({ frames, wasm, jpeg12: b.jpeg12Path() }));
      })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
    const stdout = execFileSync(process.execPath, ['-e', child, bundle, ...files], { encoding: 'utf8' });
    // The whole stdout is our JSON: no codec chatter ("[INFO] Start to read j2k main header").
    const got = JSON.parse(stdout) as { frames: { ts: string; px: number[] }[]; wasm: string[]; jpeg12: string };
    expect(got.wasm).toEqual(CODECS.map((c) => codecWasmPath(c)));
    expect(got.jpeg12).toBe(jpeg12Path());
    for (const [n, f] of files.entries()) {
      const ref = await decodeInstance(new Uint8Array(readFileSync(f)));
      expect(got.frames[n]!.ts).toBe(ref.transferSyntaxUid);
      expect(got.frames[n]!.px).toEqual(Array.from(ref.frames[0]!));
    }
    expect(got.frames.map((f) => f.ts)).toEqual([
      TS.jpegBaseline,
      TS.jpegExtended,
      TS.jpegLsLossless,
      TS.j2kLossless,
      TS.htj2kLossless,
    ]);
  }, 60_000);
});
