import type { ScalarVolume } from '../volume/grid';
import { IntStack } from './intStack';
import { createLocalMean, createLocalMedian, meanSd, voxelsWithin } from './localMean';

export interface RegionGrowOptions {
  /** Seed voxels (flat indices i + j*nx + k*nx*ny). */
  seeds: number[];
  /** Explicit intensity window [lo, hi] (inclusive). Without it: mean +/- k*SD near the seeds. */
  window?: [number, number];
  /** Width of the estimated window in standard deviations (default 2.5). */
  k?: number;
  /** Radius (mm) of the neighbourhood of each seed the statistics come from (default 5). */
  statsRadiusMm?: number;
  /** Voxels farther than this (mm) from every seed are never added. */
  maxRadiusMm?: number;
  /** Only voxels where this mask is nonzero may be added. */
  constraint?: Uint8Array;
  /**
   * Test the local box mean within this radius (mm) instead of the raw voxel: suppresses noise
   * so the window can be tight (default 0 = raw voxel).
   */
  smoothingRadiusMm?: number;
  /** Box mean (quietest) or box median (keeps edges in place); default mean. */
  smoothing?: 'mean' | 'median';
  onProgress?(fraction: number): void;
}

export interface RegionGrowResult {
  mask: Uint8Array;
  /** The window used (given or estimated). */
  window: [number, number];
  voxelCount: number;
}

/**
 * 6-connected region grow from seeds: adds every voxel connected to a seed through voxels whose
 * (optionally smoothed) intensity lies in the window, within the radius and the constraint.
 * Seeds outside the window still start the grow (the user clicked there on purpose).
 */
export function regionGrow(volume: ScalarVolume, options: RegionGrowOptions): RegionGrowResult {
  const { grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const total = nx * ny * nz;
  const seeds = options.seeds.filter((s) => Number.isInteger(s) && s >= 0 && s < total);
  if (seeds.length === 0) throw new Error('region grow needs at least one seed inside the image');
  const sample = (options.smoothing === 'median' ? createLocalMedian : createLocalMean)(
    volume,
    options.smoothingRadiusMm ?? 0,
  );
  const window = options.window ?? estimateWindow(volume, seeds, sample, options);
  const [lo, hi] = window;
  const { constraint } = options;
  const seedIjk = seeds.map((s) => [s % nx, Math.floor(s / nx) % ny, Math.floor(s / plane)] as const);
  const maxR2 = options.maxRadiusMm === undefined ? Infinity : options.maxRadiusMm ** 2;
  const [sx, sy, sz] = grid.spacing;
  const withinRadius = (i: number, j: number, k: number): boolean => {
    if (maxR2 === Infinity) return true;
    for (const [a, b, c] of seedIjk) {
      if (((i - a) * sx) ** 2 + ((j - b) * sy) ** 2 + ((k - c) * sz) ** 2 <= maxR2) return true;
    }
    return false;
  };
  // state: 0 unseen, 1 in the region, 2 tested and rejected.
  const state = new Uint8Array(total);
  const stack = new IntStack();
  let count = 0;
  for (const s of seeds) {
    if (state[s] || (constraint && !constraint[s])) continue;
    state[s] = 1;
    count++;
    stack.push(s);
  }
  const progressEvery = 1 << 20;
  const test = (m: number, i: number, j: number, k: number) => {
    if (state[m]) return;
    const v = sample(m);
    if (v >= lo && v <= hi && (!constraint || constraint[m]) && withinRadius(i, j, k)) {
      state[m] = 1;
      count++;
      stack.push(m);
      if (options.onProgress && count % progressEvery === 0) options.onProgress(Math.min(0.99, count / total));
    } else state[m] = 2;
  };
  while (stack.length > 0) {
    const n = stack.pop();
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = Math.floor(n / plane);
    if (i > 0) test(n - 1, i - 1, j, k);
    if (i < nx - 1) test(n + 1, i + 1, j, k);
    if (j > 0) test(n - nx, i, j - 1, k);
    if (j < ny - 1) test(n + nx, i, j + 1, k);
    if (k > 0) test(n - plane, i, j, k - 1);
    if (k < nz - 1) test(n + plane, i, j, k + 1);
  }
  for (let n = 0; n < total; n++) if (state[n] === 2) state[n] = 0;
  options.onProgress?.(1);
  return { mask: state, window, voxelCount: count };
}

/** mean +/- k*SD of the (smoothed) intensity within statsRadiusMm of the seeds. */
function estimateWindow(
  volume: ScalarVolume,
  seeds: number[],
  sample: (n: number) => number,
  options: RegionGrowOptions,
): [number, number] {
  const r = options.statsRadiusMm ?? 5;
  const voxels = new Set<number>();
  for (const s of seeds) for (const v of voxelsWithin(volume.grid, s, r)) voxels.add(v);
  const { mean, sd } = meanSd([...voxels], sample);
  const k = options.k ?? 2.5;
  return [mean - k * sd, mean + k * sd];
}
