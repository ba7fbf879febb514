import { squaredDistanceToFeature } from '../volume/distance';
import type { Grid, Vec3 } from '../volume/grid';
import type { IndexBox } from '../volume/crop';
import { voxelVolumeMm3 } from '../volume/grid';
import { ballOffsets, growByBall, MAX_BALL_VOXELS, shrinkByBall } from './ballMorphology';
import { IntStack } from './intStack';
import { cropArray, nonzeroBounds, paddedBox, pasteMask } from './workBox';

/**
 * Binary morphology on 0/1 masks, honouring anisotropic spacing. Every function returns a new
 * mask on the input grid and leaves its input alone. Work is cropped to the mask's neighbourhood.
 * Grow/shrink are exact Euclidean balls on any spacing, not voxel-count approximations: stamped
 * round the surface for small balls (ballMorphology), the distance transform (shared/volume/
 * distance) for large ones.
 */

/** Fills background regions that do not reach the grid border (6-connected background). */
export function fillHoles3d(mask: Uint8Array, dims: Vec3): Uint8Array {
  return fillHolesIn(mask, dims, false);
}

/** Fills, slice by slice along k, background regions that do not reach the slice border (4-connected). */
export function fillHolesPerSlice(mask: Uint8Array, dims: Vec3): Uint8Array {
  return fillHolesIn(mask, dims, true);
}

function fillHolesIn(mask: Uint8Array, dims: Vec3, perSlice: boolean): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  // reached: 1 = background connected to the border.
  const reached = new Uint8Array(mask.length);
  const stack = new IntStack();
  const seedBorder = (n: number) => {
    if (!mask[n] && !reached[n]) {
      reached[n] = 1;
      stack.push(n);
    }
  };
  for (let k = 0; k < nz; k++) {
    const wholeSlice = !perSlice && (k === 0 || k === nz - 1);
    for (let j = 0; j < ny; j++) {
      const row = nx * j + plane * k;
      if (wholeSlice || j === 0 || j === ny - 1) for (let i = 0; i < nx; i++) seedBorder(row + i);
      else {
        seedBorder(row);
        seedBorder(row + nx - 1);
      }
    }
  }
  scanlineFlood(mask, false, reached, stack, dims, perSlice);
  for (let n = 0; n < reached.length; n++) reached[n] = reached[n] ? 0 : 1;
  return reached;
}

/**
 * Scanline flood from the voxels on the stack (already marked in `reached`) through the voxels
 * inside (`inside`) or outside the mask: each popped voxel takes in its whole run along i, and the
 * runs beside it (j -+ 1, and k -+ 1 unless perSlice) are queued once per run. Reaches the same
 * voxels as a voxel-by-voxel 6- (4-) connected flood, with one index division per run instead of
 * per voxel.
 */
function scanlineFlood(
  mask: Uint8Array,
  inside: boolean,
  reached: Uint8Array,
  stack: IntStack,
  dims: Vec3,
  perSlice: boolean,
): void {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const queueRuns = (row: number, lo: number, hi: number) => {
    let inRun = false;
    for (let x = row + lo, end = row + hi; x <= end; x++) {
      if ((mask[x] !== 0) !== inside || reached[x]) inRun = false;
      else if (!inRun) {
        reached[x] = 1;
        stack.push(x);
        inRun = true;
      }
    }
  };
  while (stack.length > 0) {
    const n = stack.pop();
    const i = n % nx;
    const row = n - i;
    const j = (row / nx) % ny;
    const k = (row - nx * j) / plane;
    let lo = i;
    while (lo > 0 && (mask[row + lo - 1] !== 0) === inside && !reached[row + lo - 1]) reached[row + --lo] = 1;
    let hi = i;
    while (hi < nx - 1 && (mask[row + hi + 1] !== 0) === inside && !reached[row + hi + 1]) reached[row + ++hi] = 1;
    if (j > 0) queueRuns(row - nx, lo, hi);
    if (j < ny - 1) queueRuns(row + nx, lo, hi);
    if (!perSlice) {
      if (k > 0) queueRuns(row - plane, lo, hi);
      if (k < nz - 1) queueRuns(row + plane, lo, hi);
    }
  }
}

export interface Components {
  /** Component id per voxel (1-based), 0 for background. */
  labels: Int32Array;
  /** Voxel count per component id; sizes[0] is 0. */
  sizes: number[];
}

/** 6-connected components of the nonzero voxels. */
export function labelComponents(mask: Uint8Array, dims: Vec3): Components {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const labels = new Int32Array(mask.length);
  const sizes = [0];
  const stack = new IntStack();
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const id = sizes.length;
    let size = 0;
    labels[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const n = stack.pop();
      size++;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = (n - i - nx * j) / plane;
      // Unrolled neighbour visits (no closure per voxel: this runs on whole organ boxes).
      let m = n - 1;
      if (i > 0 && mask[m] && !labels[m]) {
        labels[m] = id;
        stack.push(m);
      }
      m = n + 1;
      if (i < nx - 1 && mask[m] && !labels[m]) {
        labels[m] = id;
        stack.push(m);
      }
      m = n - nx;
      if (j > 0 && mask[m] && !labels[m]) {
        labels[m] = id;
        stack.push(m);
      }
      m = n + nx;
      if (j < ny - 1 && mask[m] && !labels[m]) {
        labels[m] = id;
        stack.push(m);
      }
      m = n - plane;
      if (k > 0 && mask[m] && !labels[m]) {
        labels[m] = id;
        stack.push(m);
      }
      m = n + plane;
      if (k < nz - 1 && mask[m] && !labels[m]) {
        labels[m] = id;
        stack.push(m);
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/** Keeps only the largest 6-connected component (empty stays empty). */
export function keepLargestComponent(mask: Uint8Array, dims: Vec3): Uint8Array {
  const { labels, sizes } = labelComponents(mask, dims);
  let best = 0;
  for (let c = 1; c < sizes.length; c++) if (sizes[c]! > sizes[best]!) best = c;
  const out = new Uint8Array(mask.length);
  if (best === 0) return out;
  for (let n = 0; n < out.length; n++) out[n] = labels[n] === best ? 1 : 0;
  return out;
}

/**
 * Keeps the components that contain at least one of the given voxels: a 6-connected flood from
 * each of them (the same voxels as labelling every component and keeping those, without visiting
 * the others).
 */
export function keepComponentsAt(mask: Uint8Array, dims: Vec3, voxels: number[]): Uint8Array {
  const out = new Uint8Array(mask.length);
  const stack = new IntStack();
  for (const v of voxels) {
    if (!Number.isInteger(v) || v < 0 || v >= mask.length || !mask[v] || out[v]) continue;
    out[v] = 1;
    stack.push(v);
    scanlineFlood(mask, true, out, stack, dims, false);
  }
  return out;
}

/** Removes components smaller than minVolumeMm3. */
export function removeSmallComponents(mask: Uint8Array, grid: Grid, minVolumeMm3: number): Uint8Array {
  const { labels, sizes } = labelComponents(mask, grid.dims);
  const minVoxels = minVolumeMm3 / voxelVolumeMm3(grid);
  const out = new Uint8Array(mask.length);
  for (let n = 0; n < out.length; n++) out[n] = labels[n] && sizes[labels[n]!]! >= minVoxels ? 1 : 0;
  return out;
}

/** Every voxel within mm (Euclidean, centre to centre) of the mask. */
export function growMm(mask: Uint8Array, grid: Grid, mm: number): Uint8Array {
  const wb = paddedBox(mask, grid, mm);
  const out = new Uint8Array(mask.length);
  if (!wb) return out;
  const crop = cropArray(mask, grid.dims, wb.box, new Uint8Array(wb.grid.dims[0] * wb.grid.dims[1] * wb.grid.dims[2]));
  return pasteMask(grownOnGrid(crop, wb.grid, mm), grid.dims, wb.box, out);
}

/**
 * The voxels of the mask farther than mm from any background voxel. Beyond the grid counts as
 * foreground, so an organ cut by the field of view is not eaten from the cut.
 */
export function shrinkMm(mask: Uint8Array, grid: Grid, mm: number): Uint8Array {
  const wb = paddedBox(mask, grid, 0);
  const out = new Uint8Array(mask.length);
  if (!wb) return out;
  const crop = cropArray(mask, grid.dims, wb.box, new Uint8Array(wb.grid.dims[0] * wb.grid.dims[1] * wb.grid.dims[2]));
  return pasteMask(shrunkOnGrid(crop, wb.grid, mm), grid.dims, wb.box, out);
}

/** Voxels within mm of the mask on this grid: by ball stamping when the ball is small, else the EDT. */
function grownOnGrid(mask: Uint8Array, grid: Grid, mm: number): Uint8Array {
  return ballOnGrid(mask, grid, mm, false);
}

/** Mask voxels farther than mm from background on this grid (beyond it counts as mask). */
function shrunkOnGrid(mask: Uint8Array, grid: Grid, mm: number): Uint8Array {
  return ballOnGrid(mask, grid, mm, true);
}

/** Grow (shrink = false) or shrink by a ball of mm: stamped when small, else thresholding the EDT. */
function ballOnGrid(mask: Uint8Array, grid: Grid, mm: number, shrink: boolean): Uint8Array {
  const ball = ballOffsets(grid.spacing, mm);
  if (ball.length / 3 <= MAX_BALL_VOXELS)
    return shrink ? shrinkByBall(mask, grid.dims, ball) : growByBall(mask, grid.dims, ball);
  const d2 = squaredDistanceToFeature(mask, grid, shrink);
  const r2 = mm * mm + 1e-6;
  const out = new Uint8Array(d2.length);
  if (shrink) for (let n = 0; n < d2.length; n++) out[n] = mask[n] && d2[n]! > r2 ? 1 : 0;
  else for (let n = 0; n < d2.length; n++) out[n] = d2[n]! <= r2 ? 1 : 0;
  return out;
}

/** Opening (shrink then grow): removes parts thinner than 2*mm and cuts thin bridges. */
export function openMm(mask: Uint8Array, grid: Grid, mm: number): Uint8Array {
  // No voxel lies nearer another than the smallest spacing: a radius below it changes nothing,
  // and the two distance transforms are skipped (the working grid's 2 mm voxels against 1.5 mm).
  if (mm < Math.min(...grid.spacing)) return mask.slice();
  return growMm(shrinkMm(mask, grid, mm), grid, mm);
}

/**
 * Closing (grow then shrink): fills gaps and notches narrower than 2*mm. Runs in a box padded
 * beyond the grid with background, so the closing neither adds a rim along the grid edge nor eats
 * an organ cut by the field of view.
 */
export function closeMm(mask: Uint8Array, grid: Grid, mm: number): Uint8Array {
  if (mm < Math.min(...grid.spacing)) return mask.slice();
  const b = nonzeroBounds(mask, grid.dims);
  const out = new Uint8Array(mask.length);
  if (!b) return out;
  const pad = grid.spacing.map((s) => Math.ceil(mm / s) + 2) as Vec3;
  const dims = [0, 1, 2].map((a) => b.max[a]! - b.min[a]! + 1 + 2 * pad[a]!) as Vec3;
  const [nx, ny] = grid.dims;
  const [ex, ey, ez] = dims;
  const e = new Uint8Array(ex * ey * ez);
  // Box voxel of grid voxel (i, j, k): i - b.min[0] + pad[0] + ex * (j - ... + ey * (k - ...)).
  const shift = [pad[0] - b.min[0], pad[1] - b.min[1], pad[2] - b.min[2]] as Vec3;
  for (let k = b.min[2]; k <= b.max[2]; k++)
    for (let j = b.min[1]; j <= b.max[1]; j++) {
      const src = nx * (j + ny * k);
      const dst = shift[0] + ex * (j + shift[1] + ey * (k + shift[2]));
      for (let i = b.min[0]; i <= b.max[0]; i++) e[dst + i] = mask[src + i] ? 1 : 0;
    }
  const eg: Grid = { ...grid, dims };
  const closed = shrunkOnGrid(grownOnGrid(e, eg, mm), eg, mm);
  const lo = [0, 1, 2].map((a) => Math.max(0, b.min[a]! - pad[a]!));
  const hi = [0, 1, 2].map((a) => Math.min(grid.dims[a]! - 1, b.max[a]! + pad[a]!));
  for (let k = lo[2]!; k <= hi[2]!; k++)
    for (let j = lo[1]!; j <= hi[1]!; j++) {
      const src = shift[0] + ex * (j + shift[1] + ey * (k + shift[2]));
      const dst = nx * (j + ny * k);
      for (let i = lo[0]!; i <= hi[0]!; i++) if (closed[src + i]) out[dst + i] = 1;
    }
  return out;
}

/**
 * Smooths the surface: Gaussian blur of the 0/1 mask with sigma in mm per axis (so anisotropic
 * voxels get the same physical kernel), then threshold at 0.5.
 */
export function smoothMask(mask: Uint8Array, grid: Grid, sigmaMm: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const b = blurMask(mask, grid, sigmaMm);
  if (!b) return out;
  const crop = new Uint8Array(b.values.length);
  for (let n = 0; n < crop.length; n++) crop[n] = b.values[n]! >= 0.5 ? 1 : 0;
  return pasteMask(crop, grid.dims, b.box, out);
}

/** The 0/1 mask blurred by a Gaussian of sigmaMm, in its box padded by 3 sigma; null if empty. */
export function blurMask(
  mask: Uint8Array,
  grid: Grid,
  sigmaMm: number,
): { box: IndexBox; values: Float32Array } | null {
  const wb = paddedBox(mask, grid, 3 * sigmaMm);
  if (!wb) return null;
  const dims = wb.grid.dims;
  const f = cropArray(mask, grid.dims, wb.box, new Float32Array(dims[0] * dims[1] * dims[2]));
  gaussianInPlace(f, dims, [sigmaMm / grid.spacing[0], sigmaMm / grid.spacing[1], sigmaMm / grid.spacing[2]]);
  return { box: wb.box, values: f };
}

/** Separable Gaussian with sigma in voxels per axis; edges are treated as zero (outside the mask). */
function gaussianInPlace(f: Float32Array, dims: Vec3, sigma: Vec3): void {
  const strides = [1, dims[0], dims[0] * dims[1]];
  for (let a = 0; a < 3; a++) {
    const s = sigma[a]!;
    const len = dims[a]!;
    if (s < 0.2 || len < 2) continue;
    const r = Math.ceil(3 * s);
    const kernel = new Float32Array(2 * r + 1);
    let sum = 0;
    for (let t = -r; t <= r; t++) sum += kernel[t + r] = Math.exp(-(t * t) / (2 * s * s));
    for (let t = 0; t < kernel.length; t++) kernel[t] = kernel[t]! / sum;
    const stride = strides[a]!;
    const line = new Float32Array(len);
    const lines = f.length / len;
    for (let l = 0; l < lines; l++) {
      const start = a === 0 ? l * dims[0] : a === 1 ? (l % dims[0]) + Math.floor(l / dims[0]) * strides[2]! : l;
      for (let t = 0; t < len; t++) line[t] = f[start + t * stride]!;
      for (let t = 0; t < len; t++) {
        let acc = 0;
        const lo = Math.max(-r, -t);
        const hi = Math.min(r, len - 1 - t);
        for (let u = lo; u <= hi; u++) acc += kernel[u + r]! * line[t + u]!;
        f[start + t * stride] = acc;
      }
    }
  }
}
