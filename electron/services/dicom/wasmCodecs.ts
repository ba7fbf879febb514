import { Decoder as JpegLosslessDecoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import type { Codec } from './transferSyntax';

type Factory = () => Promise<Record<string, new () => EmscriptenDecoder>>;

/** Emscripten module + decoder class for each wasm codec (Cornerstone's codec packages, on Node). */
const WASM: Record<'jpeg8' | 'jpeg-ls' | 'j2k' | 'htj2k', { load: () => Promise<{ default: Factory }>; cls: string }> =
  {
    jpeg8: { load: () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'), cls: 'JPEGDecoder' },
    'jpeg-ls': { load: () => import('@cornerstonejs/codec-charls/decodewasmjs'), cls: 'JpegLSDecoder' },
    j2k: { load: () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'), cls: 'J2KDecoder' },
    htj2k: { load: () => import('@cornerstonejs/codec-openjph/wasmjs'), cls: 'HTJ2KDecoder' },
  };

const decoders = new Map<string, Promise<EmscriptenDecoder>>();

function decoderFor(codec: keyof typeof WASM): Promise<EmscriptenDecoder> {
  let d = decoders.get(codec);
  if (!d) {
    const spec = WASM[codec];
    d = spec.load().then(async (m) => {
      const mod = await m.default();
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
  if (codec === 'jpeg8' && info.bitsPerSample > 8) {
    throw new Error(`${info.bitsPerSample}-bit JPEG (extended) is not supported; only 8-bit JPEG baseline/extended`);
  }
  // Copy out of the wasm heap: the next decode reuses it.
  return decoder.getDecodedBuffer().slice();
}
