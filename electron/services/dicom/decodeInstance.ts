import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { frameBytes } from '../../../shared/dicom/frameBytes';
import { inflateDataset } from '../../../shared/dicom/inflateDataset';
import { thrownMessage } from '../../../shared/dicom/thrownMessage';
import { decodeRle } from '../../../shared/dicom/decodeRle';
import { codecFor, TS } from './transferSyntax';
import { decodeCompressed } from './wasmCodecs';

/** Stored values of one frame (before rescale), in the type the pixel module declares. */
export type StoredFrame = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

export interface DecodedInstance {
  rows: number;
  columns: number;
  transferSyntaxUid: string;
  rescaleSlope: number;
  rescaleIntercept: number;
  frames: StoredFrame[];
}

function typed(bytes: Uint8Array, bitsAllocated: number, signed: boolean): StoredFrame {
  // Copy when unaligned: typed array views need an aligned offset.
  const b = bytes.byteOffset % (bitsAllocated / 8) === 0 ? bytes : bytes.slice();
  const n = b.byteLength / (bitsAllocated / 8);
  if (bitsAllocated === 8) return signed ? new Int8Array(b.buffer, b.byteOffset, n) : b;
  if (bitsAllocated === 16)
    return signed ? new Int16Array(b.buffer, b.byteOffset, n) : new Uint16Array(b.buffer, b.byteOffset, n);
  return signed ? new Int32Array(b.buffer, b.byteOffset, n) : new Uint32Array(b.buffer, b.byteOffset, n);
}

/** Signed data with BitsStored < BitsAllocated keeps its sign bit at HighBit: extend it. */
function signExtend(f: StoredFrame, bitsStored: number, bitsAllocated: number): void {
  if (bitsStored >= bitsAllocated) return;
  const shift = 32 - bitsStored;
  for (let i = 0; i < f.length; i++) f[i] = (f[i]! << shift) >> shift;
}

/**
 * Decodes every frame of a Part 10 instance on Node: native little/big endian,
 * deflate, RLE, JPEG baseline/lossless, JPEG-LS, JPEG 2000 and HTJ2K (through
 * Cornerstone's codec packages). Throws with a specific reason otherwise.
 */
export async function decodeInstance(bytes: Uint8Array): Promise<DecodedInstance> {
  try {
    return await decodeUnsafe(bytes);
  } catch (e) {
    if (e instanceof Error) throw e;
    // dicom-parser throws strings, emscripten codecs bare numbers: give them a reason.
    throw new Error(`cannot decode pixel data: ${thrownMessage(e)}`);
  }
}

async function decodeUnsafe(bytes: Uint8Array): Promise<DecodedInstance> {
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, { inflater: inflateDataset });
  } catch (e) {
    throw new Error(`cannot parse: ${thrownMessage(e)}`);
  }
  const ts = ds.string('x00020010') ?? TS.implicitLE;
  if (!ds.elements.x7fe00010) throw new Error('no pixel data');
  const codec = codecFor(ts);
  if (!codec) throw new Error(`unsupported transfer syntax ${ts}`);
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  const bitsStored = ds.uint16('x00280101') ?? bitsAllocated;
  const signed = (ds.uint16('x00280103') ?? 0) === 1;
  const samples = ds.uint16('x00280002') ?? 1;
  if (samples !== 1) throw new Error(`colour images (${samples} samples per pixel) are not volumes`);
  const nFrames = Math.max(1, Number(ds.string('x00280008') ?? 1) || 1);
  const bps = bitsAllocated / 8;
  const frameSize = rows * columns * bps;
  const frames: StoredFrame[] = [];
  for (let f = 0; f < nFrames; f++) {
    const raw = frameBytes(ds, f, frameSize, nFrames);
    let px: Uint8Array;
    if (codec === 'native') {
      px = raw;
      if (ts === TS.explicitBE && bps > 1) {
        px = raw.slice();
        for (let i = 0; i < px.length; i += bps) px.subarray(i, i + bps).reverse();
      }
    } else if (codec === 'rle') px = decodeRle(raw, rows * columns, bps, samples);
    else px = await decodeCompressed(codec, raw, bps);
    if (px.length < frameSize) throw new Error(`frame ${f + 1} decoded to ${px.length} bytes, expected ${frameSize}`);
    const stored = typed(px.subarray(0, frameSize), bitsAllocated, signed);
    if (signed) signExtend(stored, bitsStored, bitsAllocated);
    frames.push(stored);
  }
  const num = (tag: string, d: number) => {
    const v = Number(ds.string(tag));
    return ds.string(tag) !== undefined && Number.isFinite(v) ? v : d;
  };
  return {
    rows,
    columns,
    transferSyntaxUid: ts,
    rescaleSlope: num('x00281053', 1),
    rescaleIntercept: num('x00281052', 0),
    frames,
  };
}
