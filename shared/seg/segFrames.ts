import dicomParser from 'dicom-parser';
import { decodeRle } from '../dicom/decodeRle';
import { frameBytes } from '../dicom/frameBytes';
import { inflateDataset } from '../dicom/inflateDataset';
import type { NaturalDataset } from '../dicom/writeInstance';

/** Pixel value of frame f (0-based, file order) at pixel p (row-major). */
export type FrameValues = (f: number, p: number) => number;

/** Transfer syntaxes whose pixel data dcmjs hands over as one native buffer. */
const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.2']);
const RLE = '1.2.840.10008.1.2.5';
const CODEC_NAMES: Array<[string, string]> = [
  ['1.2.840.10008.1.2.4.9', 'JPEG 2000'],
  ['1.2.840.10008.1.2.4.20', 'HTJ2K'],
  ['1.2.840.10008.1.2.4.8', 'JPEG-LS'],
  ['1.2.840.10008.1.2.4.', 'JPEG'],
];

export interface SegPixelFormat {
  rows: number;
  cols: number;
  nFrames: number;
  /** 1 (binary), 8 (fractional, label map) or 16 (label map). */
  bits: number;
}

/**
 * Per-frame pixel values of a SEG in any transfer syntax the standard allows:
 * - native (implicit/explicit little endian, deflated): one bit stream for
 *   BitsAllocated 1, frames back to back, a frame starting mid-byte when
 *   rows x columns is not a multiple of 8;
 * - encapsulated (RLE here; JPEG 2000, JPEG-LS and others as `decoded`
 *   frames from a codec, see electron/services/dicom/decodeSegFrames.ts):
 *   each frame on its own, a binary frame either bit-packed from its first
 *   byte or one byte per pixel, whichever length the codec gave back.
 */
export function segFrameValues(
  bytes: Uint8Array,
  ds: NaturalDataset,
  fmt: SegPixelFormat,
  decoded?: Uint8Array[],
): FrameValues {
  const ts = String((ds._meta as NaturalDataset | undefined)?.TransferSyntaxUID ?? '1.2.840.10008.1.2.1');
  const { rows, cols, nFrames, bits } = fmt;
  const size = rows * cols;
  if (![1, 8, 16].includes(bits)) throw new Error(`readSeg: BitsAllocated ${bits} is not a SEG pixel format`);
  if (!decoded && NATIVE.has(ts)) {
    const buf = (ds.PixelData as ArrayBuffer[] | undefined)?.[0];
    if (!buf) throw new Error('readSeg: no PixelData');
    const px = new Uint8Array(buf);
    const needBits = nFrames * size * bits;
    if (px.length * 8 < needBits)
      throw new Error(
        `readSeg: PixelData holds ${px.length} bytes, ${nFrames} frame(s) of ${rows}x${cols} at ${bits} bit(s) need ${Math.ceil(needBits / 8)}`,
      );
    return (f, p) => {
      const n = f * size + p;
      if (bits === 1) return (px[n >> 3]! >> (n & 7)) & 1;
      if (bits === 8) return px[n]!;
      return px[2 * n]! | (px[2 * n + 1]! << 8);
    };
  }
  const frames = decoded ?? rleFrames(bytes, ts, fmt);
  if (frames.length < nFrames) throw new Error(`readSeg: ${nFrames} frame(s) declared, ${frames.length} found`);
  const bytesPer = bits === 16 ? 2 : 1;
  const packed = frames.map((fr, f) => {
    if (fr.length >= size * bytesPer) return false;
    if (bits === 1 && fr.length * 8 >= size) return true;
    throw new Error(
      `readSeg: frame ${f + 1} decoded to ${fr.length} bytes, ${rows}x${cols} at ${bits} bit(s) need more`,
    );
  });
  return (f, p) => {
    const fr = frames[f]!;
    if (bits === 16) return fr[2 * p]! | (fr[2 * p + 1]! << 8);
    if (bits === 8) return fr[p]!;
    return packed[f] ? (fr[p >> 3]! >> (p & 7)) & 1 : fr[p] ? 1 : 0;
  };
}

/**
 * RLE frames, decoded here (pure). A binary frame's segment holds its packed
 * bits (PS3.5 8.2.2: each frame padded to a byte) or, from some writers, one
 * byte per pixel: decode up to the larger and keep what the segment held.
 */
function rleFrames(bytes: Uint8Array, ts: string, fmt: SegPixelFormat): Uint8Array[] {
  if (ts !== RLE) {
    const name = CODEC_NAMES.find(([prefix]) => ts.startsWith(prefix))?.[1] ?? `transfer syntax ${ts}`;
    throw new Error(`readSeg: ${name} frames need an image codec, which this reader has not been given`);
  }
  const ds = dicomParser.parseDicom(bytes, { inflater: inflateDataset });
  const size = fmt.rows * fmt.cols;
  const bps = fmt.bits === 16 ? 2 : 1;
  return Array.from({ length: fmt.nFrames }, (_, f) => decodeRle(frameBytes(ds, f, 0, fmt.nFrames), size, bps, 1));
}
