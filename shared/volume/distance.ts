import { cropMask, maskBounds, padBox, subGrid } from './crop';
import type { Grid } from './grid';

/**
 * Exact Euclidean distance transforms on anisotropic grids.
 *
 * Separable lower-envelope algorithm (Felzenszwalb & Huttenlocher 2012): one pass of the 1D
 * squared-distance transform per axis, each axis weighted by its own spacing. The grid axes are
 * orthonormal in patient space, so index-space distances scaled by spacing are patient distances
 * in mm whatever the orientation. Written here because no maintained pure-JS package does an
 * anisotropic 3D EDT on typed arrays.
 */

/** Distance (mm) from every voxel to the nearest nonzero voxel of mask; 0 inside the mask. */
export function distanceTransformMm(mask: ArrayLike<number>, grid: Grid): Float32Array {
  const out = squaredDistanceToFeature(mask, grid, false);
  for (let n = 0; n < out.length; n++) out[n] = Math.sqrt(out[n]!);
  return out;
}

/**
 * Signed distance (mm) between voxel centres and the other side of the mask boundary:
 * negative inside (minus the distance to the nearest background voxel), positive outside
 * (the distance to the nearest mask voxel). Zero never occurs; a voxel next to the boundary
 * reads +-(its spacing towards it). Grow by N mm: value <= N; shrink by N mm: value < -N.
 * Voxels beyond the grid count as background.
 */
export function signedDistanceMm(mask: ArrayLike<number>, grid: Grid): Float32Array {
  const out = squaredDistanceToFeature(mask, grid, false);
  for (let n = 0; n < out.length; n++) out[n] = Math.sqrt(out[n]!);
  const bounds = maskBounds([mask], grid.dims);
  if (!bounds) return out;
  // Inside distances only need the mask's box plus one voxel of background around it: the
  // nearest background voxel of an inside point is never beyond that layer.
  const box = padBox(bounds, 1, grid.dims);
  const g = subGrid(grid, box);
  const inside = squaredDistanceToFeature(cropMask(mask, grid.dims, box), g, true, true);
  const [cx, cy, cz] = g.dims;
  const [nx, ny] = grid.dims;
  let c = 0;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const row = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      for (let i = 0; i < cx; i++, c++) if (mask[row + i]) out[row + i] = -Math.sqrt(inside[c]!);
    }
  }
  return out;
}

/**
 * Squared distance (mm^2) to the nearest feature voxel; features are the nonzero voxels of mask,
 * or the zero voxels when invert is set. With padOutside the region beyond the grid counts as
 * feature too (an inside voxel on the grid edge is then one spacing from background).
 */
export function squaredDistanceToFeature(
  mask: ArrayLike<number>,
  grid: Grid,
  invert: boolean,
  padOutside = false,
): Float32Array {
  const [nx, ny, nz] = grid.dims;
  const total = nx * ny * nz;
  if (mask.length !== total) throw new Error(`mask has ${mask.length} voxels, grid ${total}`);
  const d = new Float32Array(total);
  for (let n = 0; n < total; n++) d[n] = (mask[n] !== 0) !== invert ? 0 : Infinity;
  const maxN = Math.max(nx, ny, nz);
  const s = new Scratch(maxN + 2);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) pass1d(d, (j + k * ny) * nx, 1, nx, grid.spacing[0], s, padOutside);
  }
  for (let k = 0; k < nz; k++) {
    for (let i = 0; i < nx; i++) pass1d(d, i + k * nx * ny, nx, ny, grid.spacing[1], s, padOutside);
  }
  // Slice-axis pass on one row of columns at a time, gathered into a contiguous buffer: walking
  // d with a stride of a whole slice per step is several times slower (cache misses).
  const plane = nx * ny;
  const buf = new Float32Array(nx * nz);
  for (let j = 0; j < ny; j++) {
    const row = j * nx;
    for (let k = 0; k < nz; k++) {
      const src = row + k * plane;
      for (let i = 0; i < nx; i++) buf[i * nz + k] = d[src + i]!;
    }
    for (let i = 0; i < nx; i++) pass1d(buf, i * nz, 1, nz, grid.spacing[2], s, padOutside);
    for (let k = 0; k < nz; k++) {
      const dst = row + k * plane;
      for (let i = 0; i < nx; i++) d[dst + i] = buf[i * nz + k]!;
    }
  }
  return d;
}

class Scratch {
  f: Float64Array;
  v: Int32Array;
  z: Float64Array;
  constructor(n: number) {
    this.f = new Float64Array(n);
    this.v = new Int32Array(n);
    this.z = new Float64Array(n + 1);
  }
}

/**
 * 1D squared distance transform of one line in place: d[q] = min_p (h(q-p))^2 + f(p).
 * With pad, virtual zero-cost samples sit at p = -1 and p = n (just beyond the grid).
 */
function pass1d(d: Float32Array, start: number, stride: number, n: number, h: number, s: Scratch, pad: boolean): void {
  const { f, v, z } = s;
  // Sample t of the scratch line is position t - off (off = 1 with padding).
  const off = pad ? 1 : 0;
  const m = n + 2 * off;
  let any = pad;
  for (let t = 0; t < n; t++) {
    const val = d[start + t * stride]!;
    f[t + off] = val;
    if (val !== Infinity) any = true;
  }
  if (!any) return;
  if (pad) {
    f[0] = 0;
    f[m - 1] = 0;
  }
  let k = -1;
  for (let q = 0; q < m; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue;
    const xq = q * h;
    let sct = -Infinity;
    while (k >= 0) {
      const p = v[k]!;
      const xp = p * h;
      sct = (fq + xq * xq - (f[p]! + xp * xp)) / (2 * (xq - xp));
      if (sct <= z[k]!) k--;
      else break;
    }
    if (k < 0) sct = -Infinity;
    k++;
    v[k] = q;
    z[k] = sct;
  }
  let j = 0;
  for (let q = off; q < n + off; q++) {
    const xq = q * h;
    while (j < k && z[j + 1]! < xq) j++;
    const p = v[j]!;
    const dx = xq - p * h;
    d[start + (q - off) * stride] = dx * dx + f[p]!;
  }
}
