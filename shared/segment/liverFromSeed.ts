import type { ScalarVolume } from '../volume/grid';
import { competitiveGrow } from './competitiveGrow';
import { createLocalMedian, voxelsWithin } from './localMean';
import {
  closeMm,
  fillHoles3d,
  fillHolesPerSlice,
  growMm,
  keepComponentsAt,
  keepLargestComponent,
  shrinkMm,
} from './morphology';
import { refineEdge } from './refineEdge';
import { cropArray, paddedBox, pasteMask } from './workBox';

/** Algorithm parameters (not clinical thresholds): tuned on the synthetic sample cases. */
export const LIVER_FROM_SEED_DEFAULTS = {
  /** Box-median radius (mm) used to test voxels: takes CT noise (~12 HU) down to a few HU. */
  smoothingRadiusMm: 1.5,
  /** Radius (mm) around the click the parenchyma statistics come from. */
  statsRadiusMm: 10,
  /** Window half-width above the median, in robust standard deviations of the smoothed parenchyma. */
  k: 3,
  /**
   * Half-width below the median: wider, so lesions that are only mildly hypoattenuating in the
   * portal venous phase (and the bulk of a heavily replaced liver) join the grow directly.
   */
  kBelow: 6,
  /** Lower bound of the window half-width, so a very uniform seed area does not starve the grow. */
  minHalfWidth: 6,
  /** Opening radius (mm) that cuts bridges into touching organs of liver-like intensity. */
  leakCutMm: 4,
  /** Closing radius (mm) that takes in vessels and lesions notching the surface. */
  closingMm: 6,
  /** Voxel layers the boundary may move out to the half-way intensity (partial-volume rim). */
  edgeLayers: 1,
};

export interface LiverFromSeedOptions extends Partial<typeof LIVER_FROM_SEED_DEFAULTS> {
  /** The click (flat voxel index) in liver parenchyma of a portal venous phase. */
  seed: number;
  /** Voxels the user painted as liver. */
  include?: number[];
  /** Voxels the user painted as not liver. */
  exclude?: number[];
  onProgress?(fraction: number): void;
}

export interface LiverFromSeedResult {
  mask: Uint8Array;
  /** Intensity window the parenchyma grew in. */
  window: [number, number];
  voxelCount: number;
}

/**
 * Whole liver from one click, refined by include/exclude strokes.
 *
 * 1. Parenchyma statistics: median and MAD of the box-smoothed intensity within statsRadiusMm
 *    of the click (robust to a vessel or lesion next to it) give the window median +/- k*SD.
 * 2. Competitive seeded region growing (see competitiveGrow): click + include strokes against
 *    exclude strokes; everything outside the window is background automatically (fat, air, bone,
 *    bright vessels, dark lesions are walls).
 * 3. Leak cut: opening by leakCutMm splits the region at narrow contacts; what lies near the
 *    cores not connected to the click is dropped, so a liver-like organ touching the liver through
 *    a narrow contact is left out.
 * 4. Whole-liver filling for volumetry: 3D and per-slice hole fill (enclosed lesions, necrosis,
 *    intrahepatic vessels; done before step 3 too), closing by closingMm (surface lesions,
 *    vessels at the hilum), fill again.
 */
export function liverFromSeed(volume: ScalarVolume, options: LiverFromSeedOptions): LiverFromSeedResult {
  const p = { ...LIVER_FROM_SEED_DEFAULTS, ...options };
  const { grid } = volume;
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  if (!Number.isInteger(p.seed) || p.seed < 0 || p.seed >= total) throw new Error('liver seed lies outside the image');
  const progress = options.onProgress ?? (() => {});
  const sample = createLocalMedian(volume, p.smoothingRadiusMm);
  const around = voxelsWithin(grid, p.seed, p.statsRadiusMm);
  const values = Float64Array.from(around, sample).sort();
  const med = quantile(values, 0.5);
  const deviations = values.map((v) => Math.abs(v - med)).sort();
  const sd = 1.4826 * quantile(deviations, 0.5);
  const sdFloor = p.minHalfWidth / p.k;
  const window: [number, number] = [med - p.kBelow * Math.max(sd, sdFloor), med + p.k * Math.max(sd, sdFloor)];
  // Seeds: the click plus the in-window voxels right around it (the click may sit on a vessel).
  const seeds = [p.seed, ...(p.include ?? [])];
  for (const v of voxelsWithin(grid, p.seed, Math.max(3, 2 * p.smoothingRadiusMm))) {
    const x = sample(v);
    if (x >= window[0] && x <= window[1]) seeds.push(v);
  }
  const exclude = (p.exclude ?? []).filter((v) => v >= 0 && v < total);
  const labels = competitiveGrow(volume, {
    objectSeeds: seeds,
    backgroundSeeds: exclude,
    window,
    sample,
    objectMean: med,
  });
  progress(0.5);
  const objectOnly = Uint8Array.from(labels, (l) => (l === 1 ? 1 : 0));
  const wb = paddedBox(objectOnly, grid, p.closingMm + 2);
  if (!wb) throw new Error('liver grow found nothing at the seed');
  const dims = wb.grid.dims;
  // What the exclude strokes won stays out whatever the filling below would add.
  const background = cropArray(labels, grid.dims, wb.box, new Uint8Array(dims[0] * dims[1] * dims[2]));
  const local = (n: number): number => {
    const i = n % grid.dims[0];
    const j = Math.floor(n / grid.dims[0]) % grid.dims[1];
    const k = Math.floor(n / (grid.dims[0] * grid.dims[1]));
    return i - wb.box.min[0] + dims[0] * (j - wb.box.min[1] + dims[1] * (k - wb.box.min[2]));
  };
  let m: Uint8Array = cropArray(objectOnly, grid.dims, wb.box, new Uint8Array(dims[0] * dims[1] * dims[2]));
  const seedLocal = local(p.seed);
  const anchors = seeds.map(local);
  // Fill first: noise specks, vessels and lesions left out by the window would otherwise let the
  // leak-cut opening eat the liver from the inside.
  m = fillHolesPerSlice(fillHoles3d(m, dims), dims);
  if (p.leakCutMm > 0) {
    // Opening by leakCutMm splits the grown region at narrow contacts. Rather than growing the kept
    // core back by a fixed radius (which would shave the liver's thin edges and tips), only the
    // neighbourhoods of the dropped cores are removed, then what stays connected to the click.
    const core = shrinkMm(m, wb.grid, p.leakCutMm);
    const kept = pickComponent(core, dims, anchors);
    if (kept) {
      for (let n = 0; n < core.length; n++) core[n] = core[n]! & (kept[n]! ^ 1);
      const keptZone = growMm(kept, wb.grid, p.leakCutMm);
      const droppedZone = growMm(core, wb.grid, p.leakCutMm);
      for (let n = 0; n < m.length; n++) if (droppedZone[n] && !keptZone[n]) m[n] = 0;
      m = pickComponent(m, dims, anchors) ?? m;
    }
  }
  progress(0.7);
  const localImage = { grid: wb.grid, data: cropArray(volume.data, grid.dims, wb.box, new Float32Array(m.length)) };
  m = refineEdge(m, localImage, med, p.edgeLayers);
  if (p.closingMm > 0) m = closeMm(m, wb.grid, p.closingMm);
  m = fillHolesPerSlice(fillHoles3d(m, dims), dims);
  for (let n = 0; n < m.length; n++) if (background[n] === 2) m[n] = 0;
  m = pickComponent(m, dims, [seedLocal, ...anchors]) ?? m;
  progress(0.95);
  const mask = pasteMask(m, grid.dims, wb.box, new Uint8Array(total));
  let voxelCount = 0;
  for (let n = 0; n < m.length; n++) voxelCount += m[n]!;
  progress(1);
  return { mask, window, voxelCount };
}

/** Components containing an anchor voxel; the largest component when none does; null if empty. */
function pickComponent(mask: Uint8Array, dims: [number, number, number], anchors: number[]): Uint8Array | null {
  const hit = anchors.some((a) => mask[a]);
  if (hit) return keepComponentsAt(mask, dims, anchors);
  const largest = keepLargestComponent(mask, dims);
  return largest.some((v) => v) ? largest : null;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const x = q * (sorted.length - 1);
  const a = Math.floor(x);
  const b = Math.min(sorted.length - 1, a + 1);
  return sorted[a]! + (sorted[b]! - sorted[a]!) * (x - a);
}
