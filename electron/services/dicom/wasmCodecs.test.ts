import { describe, expect, it } from 'vitest';
import openjpeg from '@cornerstonejs/codec-openjpeg/wasmjs';
import openjph from '@cornerstonejs/codec-openjph/wasmjs';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { readInstance, writeInstance } from '../../../shared/dicom/writeInstance';
import { decodeInstance } from './decodeInstance';
import { TS } from './transferSyntax';

// dcmtk has no JPEG 2000 / HTJ2K encoder here: the reference copies are made with the
// encoders of the same codec packages, then decoded through our DICOM path.
const cases = [
  ['JPEG 2000 lossless', openjpeg, 'J2KEncoder', TS.j2kLossless],
  ['HTJ2K lossless', openjph, 'HTJ2KEncoder', TS.htj2kLossless],
] as const;

describe('wasm codecs on Node', () => {
  const [file] = makeSeries({ rows: 64, columns: 64, slices: 1, value: (i, j) => ((i * 97 + j * 31) % 2500) - 1024 });
  const ds = readInstance(file!.bytes);
  const px = new Uint8Array((ds.PixelData as ArrayBuffer[])[0]!);
  it.each(cases)('%s decodes bit-exact', async (_name, factory, cls, ts) => {
    const m = (await factory()) as unknown as Record<
      string,
      new () => {
        getDecodedBuffer(info: object): Uint8Array;
        encode(): void;
        getEncodedBuffer(): Uint8Array;
      }
    >;
    const enc = new m[cls]!();
    enc
      .getDecodedBuffer({
        width: 64,
        height: 64,
        bitsPerSample: 16,
        componentCount: 1,
        isSigned: true,
        isUsingColorTransform: false,
      })
      .set(px);
    enc.encode();
    const encoded = enc.getEncodedBuffer().slice();
    const bytes = writeInstance(
      { ...ds, _meta: undefined, PixelData: [encoded.buffer], _vrMap: { PixelData: 'OB' } },
      ts,
    );
    const ref = await decodeInstance(file!.bytes);
    const got = await decodeInstance(bytes);
    expect(got.transferSyntaxUid).toBe(ts);
    expect(Array.from(got.frames[0]!)).toEqual(Array.from(ref.frames[0]!));
  });
});
