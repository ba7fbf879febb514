import { readInstance, writeInstance, type NaturalDataset } from '../writeInstance';

/** One SEG frame as raw samples, for an encoder: 0/1 bytes for binary, else the stored words. */
export interface RawFrame {
  bytes: Uint8Array;
  /** Pixels per frame. */
  size: number;
}

/** The frames of a native SEG (any BitsAllocated), each as one byte (or word) per pixel. */
export function nativeSegFrames(seg: Uint8Array): { ds: NaturalDataset; frames: RawFrame[]; bits: number } {
  const ds = readInstance(seg);
  const size = Number(ds.Rows) * Number(ds.Columns);
  const n = Number(ds.NumberOfFrames ?? 1);
  const bits = Number(ds.BitsAllocated);
  const px = new Uint8Array((ds.PixelData as ArrayBuffer[])[0]!);
  const frames = Array.from({ length: n }, (_, f) => {
    if (bits !== 1) return { bytes: px.slice(f * size * (bits / 8), (f + 1) * size * (bits / 8)), size };
    const out = new Uint8Array(size);
    for (let p = 0; p < size; p++) {
      const b = f * size + p;
      out[p] = (px[b >> 3]! >> (b & 7)) & 1;
    }
    return { bytes: out, size };
  });
  return { ds, frames, bits };
}

/** Packs 0/1 bytes into bits, least significant bit first, padded to a whole byte. */
export function packBits(values: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, p) => v && (out[p >> 3]! |= 1 << (p & 7)));
  return out;
}

/**
 * PackBits as DICOM RLE wants it (PS3.5 G.3.1): literal runs of up to 128
 * bytes, replicate runs of 2..128. Test-only encoder: dcmcrle refuses 1-bit data.
 */
function packBitsRle(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < src.length;) {
    let run = 1;
    while (i + run < src.length && run < 128 && src[i + run] === src[i]) run++;
    if (run >= 2) {
      out.push(257 - run, src[i]!);
      i += run;
      continue;
    }
    let lit = 1;
    while (i + lit < src.length && lit < 128 && !(i + lit + 1 < src.length && src[i + lit] === src[i + lit + 1])) lit++;
    out.push(lit - 1, ...src.subarray(i, i + lit));
    i += lit;
  }
  if (out.length % 2) out.push(0x80); // no-op byte keeps segments even
  return Uint8Array.from(out);
}

/** One RLE frame of 8-bit samples (one segment). */
export function rleFrame(samples: Uint8Array): Uint8Array {
  const seg = packBitsRle(samples);
  const out = new Uint8Array(64 + seg.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 1, true);
  view.setUint32(4, 64, true);
  out.set(seg, 64);
  return out;
}

/** Rewrites a SEG dataset with the given encoded frames under an encapsulated transfer syntax. */
export function withEncodedFrames(ds: NaturalDataset, frames: Uint8Array[], transferSyntaxUid: string): Uint8Array {
  const { _meta: _drop, ...rest } = ds;
  return writeInstance(
    { ...rest, PixelData: frames.map((f) => f.slice().buffer), _vrMap: { PixelData: 'OB' } },
    transferSyntaxUid,
  );
}
