import type { ScalarVolume } from '../volume/grid';
import { sameGrid } from '../volume/grid';
import { median, voxelsWithin } from './localMean';
import { fillHoles3d, fillHolesPerSlice, growMm, keepComponentsAt, openMm, shrinkMm } from './morphology';
import { refineEdge } from './refineEdge';
import { regionGrow } from './regionGrow';
import { cropArray, paddedBox, pasteMask } from './workBox';

/** Algorithm parameters (not clinical thresholds). */
export const LESION_FROM_CLICK_DEFAULTS = {
  /** The lesion is searched within this distance (mm) of the click. */
  maxRadiusMm: 40,
  /** Radius (mm) of the core around the click whose median is the lesion intensity. */
  coreRadiusMm: 3,
  /** Box-median radius (mm) the grow tests, against noise. */
  smoothingRadiusMm: 1,
  /** Opening radius (mm) that cuts the grow off vessels of lesion-like intensity. */
  openingMm: 1.5,
  /** Opening radius as a fraction of the lesion radius estimated from the profile. */
  openingFraction: 0.5,
};

export interface LesionFromClickOptions extends Partial<typeof LESION_FROM_CLICK_DEFAULTS> {
  /** Flat voxel index of the click (on the shared grid of all phases). */
  click: number;
  /** Strongly recommended: keeps the ring statistics and the grow inside the liver. */
  liverMask?: Uint8Array;
  onProgress?(fraction: number): void;
}

export interface PhaseConspicuity {
  /** Median intensity of the core around the click. */
  core: number;
  /** Median intensity of the ring that differs most from the core. */
  ring: number;
  /** Inner radius (mm) of that ring. */
  ringRadiusMm: number;
  /** |core - ring| / noise SD. */
  contrastToNoise: number;
  /** First radius (mm) at which the shell median crosses half-way from core to ring. */
  edgeRadiusMm: number;
}

export interface LesionFromClickResult {
  mask: Uint8Array;
  /** Index into the phases array of the phase segmented. */
  phaseIndex: number;
  conspicuity: PhaseConspicuity[];
  /** Intensity window the lesion grew in (on the chosen phase). */
  window: [number, number];
  voxelCount: number;
}

/**
 * Click-to-segment a lesion on multiphase images sharing one grid.
 *
 * 1. Conspicuity per phase: median of a core around the click against the median of 1 mm
 *    shells around it (liver voxels only when a liver mask is given); the shell differing most
 *    gives the ring. Contrast over a noise SD estimated from neighbouring-voxel differences.
 * 2. On the most conspicuous phase: threshold half-way between core and ring, window running
 *    from there past the core by the same distance again (so much brighter arteries or darker
 *    fat stay out), region grow on box-median intensities within maxRadiusMm and the liver.
 * 3. Hole fill (3D and per slice: necrosis, vessels crossing), opening against thin leaks,
 *    half-way edge refinement, hole fill again.
 */
export function lesionFromClick(phases: ScalarVolume[], options: LesionFromClickOptions): LesionFromClickResult {
  if (phases.length === 0) throw new Error('lesion segmentation needs at least one phase');
  const p = { ...LESION_FROM_CLICK_DEFAULTS, ...options };
  const grid = phases[0]!.grid;
  for (const ph of phases)
    if (!sameGrid(ph.grid, grid)) throw new Error('all phases must share one grid (resample first)');
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  if (!Number.isInteger(p.click) || p.click < 0 || p.click >= total)
    throw new Error('lesion click lies outside the image');
  if (p.liverMask && p.liverMask.length !== total) throw new Error('liver mask does not match the image grid');
  const progress = options.onProgress ?? (() => {});
  const shells = shellVoxels(grid, p.click, p.maxRadiusMm, p.liverMask);
  const core = voxelsWithin(grid, p.click, Math.max(p.coreRadiusMm, ...grid.spacing.slice(0, 2)));
  const conspicuity = phases.map((ph) => measureConspicuity(ph, core, shells, p.coreRadiusMm, !p.liverMask));
  let best = 0;
  conspicuity.forEach((c, n) => {
    if (c.contrastToNoise > conspicuity[best]!.contrastToNoise) best = n;
  });
  progress(0.2);
  const chosen = conspicuity[best]!;
  const image = phases[best]!;
  const t = (chosen.core + chosen.ring) / 2;
  const beyond = chosen.core + (chosen.core - t);
  const window: [number, number] = chosen.core >= chosen.ring ? [t, beyond] : [beyond, t];
  // The lesion radius the profile suggests bounds the grow, so a touching lesion or a vessel of
  // the same intensity is not followed far.
  const radiusCap = Math.min(p.maxRadiusMm, 1.5 * chosen.edgeRadiusMm + 3);
  const grown = regionGrow(image, {
    seeds: [p.click],
    window,
    maxRadiusMm: radiusCap,
    constraint: p.liverMask,
    smoothingRadiusMm: p.smoothingRadiusMm,
    smoothing: 'median',
  }).mask;
  progress(0.6);
  const wb = paddedBox(grown, grid, p.openingMm + 3);
  if (!wb) throw new Error('lesion grow found nothing at the click');
  const dims = wb.grid.dims;
  const size = dims[0] * dims[1] * dims[2];
  const [nx, ny] = grid.dims;
  const ci = p.click % nx;
  const cj = Math.floor(p.click / nx) % ny;
  const ck = Math.floor(p.click / (nx * ny));
  const clickLocal = ci - wb.box.min[0] + dims[0] * (cj - wb.box.min[1] + dims[1] * (ck - wb.box.min[2]));
  let m: Uint8Array = cropArray(grown, grid.dims, wb.box, new Uint8Array(size));
  m = fillHolesPerSlice(fillHoles3d(m, dims), dims);
  // Opening scaled to the lesion: cuts necks to touching lesions and vessels thinner than half
  // the lesion; the cut-off parts are dropped, the rest of the lesion restored.
  const openR = Math.max(p.openingMm, p.openingFraction * chosen.edgeRadiusMm);
  const inner = shrinkMm(m, wb.grid, openR);
  if (inner[clickLocal]) {
    const zone = growMm(keepComponentsAt(inner, dims, [clickLocal]), wb.grid, openR);
    for (let n = 0; n < m.length; n++) m[n] = m[n]! & zone[n]!;
  } else if (p.openingMm > 0) {
    // A lesion smaller than the opening would vanish: then keep the unopened grow.
    const opened = openMm(m, wb.grid, p.openingMm);
    if (opened[clickLocal]) m = keepComponentsAt(opened, dims, [clickLocal]);
  }
  const allowed = p.liverMask ? cropArray(p.liverMask, grid.dims, wb.box, new Uint8Array(size)) : undefined;
  const localImage = { grid: wb.grid, data: cropArray(image.data, grid.dims, wb.box, new Float32Array(size)) };
  m = refineEdge(m, localImage, chosen.core, 1, allowed);
  m = fillHolesPerSlice(fillHoles3d(m, dims), dims);
  const mask = pasteMask(m, grid.dims, wb.box, new Uint8Array(total));
  let voxelCount = 0;
  for (let n = 0; n < m.length; n++) voxelCount += m[n]!;
  progress(1);
  return { mask, phaseIndex: best, conspicuity, window, voxelCount };
}

/** Voxels around the click grouped by whole millimetres of distance (liver voxels only if masked). */
function shellVoxels(grid: ScalarVolume['grid'], click: number, maxRadiusMm: number, liver?: Uint8Array): number[][] {
  const shells: number[][] = Array.from({ length: Math.ceil(maxRadiusMm) + 1 }, () => []);
  const [nx, ny, nz] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const i = click % nx;
  const j = Math.floor(click / nx) % ny;
  const k = Math.floor(click / (nx * ny));
  const rx = Math.floor(maxRadiusMm / sx);
  const ry = Math.floor(maxRadiusMm / sy);
  const rz = Math.floor(maxRadiusMm / sz);
  for (let kk = Math.max(0, k - rz); kk <= Math.min(nz - 1, k + rz); kk++)
    for (let jj = Math.max(0, j - ry); jj <= Math.min(ny - 1, j + ry); jj++)
      for (let ii = Math.max(0, i - rx); ii <= Math.min(nx - 1, i + rx); ii++) {
        const n = ii + nx * (jj + ny * kk);
        if (liver && !liver[n]) continue;
        const d = Math.hypot((ii - i) * sx, (jj - j) * sy, (kk - k) * sz);
        if (d <= maxRadiusMm) shells[Math.floor(d)]!.push(n);
      }
  return shells;
}

function measureConspicuity(
  image: ScalarVolume,
  core: number[],
  shells: number[][],
  coreRadiusMm: number,
  firstPlateau: boolean,
): PhaseConspicuity {
  const raw = (n: number) => image.data[n]!;
  const coreValue = median(core, raw);
  const noise = noiseSd(image, shells);
  let ring = coreValue;
  let ringRadiusMm = 0;
  let previous = NaN;
  // Shells of 2 mm (two bins) with enough voxels for a stable median. With a liver mask every
  // shell voxel is liver, so the shell differing most is the surrounding parenchyma. Without
  // one, fat or air beyond the organ would differ most: take the first plateau instead (the
  // profile has left the core and stopped changing).
  for (let r = Math.ceil(coreRadiusMm) + 1; r + 1 < shells.length; r++) {
    const voxels = shells[r]!.concat(shells[r + 1]!);
    if (voxels.length < 8) continue;
    const m = median(voxels, raw);
    if (firstPlateau) {
      const se = (1.25 * noise) / Math.sqrt(voxels.length);
      const away = Math.abs(m - coreValue);
      const flat = Math.abs(m - previous) < Math.max(2 * se, 0.1 * away);
      previous = m;
      if (away > 4 * se && flat) {
        ring = m;
        ringRadiusMm = r;
        break;
      }
      if (away > Math.abs(ring - coreValue)) {
        ring = m;
        ringRadiusMm = r;
      }
    } else if (Math.abs(m - coreValue) > Math.abs(ring - coreValue)) {
      ring = m;
      ringRadiusMm = r;
    }
  }
  const half = (coreValue + ring) / 2;
  let edgeRadiusMm = ringRadiusMm;
  for (let r = 1; r + 1 < shells.length && r < ringRadiusMm; r++) {
    const voxels = shells[r]!.concat(shells[r + 1]!);
    if (voxels.length >= 4 && (median(voxels, raw) - half) * (ring - half) > 0) {
      edgeRadiusMm = r + 0.5;
      break;
    }
  }
  return { core: coreValue, ring, ringRadiusMm, contrastToNoise: Math.abs(coreValue - ring) / noise, edgeRadiusMm };
}

/** Noise SD from the MAD of differences between i-neighbours (robust to the edges in the region). */
function noiseSd(image: ScalarVolume, shells: number[][]): number {
  const diffs: number[] = [];
  const nx = image.grid.dims[0];
  for (const shell of shells) {
    for (const n of shell) if (n % nx < nx - 1) diffs.push(Math.abs(image.data[n + 1]! - image.data[n]!));
  }
  if (diffs.length === 0) return 1;
  const mad = median(
    diffs.map((_, n) => n),
    (n) => diffs[n]!,
  );
  // |X1 - X2| for Gaussian noise: median = 0.6745 * sqrt(2) * sigma.
  return Math.max(1e-6, mad / (0.6745 * Math.SQRT2));
}
