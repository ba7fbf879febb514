import { unzlibSync, zlibSync } from 'fflate';
import type { LabelArray, Vec3 } from '../volume/grid';

/**
 * Autosave deltas of a case labelmap: only the axial slices (k planes) that changed since the
 * last write cross IPC, zlib-compressed (fflate). Slices are found by comparing per-slice hashes
 * of the last snapshot with the current voxels, so no edit path (brush, eraser, segmentation
 * jobs, undo, imports) has to report what it touched.
 *
 * Layout before compression, little endian: "LPLD", version u8 = 1, bytes per voxel u8, 2 zero
 * bytes, nx ny nz u32, slice count u32, the slice indices u32 ascending, then each slice's
 * voxels (nx*ny*bytesPerVoxel bytes) in that order.
 */
const MAGIC = [0x4c, 0x50, 0x4c, 0x44]; // "LPLD"
const VERSION = 1;
const HEADER = 24;

const bytesOf = (data: LabelArray) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

function checkLength(data: LabelArray, dims: Vec3): void {
  if (data.length !== dims[0] * dims[1] * dims[2])
    throw new Error(
      `labelmap holds ${data.length} voxels, the grid ${dims.join('x')} needs ${dims[0] * dims[1] * dims[2]}`,
    );
}

/**
 * Two 32-bit hashes per slice (2*nz numbers). Every step of each lane is a bijection of its state,
 * so a slice that differs in a single 4-byte word always changes its hash; for wider differences
 * both independent lanes would have to collide at once.
 */
export function sliceHashes(data: LabelArray, dims: Vec3): Uint32Array {
  checkLength(data, dims);
  const bytes = bytesOf(data);
  const sliceBytes = bytes.length / dims[2];
  const out = new Uint32Array(2 * dims[2]);
  const words = bytes.byteOffset % 4 === 0 && sliceBytes % 4 === 0;
  const w32 = words ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : null;
  for (let k = 0; k < dims[2]; k++) {
    let h1 = 0x811c9dc5 ^ k;
    let h2 = 0x5bd1e995 + k;
    if (w32) {
      const end = ((k + 1) * sliceBytes) / 4;
      for (let n = (k * sliceBytes) / 4; n < end; n++) {
        const w = w32[n]!;
        h1 = Math.imul(h1 ^ w, 0x9e3779b1);
        h1 = (h1 << 13) | (h1 >>> 19);
        h2 = Math.imul(h2 + w, 0x85ebca77);
        h2 ^= h2 >>> 15;
      }
    } else {
      const end = (k + 1) * sliceBytes;
      for (let n = k * sliceBytes; n < end; n++) {
        const w = bytes[n]!;
        h1 = Math.imul(h1 ^ w, 0x9e3779b1);
        h1 = (h1 << 13) | (h1 >>> 19);
        h2 = Math.imul(h2 + w, 0x85ebca77);
        h2 ^= h2 >>> 15;
      }
    }
    out[2 * k] = h1 >>> 0;
    out[2 * k + 1] = h2 >>> 0;
  }
  return out;
}

/** Indices of the slices whose hashes differ (every slice when there is no earlier snapshot). */
export function changedSlices(before: Uint32Array | null, after: Uint32Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < after.length / 2; k++) {
    if (
      !before ||
      before.length !== after.length ||
      before[2 * k] !== after[2 * k] ||
      before[2 * k + 1] !== after[2 * k + 1]
    )
      out.push(k);
  }
  return out;
}

/** The compressed delta carrying `slices` of `data` (the grid's dims; Uint8 or Uint16 labels). */
export function encodeLabelsDelta(data: LabelArray, dims: Vec3, slices: number[]): Uint8Array {
  checkLength(data, dims);
  const bytes = bytesOf(data);
  const sliceBytes = bytes.length / dims[2];
  const ks = [...new Set(slices)].sort((a, b) => a - b);
  if (ks.some((k) => !Number.isInteger(k) || k < 0 || k >= dims[2]))
    throw new Error(`slice index outside 0..${dims[2] - 1}`);
  const raw = new Uint8Array(HEADER + 4 * ks.length + sliceBytes * ks.length);
  const view = new DataView(raw.buffer);
  raw.set(MAGIC, 0);
  raw[4] = VERSION;
  raw[5] = data.BYTES_PER_ELEMENT;
  dims.forEach((d, n) => view.setUint32(8 + 4 * n, d, true));
  view.setUint32(20, ks.length, true);
  let at = HEADER + 4 * ks.length;
  ks.forEach((k, n) => {
    view.setUint32(HEADER + 4 * n, k, true);
    raw.set(bytes.subarray(k * sliceBytes, (k + 1) * sliceBytes), at);
    at += sliceBytes;
  });
  return zlibSync(raw, { level: 4 });
}

/**
 * Writes the delta's slices into `target` (the labelmap of the write the delta is based on) and
 * returns how many slices it replaced. Throws, leaving `target` untouched, when the delta is
 * damaged or made for another grid or voxel type.
 */
export function applyLabelsDelta(target: LabelArray, dims: Vec3, delta: Uint8Array): number {
  checkLength(target, dims);
  let raw: Uint8Array;
  try {
    raw = unzlibSync(delta);
  } catch (e) {
    throw new Error(`the labels delta is not zlib data (${e instanceof Error ? e.message : String(e)})`);
  }
  if (raw.length < HEADER || MAGIC.some((b, n) => raw[n] !== b)) throw new Error('the labels delta has no LPLD header');
  if (raw[4] !== VERSION) throw new Error(`labels delta version ${raw[4]} is not supported`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const got: Vec3 = [view.getUint32(8, true), view.getUint32(12, true), view.getUint32(16, true)];
  if (got.some((d, n) => d !== dims[n]))
    throw new Error(`the labels delta is for a ${got.join('x')} grid, the case labelmap is ${dims.join('x')}`);
  if (raw[5] !== target.BYTES_PER_ELEMENT)
    throw new Error(`the labels delta has ${raw[5]}-byte labels, the case labelmap ${target.BYTES_PER_ELEMENT}-byte`);
  const count = view.getUint32(20, true);
  const sliceBytes = dims[0] * dims[1] * target.BYTES_PER_ELEMENT;
  if (count > dims[2] || raw.length !== HEADER + count * (4 + sliceBytes))
    throw new Error(`the labels delta is truncated or padded (${count} slices, ${raw.length} bytes)`);
  const ks: number[] = [];
  for (let n = 0; n < count; n++) {
    const k = view.getUint32(HEADER + 4 * n, true);
    if (k >= dims[2] || (n > 0 && k <= ks[n - 1]!))
      throw new Error(`labels delta slice index ${k} is out of order or range`);
    ks.push(k);
  }
  const bytes = bytesOf(target);
  let at = HEADER + 4 * count;
  for (const k of ks) {
    bytes.set(raw.subarray(at, at + sliceBytes), k * sliceBytes);
    at += sliceBytes;
  }
  return count;
}

/** What the last acknowledged write of a case held: its store seq and per-slice hashes. */
export interface LabelsWriteBase {
  seq: number;
  hashes: Uint32Array;
}

/**
 * The labels part of a save or autosave: the changed slices against `base`, or the whole file
 * from `encodeFull` when there is no base. `hashes` becomes the next base once the write is
 * acknowledged (with the seq the host answers).
 */
export function labelsForWrite(
  data: LabelArray,
  dims: Vec3,
  base: LabelsWriteBase | null,
  encodeFull: () => Uint8Array,
): {
  payload: { kind: 'full'; bytes: Uint8Array } | { kind: 'delta'; baseSeq: number; bytes: Uint8Array };
  hashes: Uint32Array;
  slices: number;
} {
  const hashes = sliceHashes(data, dims);
  if (!base || base.hashes.length !== hashes.length)
    return { payload: { kind: 'full', bytes: encodeFull() }, hashes, slices: dims[2] };
  const changed = changedSlices(base.hashes, hashes);
  return {
    payload: { kind: 'delta', baseSeq: base.seq, bytes: encodeLabelsDelta(data, dims, changed) },
    hashes,
    slices: changed.length,
  };
}
