import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Decoder as JpegLosslessDecoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import type { Codec } from './transferSyntax';

/**
 * Resolves codec files through node_modules from this module's location. The app
 * bundles this file into the CommonJS dist/electron/main.cjs, where esbuild leaves
 * `import.meta` empty: scripts/build.mjs therefore defines import.meta.url as the
 * bundle's own file URL (scripts/nodeBundle.mjs), so one code path serves sources and bundle.
 */
const requireHere = createRequire(import.meta.url);

/** Emscripten module + decoder class for each wasm codec (Cornerstone's codec packages, on Node). */
const WASM: Record<
  'jpeg8' | 'jpeg-ls' | 'j2k' | 'htj2k',
  { load: () => Promise<{ default: EmscriptenCodecFactory }>; cls: string; wasm: string }
> = {
  jpeg8: {
    load: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
    cls: 'JPEGDecoder',
    wasm: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
  },
  'jpeg-ls': {
    load: () => import('@cornerstonejs/codec-charls/decodewasmjs'),
    cls: 'JpegLSDecoder',
    wasm: '@cornerstonejs/codec-charls/decodewasm',
  },
  j2k: {
    load: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
    cls: 'J2KDecoder',
    wasm: '@cornerstonejs/codec-openjpeg/decodewasm',
  },
  htj2k: {
    load: () => import('@cornerstonejs/codec-openjph/wasmjs'),
    cls: 'HTJ2KDecoder',
    wasm: '@cornerstonejs/codec-openjph/wasm',
  },
};

/** Absolute path of a codec's .wasm file, from its package exports. */
export function codecWasmPath(codec: keyof typeof WASM): string {
  return requireHere.resolve(WASM[codec].wasm);
}

/**
 * Emscripten module options for a codec:
 * - locateFile: emscripten looks for the .wasm beside its own script (`__dirname`),
 *   which inside the main bundle is dist/electron/, where no .wasm is; point it at the package's file.
 * - print/printErr: OpenJPEG logs "[INFO] ..." per frame through `print` (console.log by
 *   default), which would corrupt `liverplan ... --json` on stdout. Info goes nowhere;
 *   codec warnings and errors go to stderr.
 */
export function codecModuleOptions(codec: keyof typeof WASM): object {
  return {
    locateFile: (file: string) => (file.endsWith('.wasm') ? codecWasmPath(codec) : file),
    print: () => {},
    printErr: (text: string) => process.stderr.write(`${text}\n`),
  };
}

const decoders = new Map<string, Promise<EmscriptenDecoder>>();

function decoderFor(codec: keyof typeof WASM): Promise<EmscriptenDecoder> {
  let d = decoders.get(codec);
  if (!d) {
    const spec = WASM[codec];
    d = spec.load().then(async (m) => {
      const mod = await m.default(codecModuleOptions(codec));
      const Cls = mod[spec.cls];
      if (!Cls) throw new Error(`codec module has no ${spec.cls}`);
      return new Cls();
    });
    decoders.set(codec, d);
  }
  return d;
}

/** Decoded frame bytes, little-endian, `bytesPerSample` per sample. */
export async function decodeCompressed(
  codec: Exclude<Codec, 'native' | 'rle'>,
  frame: Uint8Array,
  bytesPerSample: number,
): Promise<Uint8Array> {
  if (codec === 'jpeg-lossless') {
    const copy = frame.slice();
    const out = new JpegLosslessDecoder().decode(copy.buffer, 0, copy.length, bytesPerSample);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
  const decoder = await decoderFor(codec);
  if (codec === 'jpeg8' && jpegPrecision(frame) > 8) return decodeJpeg12(frame, bytesPerSample);
  let info;
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    if (codec === 'htj2k' && decoder.decodeSubResolution) decoder.decodeSubResolution(0);
    else decoder.decode();
    info = decoder.getFrameInfo();
  } catch (e) {
    // A C++ exception may leave the decoder half-way: start the next frame with a fresh one.
    decoders.delete(codec);
    throw e;
  }
  if (codec === 'jpeg8' && info.bitsPerSample > 8) return decodeJpeg12(frame, bytesPerSample);
  // Copy out of the wasm heap: the next decode reuses it.
  return decoder.getDecodedBuffer().slice();
}

/** Sample precision from the first SOF marker (8 for baseline, 12 for extended process 4). */
export function jpegPrecision(frame: Uint8Array): number {
  for (let p = 2; p + 4 < frame.length;) {
    if (frame[p] !== 0xff) return 8;
    const marker = frame[p + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return frame[p + 4]!;
    p += 2 + ((frame[p + 2]! << 8) | frame[p + 3]!);
  }
  return 8;
}

type JpegImageCtor = new () => {
  parse(d: Uint8Array): void;
  width: number;
  height: number;
  colorTransform: boolean;
  getData16(w: number, h: number): Uint16Array;
};

/** The loader's 12-bit JPEG decoder (its exports hide it; package.json is exported). */
export function jpeg12Path(): string {
  return join(
    dirname(requireHere.resolve('@cornerstonejs/dicom-image-loader/package.json')),
    'dist/esm/codecs/jpeg.js',
  );
}

let jpeg12: Promise<JpegImageCtor> | null = null;

/**
 * 12-bit JPEG (extended, process 4): libjpeg-turbo is 8-bit only, so use the
 * pure-JS decoder Cornerstone ships for the same case in the browser. Its
 * package exports do not expose it, hence the path from its package folder.
 */
async function decodeJpeg12(frame: Uint8Array, bytesPerSample: number): Promise<Uint8Array> {
  if (bytesPerSample !== 2) throw new Error('12-bit JPEG needs 16-bit pixel storage (BitsAllocated 16)');
  jpeg12 ??= import(pathToFileURL(jpeg12Path()).href).then((m: { default: JpegImageCtor }) => m.default);
  const JpegImage = await jpeg12;
  const img = new JpegImage();
  img.parse(frame);
  img.colorTransform = false;
  const data = img.getData16(img.width, img.height);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}
