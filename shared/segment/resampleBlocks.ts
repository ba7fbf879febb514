import type { IndexBox } from '../volume/crop';
import type { Grid, ScalarVolume, Vec3 } from '../volume/grid';
import { indexToPatient } from '../volume/grid';

/**
 * Integer block down-sampling for working at a coarser voxel size, and the way back for masks.
 * Block averaging is exact bookkeeping (each coarse voxel is the mean of the fine voxels it
 * covers) and a first noise filter at the same time.
 */

export interface Downsampled {
  /** The coarse image (the input itself when every factor is 1). */
  volume: ScalarVolume;
  factors: Vec3;
  /** True when no down-sampling happened. */
  identity: boolean;
  /** Flat fine-grid index -> flat coarse-grid index. */
  toWork(n: number): number;
}

/** Per-axis integer factors bringing the spacing up to about targetMm (never below 1). */
export function blockFactors(spacing: Vec3, targetMm: number): Vec3 {
  return spacing.map((s) => Math.max(1, Math.floor(targetMm / s + 1e-6))) as Vec3;
}

/**
 * Mean over blocks of factors voxels (the last block on an axis may be partial). The coarse grid
 * keeps the orientation; its first voxel centre is the centre of the first block.
 */
export function downsampleMean(volume: ScalarVolume, factors: Vec3): Downsampled {
  const { grid, data } = volume;
  const [nx, ny, nz] = grid.dims;
  const [fx, fy, fz] = factors;
  if (fx === 1 && fy === 1 && fz === 1) return { volume, factors, identity: true, toWork: (n) => n };
  const dims: Vec3 = [Math.ceil(nx / fx), Math.ceil(ny / fy), Math.ceil(nz / fz)];
  const [cx, cy] = dims;
  const sums = new Float64Array(dims[0] * dims[1] * dims[2]);
  const ic = new Int32Array(nx);
  for (let i = 0; i < nx; i++) ic[i] = Math.floor(i / fx);
  for (let k = 0; k < nz; k++) {
    const kc = Math.floor(k / fz) * cx * cy;
    for (let j = 0; j < ny; j++) {
      const row = kc + Math.floor(j / fy) * cx;
      const src = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) sums[row + ic[i]!]! += data[src + i]!;
    }
  }
  const out = new Float32Array(sums.length);
  const extent = (n: number, f: number, c: number) => Math.min(f, n - c * f);
  for (let k = 0, o = 0; k < dims[2]; k++) {
    const ez = extent(nz, fz, k);
    for (let j = 0; j < cy; j++) {
      const ey = extent(ny, fy, j);
      for (let i = 0; i < cx; i++, o++) out[o] = sums[o]! / (extent(nx, fx, i) * ey * ez);
    }
  }
  const coarse: Grid = {
    dims,
    spacing: [grid.spacing[0] * fx, grid.spacing[1] * fy, grid.spacing[2] * fz],
    origin: indexToPatient(grid, (fx - 1) / 2, (fy - 1) / 2, (fz - 1) / 2),
    direction: [...grid.direction],
  };
  return {
    volume: { grid: coarse, data: out },
    factors,
    identity: false,
    toWork: (n) => {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      return Math.floor(i / fx) + cx * (Math.floor(j / fy) + cy * Math.floor(k / fz));
    },
  };
}

/**
 * Writes a coarse mask (a crop `box` of the coarse grid with `dims`) onto the fine grid by
 * trilinear interpolation of the 0/1 values, threshold one half: a smooth outline rather than
 * blocks. Only the fine voxels under the box are written. With `mixed`, the fine voxels whose
 * interpolation cell holds both values are listed there: every fine voxel on either side of the
 * outline lies in one (cells of one value give one value, and neighbouring cells share corners).
 */
export function upsampleMask(
  coarse: Uint8Array,
  box: IndexBox,
  dims: Vec3,
  work: Downsampled,
  fine: Grid,
  out: Uint8Array,
  mixed?: number[],
): Uint8Array {
  const [fx, fy, fz] = work.factors;
  const [nx, ny, nz] = fine.dims;
  const axis = (a: number, f: number, n: number) => {
    const lo = box.min[a]! * f;
    const hi = Math.min(n - 1, (box.max[a]! + 1) * f - 1);
    const len = hi - lo + 1;
    const i0 = new Int32Array(len);
    const i1 = new Int32Array(len);
    const w = new Float32Array(len);
    for (let t = 0; t < len; t++) {
      // Fine voxel centre in crop-local coarse index units.
      const u = Math.min(dims[a]! - 1, Math.max(0, (lo + t + 0.5) / f - 0.5 - box.min[a]!));
      const a0 = Math.floor(u);
      i0[t] = a0;
      i1[t] = Math.min(dims[a]! - 1, a0 + 1);
      w[t] = u - a0;
    }
    return { lo, len, i0, i1, w };
  };
  const X = axis(0, fx, nx);
  const Y = axis(1, fy, ny);
  const Z = axis(2, fz, nz);
  const [cx, cy] = dims;
  const plane = cx * cy;
  // Per coarse column of the current fine row: how many of its four corner rows hold the object.
  // A fine voxel's cell is uniform when the counts of its two columns add up to 0 or 8; only
  // mixed cells need the eight corners and the weights. Fine rows of one coarse row pair (a
  // factor of 2 or 3 in j) share the counts.
  const count = new Uint8Array(cx);
  const counted = [-1, -1, -1, -1];
  for (let tk = 0; tk < Z.len; tk++) {
    const z0 = Z.i0[tk]! * plane;
    const z1 = Z.i1[tk]! * plane;
    const wz = Z.w[tk]!;
    for (let tj = 0; tj < Y.len; tj++) {
      const y0 = Y.i0[tj]! * cx;
      const y1 = Y.i1[tj]! * cx;
      const wy = Y.w[tj]!;
      if (counted[0] !== z0 || counted[1] !== z1 || counted[2] !== y0 || counted[3] !== y1) {
        for (let x = 0; x < cx; x++)
          count[x] = coarse[z0 + y0 + x]! + coarse[z0 + y1 + x]! + coarse[z1 + y0 + x]! + coarse[z1 + y1 + x]!;
        counted[0] = z0;
        counted[1] = z1;
        counted[2] = y0;
        counted[3] = y1;
      }
      const dst = X.lo + nx * (Y.lo + tj + ny * (Z.lo + tk));
      for (let ti = 0; ti < X.len; ti++) {
        const x0 = X.i0[ti]!;
        const x1 = X.i1[ti]!;
        const sum = count[x0]! + count[x1]!;
        if (sum === 0 || sum === 8) {
          // Zeros are written only over ones: a fresh output stays untouched (no page faults)
          // where the box holds no object.
          if (sum) out[dst + ti] = 1;
          else if (out[dst + ti]) out[dst + ti] = 0;
          continue;
        }
        mixed?.push(dst + ti);
        const a = coarse[z0 + y0 + x0]!;
        const b = coarse[z0 + y0 + x1]!;
        const c = coarse[z0 + y1 + x0]!;
        const d = coarse[z0 + y1 + x1]!;
        const e = coarse[z1 + y0 + x0]!;
        const f = coarse[z1 + y0 + x1]!;
        const g = coarse[z1 + y1 + x0]!;
        const h = coarse[z1 + y1 + x1]!;
        const wx = X.w[ti]!;
        const v0 = (a + (b - a) * wx) * (1 - wy) + (c + (d - c) * wx) * wy;
        const v1 = (e + (f - e) * wx) * (1 - wy) + (g + (h - g) * wx) * wy;
        out[dst + ti] = v0 + (v1 - v0) * wz >= 0.5 ? 1 : 0;
      }
    }
  }
  return out;
}
