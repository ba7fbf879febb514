import { gunzipSync, gzipSync } from 'fflate';
import type { Grid, Labelmap, ScalarArray, ScalarVolume, Vec3 } from './grid';

/**
 * NIfTI-1 (.nii, .nii.gz) reading and writing for 3D labelmaps and scalar volumes.
 * Hand-written because no maintained pure-JS NIfTI package writes qform/sform; the format is a
 * fixed 348-byte header. NIfTI world space is RAS, ours LPS: the first two patient axes flip.
 * Reading prefers sform, then qform, then bare pixdim (NIfTI method 1).
 */

const HEADER_BYTES = 348;
const DATA_OFFSET = 352;
const UNITS_MM = 2;

const enum Dt {
  UINT8 = 2,
  INT16 = 4,
  INT32 = 8,
  FLOAT32 = 16,
  FLOAT64 = 64,
  INT8 = 256,
  UINT16 = 512,
  UINT32 = 768,
}

const BYTES: Record<number, number> = { 2: 1, 4: 2, 8: 4, 16: 4, 64: 8, 256: 1, 512: 2, 768: 4 };

/** Decodes a .nii or .nii.gz image (gzip detected from its magic bytes). */
export function decodeNifti(bytes: Uint8Array): ScalarVolume {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  if (raw.length < HEADER_BYTES) throw new Error('not a NIfTI-1 file: shorter than its header');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let le = true;
  if (view.getInt32(0, true) !== HEADER_BYTES) {
    if (view.getInt32(0, false) !== HEADER_BYTES) throw new Error('not a NIfTI-1 file (sizeof_hdr)');
    le = false;
  }
  const magic = String.fromCharCode(raw[344]!, raw[345]!, raw[346]!);
  if (magic !== 'n+1') throw new Error(`unsupported NIfTI magic '${magic}' (need single-file n+1)`);
  const i16 = (o: number) => view.getInt16(o, le);
  const f32 = (o: number) => view.getFloat32(o, le);
  const ndim = i16(40);
  const dims: Vec3 = [i16(42), ndim >= 2 ? i16(44) : 1, ndim >= 3 ? i16(46) : 1];
  for (let d = 4; d <= ndim; d++) {
    if (i16(40 + 2 * d) > 1) throw new Error(`NIfTI has ${ndim} dimensions; only 3D is supported`);
  }
  const datatype = i16(70);
  const size = BYTES[datatype];
  if (!size) throw new Error(`unsupported NIfTI datatype ${datatype}`);
  const unitScale = spatialUnitToMm(raw[123]! & 0x07);
  const affine = readAffine(view, le, unitScale);
  const grid = gridFromRasAffine(affine, dims);
  const count = dims[0] * dims[1] * dims[2];
  const offset = Math.max(DATA_OFFSET, Math.round(f32(108)));
  if (raw.length < offset + count * size) throw new Error('NIfTI pixel data is truncated');
  let data = readVoxels(view, offset, count, datatype, le);
  const slope = f32(112);
  const inter = f32(116);
  if (slope !== 0 && Number.isFinite(slope) && (slope !== 1 || inter !== 0)) {
    const scaled = new Float32Array(count);
    for (let n = 0; n < count; n++) scaled[n] = data[n]! * slope + inter;
    data = scaled;
  }
  return { grid, data };
}

/** Decodes a NIfTI labelmap: integer labels 0..65535 (Uint8Array when all fit in a byte). */
export function decodeNiftiLabelmap(bytes: Uint8Array): Labelmap {
  const { grid, data } = decodeNifti(bytes);
  let max = 0;
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v < 0 || v > 65535 || !Number.isInteger(v)) {
      throw new Error(`labelmap voxel ${n} holds ${v}; labels must be integers 0..65535`);
    }
    if (v > max) max = v;
  }
  const out = max <= 255 ? new Uint8Array(data.length) : new Uint16Array(data.length);
  out.set(data);
  return { grid, data: out };
}

/** Encodes a volume or labelmap as NIfTI-1 (gzip-compressed when gzip is set). */
export function encodeNifti(
  volume: ScalarVolume | Labelmap,
  options: { gzip?: boolean; description?: string } = {},
): Uint8Array {
  const { grid, data } = volume;
  const [nx, ny, nz] = grid.dims;
  if (data.length !== nx * ny * nz) throw new Error('voxel count does not match the grid');
  const datatype = datatypeOf(data);
  const size = BYTES[datatype]!;
  const out = new Uint8Array(DATA_OFFSET + data.length * size);
  const view = new DataView(out.buffer);
  view.setInt32(0, HEADER_BYTES, true);
  [3, nx, ny, nz, 1, 1, 1, 1].forEach((v, n) => view.setInt16(40 + 2 * n, v, true));
  view.setInt16(70, datatype, true);
  view.setInt16(72, size * 8, true);
  const { quat, qfac } = rasQuaternion(grid);
  [qfac, ...grid.spacing, 1, 1, 1, 1].forEach((v, n) => view.setFloat32(76 + 4 * n, v, true));
  view.setFloat32(108, DATA_OFFSET, true);
  view.setFloat32(112, 1, true);
  out[123] = UNITS_MM;
  const descrip = (options.description ?? 'LiverPlan').slice(0, 79);
  for (let n = 0; n < descrip.length; n++) out[148 + n] = descrip.charCodeAt(n) & 0x7f;
  view.setInt16(252, 1, true); // qform_code: scanner anatomical
  view.setInt16(254, 1, true); // sform_code: scanner anatomical
  const ras = rasAffine(grid);
  [quat[0], quat[1], quat[2], ras[3], ras[7], ras[11]].forEach((v, n) => view.setFloat32(256 + 4 * n, v, true));
  for (let n = 0; n < 12; n++) view.setFloat32(280 + 4 * n, ras[n]!, true);
  out.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), DATA_OFFSET);
  return options.gzip ? gzipSync(out, { level: 6 }) : out;
}

function datatypeOf(data: ScalarArray): Dt {
  if (data instanceof Uint8Array) return Dt.UINT8;
  if (data instanceof Int16Array) return Dt.INT16;
  if (data instanceof Uint16Array) return Dt.UINT16;
  if (data instanceof Int32Array) return Dt.INT32;
  return Dt.FLOAT32;
}

function spatialUnitToMm(code: number): number {
  if (code === 1) return 1000; // metres
  if (code === 3) return 0.001; // microns
  return 1; // mm, or unknown (taken as mm as most writers mean it)
}

/** Row-major 3x4 RAS affine (mm) from voxel index to world. */
function readAffine(view: DataView, le: boolean, unit: number): number[] {
  const f32 = (o: number) => view.getFloat32(o, le);
  if (view.getInt16(254, le) > 0) {
    return Array.from({ length: 12 }, (_, n) => f32(280 + 4 * n) * unit);
  }
  const px = [f32(80), f32(84), f32(88)].map((v) => (v > 0 ? v : 1) * unit) as Vec3;
  if (view.getInt16(252, le) > 0) {
    const b = f32(256);
    const c = f32(260);
    const d = f32(264);
    const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
    const qfac = f32(76) < 0 ? -1 : 1;
    const r = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ];
    const off = [f32(268), f32(272), f32(276)].map((v) => v * unit);
    const m: number[] = [];
    for (let row = 0; row < 3; row++) {
      m.push(r[row]![0]! * px[0], r[row]![1]! * px[1], r[row]![2]! * px[2] * qfac, off[row]!);
    }
    return m;
  }
  return [px[0], 0, 0, 0, 0, px[1], 0, 0, 0, 0, px[2], 0];
}

function gridFromRasAffine(m: number[], dims: Vec3): Grid {
  // LPS = diag(-1, -1, 1) x RAS
  const col = (c: number): Vec3 => [-m[c]!, -m[4 + c]!, m[8 + c]!];
  const cols = [col(0), col(1), col(2)];
  const spacing = cols.map((v) => Math.hypot(...v)) as Vec3;
  if (spacing.some((s) => !(s > 0))) throw new Error('NIfTI affine has a zero-length axis');
  const unit = cols.map((v, a) => v.map((x) => x / spacing[a]!) as Vec3);
  const dot = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
  if (
    Math.abs(dot(unit[0]!, unit[1]!)) > 1e-3 ||
    Math.abs(dot(unit[0]!, unit[2]!)) > 1e-3 ||
    Math.abs(dot(unit[1]!, unit[2]!)) > 1e-3
  ) {
    throw new Error('NIfTI affine is sheared; only orthogonal grids are supported');
  }
  return {
    dims,
    spacing,
    origin: [-m[3]!, -m[7]!, m[11]!],
    direction: [...unit[0]!, ...unit[1]!, ...unit[2]!],
  };
}

/** Row-major 3x4 RAS affine of a grid. */
function rasAffine(grid: Grid): number[] {
  const d = grid.direction;
  const s = grid.spacing;
  const o = grid.origin;
  const flip = [-1, -1, 1];
  const m: number[] = [];
  for (let row = 0; row < 3; row++) {
    const f = flip[row]!;
    m.push(f * d[row]! * s[0], f * d[3 + row]! * s[1], f * d[6 + row]! * s[2], f * o[row]!);
  }
  return m;
}

/** NIfTI quaternion (b, c, d) and qfac of the grid's RAS rotation. */
function rasQuaternion(grid: Grid): { quat: Vec3; qfac: number } {
  const d = grid.direction;
  // r[row][col]: columns are the RAS directions of i, j, k
  const r = [0, 1, 2].map((row) => {
    const f = row < 2 ? -1 : 1;
    return [f * d[row]!, f * d[3 + row]!, f * d[6 + row]!];
  });
  const det =
    r[0]![0]! * (r[1]![1]! * r[2]![2]! - r[1]![2]! * r[2]![1]!) -
    r[0]![1]! * (r[1]![0]! * r[2]![2]! - r[1]![2]! * r[2]![0]!) +
    r[0]![2]! * (r[1]![0]! * r[2]![1]! - r[1]![1]! * r[2]![0]!);
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) for (const row of r) row[2] = -row[2]!;
  const [r11, r12, r13] = r[0]!;
  const [r21, r22, r23] = r[1]!;
  const [r31, r32, r33] = r[2]!;
  let a = r11! + r22! + r33! + 1;
  let b: number;
  let c: number;
  let e: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32! - r23!)) / a;
    c = (0.25 * (r13! - r31!)) / a;
    e = (0.25 * (r21! - r12!)) / a;
  } else {
    const xd = 1 + r11! - (r22! + r33!);
    const yd = 1 + r22! - (r11! + r33!);
    const zd = 1 + r33! - (r11! + r22!);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12! + r21!)) / b;
      e = (0.25 * (r13! + r31!)) / b;
      a = (0.25 * (r32! - r23!)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12! + r21!)) / c;
      e = (0.25 * (r23! + r32!)) / c;
      a = (0.25 * (r13! - r31!)) / c;
    } else {
      e = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r13! + r31!)) / e;
      c = (0.25 * (r23! + r32!)) / e;
      a = (0.25 * (r21! - r12!)) / e;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      e = -e;
    }
  }
  return { quat: [b, c, e], qfac };
}

function readVoxels(view: DataView, offset: number, count: number, dt: number, le: boolean): ScalarArray {
  const hostLe = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, count * BYTES[dt]!);
  if (le === hostLe) {
    const copy = bytes.slice().buffer; // aligned copy
    switch (dt) {
      case Dt.UINT8:
        return new Uint8Array(copy);
      case Dt.INT16:
        return new Int16Array(copy);
      case Dt.UINT16:
        return new Uint16Array(copy);
      case Dt.INT32:
        return new Int32Array(copy);
      case Dt.FLOAT32:
        return new Float32Array(copy);
      case Dt.INT8:
        return Int16Array.from(new Int8Array(copy));
      case Dt.UINT32:
        return Float32Array.from(new Uint32Array(copy));
      default:
        return Float32Array.from(new Float64Array(copy));
    }
  }
  // foreign byte order: go through DataView
  const size = BYTES[dt]!;
  const out =
    dt === Dt.UINT8
      ? new Uint8Array(count)
      : dt === Dt.INT16 || dt === Dt.INT8
        ? new Int16Array(count)
        : dt === Dt.UINT16
          ? new Uint16Array(count)
          : dt === Dt.INT32
            ? new Int32Array(count)
            : new Float32Array(count);
  for (let n = 0; n < count; n++) {
    const o = offset + n * size;
    let v: number;
    if (dt === Dt.UINT8) v = view.getUint8(o);
    else if (dt === Dt.INT8) v = view.getInt8(o);
    else if (dt === Dt.INT16) v = view.getInt16(o, le);
    else if (dt === Dt.UINT16) v = view.getUint16(o, le);
    else if (dt === Dt.INT32) v = view.getInt32(o, le);
    else if (dt === Dt.UINT32) v = view.getUint32(o, le);
    else if (dt === Dt.FLOAT32) v = view.getFloat32(o, le);
    else v = view.getFloat64(o, le);
    out[n] = v;
  }
  return out;
}
