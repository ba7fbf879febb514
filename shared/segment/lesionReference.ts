import { maskBounds } from '../volume/crop';
import type { Grid, ScalarVolume } from '../volume/grid';
import { halfSampleMode, median } from './localMean';

/**
 * Reference intensities for lesionFromClick: normal parenchyma (a band under the liver surface,
 * or the first plateau of the radial profile without a liver mask) and the noise SD.
 */

/**
 * Voxels around the click grouped by whole millimetres of distance (liver voxels only if masked).
 * Large shells are thinned on a regular lattice to a few thousand voxels: plenty for a median.
 */
export function shellVoxels(grid: Grid, click: number, maxRadiusMm: number, liver?: Uint8Array): number[][] {
  const bins = Math.ceil(maxRadiusMm) + 1;
  const shells: number[][] = Array.from({ length: bins }, () => []);
  const [nx, ny, nz] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const voxelMm3 = sx * sy * sz;
  const stride = Array.from({ length: bins }, (_, r) =>
    Math.max(1, Math.ceil(Math.cbrt((4 * Math.PI * (r + 0.5) ** 2) / voxelMm3 / 2000) - 1e-9)),
  );
  const i = click % nx;
  const j = Math.floor(click / nx) % ny;
  const k = Math.floor(click / (nx * ny));
  const rx = Math.floor(maxRadiusMm / sx);
  const ry = Math.floor(maxRadiusMm / sy);
  const rz = Math.floor(maxRadiusMm / sz);
  for (let kk = Math.max(0, k - rz); kk <= Math.min(nz - 1, k + rz); kk++) {
    const dk = Math.abs(kk - k);
    for (let jj = Math.max(0, j - ry); jj <= Math.min(ny - 1, j + ry); jj++) {
      const dj = Math.abs(jj - j);
      for (let ii = Math.max(0, i - rx); ii <= Math.min(nx - 1, i + rx); ii++) {
        const d = Math.hypot((ii - i) * sx, dj * sy, dk * sz);
        if (d > maxRadiusMm) continue;
        const b = Math.floor(d);
        const s = stride[b]!;
        if (s > 1 && (Math.abs(ii - i) % s !== 0 || dj % s !== 0 || dk % s !== 0)) continue;
        const n = ii + nx * (jj + ny * kk);
        if (liver && !liver[n]) continue;
        shells[b]!.push(n);
      }
    }
  }
  return shells;
}

/** Median of each 2 mm shell (bins r and r + 1) per phase, computed on first use; null where fewer than 8 voxels. */
export class ShellProfile {
  private readonly cache = new Map<number, number[] | null>();
  readonly length: number;

  constructor(
    private readonly phases: ScalarVolume[],
    private readonly shells: number[][],
  ) {
    this.length = shells.length - 1;
  }

  at(r: number): number[] | null {
    if (r < 0 || r >= this.length) return null;
    let v = this.cache.get(r);
    if (v === undefined) {
      const voxels = this.shells[r]!.concat(this.shells[r + 1]!);
      v = voxels.length >= 8 ? this.phases.map((ph) => median(voxels, (n) => ph.data[n]!)) : null;
      this.cache.set(r, v);
    }
    return v;
  }
}

/**
 * Without a liver mask, the tissue around the lesion is the first plateau of the profile: the
 * first shell median that has left the core and stopped changing (fat or air beyond the organ
 * would differ more, so "differs most" would pick them). Leaving the core means by more than the
 * noise SD too, not only by the shell's standard error: inside a large lesion of integer HU the
 * shell medians step a unit off the core median and looked like a plateau (0.3 mL results).
 */
export function firstPlateau(
  profile: ShellProfile,
  q: number,
  shells: number[][],
  core: number,
  noise: number,
): number {
  return plateauOf(profile, q, shells, core, noise).value;
}

/** firstPlateau with the radius (mm) it was found at; NaN where the profile never settled. */
export function plateauOf(
  profile: ShellProfile,
  q: number,
  shells: number[][],
  core: number,
  noise: number,
  from = 0,
): { value: number; radiusMm: number } {
  let ring = core;
  let previous = NaN;
  for (let r = from; r < profile.length; r++) {
    const at = profile.at(r);
    if (!at) continue;
    const m = at[q]!;
    const count = shells[r]!.length + shells[r + 1]!.length;
    const se = (1.25 * noise) / Math.sqrt(count);
    const away = Math.abs(m - core);
    const flat = Math.abs(m - previous) < Math.max(2 * se, 0.1 * away);
    previous = m;
    if (away > Math.max(4 * se, 1.5 * noise) && flat && r > 3) return { value: m, radiusMm: r };
    if (away > Math.abs(ring - core)) ring = m;
  }
  return { value: ring, radiusMm: NaN };
}

/**
 * The liver right round the lesion, where it differs from the whole-liver reference: a lesion in
 * a darker (steatotic, perfusion-altered) region is bounded by that region, and a window half-way
 * to the whole-liver level takes the region in. Per phase: the first plateau of the liver-masked
 * profile that holds for as far again as its radius (at least `holdMm`). An enhancing rim round a
 * necrotic core, or a target lesion's rings, are plateaus too, but thin ones with other tissue
 * beyond: the search goes on past them, and then takes the plateau only when it lies between the
 * core and the global reference (a darker liver round a hypo lesion, never a liver brighter than
 * the lesion's own rim). A drag's half-length is where the search starts: the lesion's edge, so
 * a thick rim round the core it was dragged across is not mistaken for liver. The global
 * reference stands where no plateau holds or the plateau lies within the noise of it.
 */
export function localParenchyma(
  profile: ShellProfile,
  shells: number[][],
  core: number[],
  global: number[],
  noise: number[],
  holdMm = 12,
  startMm = 0,
): number[] {
  return global.map((g, q) => {
    const c = core[q]!;
    for (let from = Math.floor(startMm); from < profile.length;) {
      const { value, radiusMm } = plateauOf(profile, q, shells, c, noise[q]!, from);
      if (!Number.isFinite(radiusMm)) return g;
      const end = radiusMm + Math.max(holdMm, radiusMm);
      if (end > profile.length - 1) return g;
      // Holding means staying nearer the plateau than the core and than the global level (an
      // enhancing rim ends in parenchyma at about the global level).
      const tol = Math.min(0.35 * Math.abs(value - c), 0.5 * Math.abs(value - g));
      let broke = -1;
      for (let r = radiusMm; r <= end && broke < 0; r++) {
        const at = profile.at(r);
        if (at && Math.abs(at[q]! - value) > tol) broke = r;
      }
      if (broke < 0) {
        const between = (value - c) * (g - value) > 0;
        const shift = Math.abs(g - value) / noise[q]!;
        // Beyond the global level (a wider window) only the first plateau, clearly off the global
        // level but nearer it than the core is: a brighter rim round a dark core is not liver.
        const beyond = from === Math.floor(startMm) && shift > 1.5 && Math.abs(value - g) < Math.abs(c - g);
        return beyond || (between && shift > 1) ? value : g;
      }
      from = broke;
    }
    return g;
  });
}

/**
 * Normal-parenchyma intensity per phase: the half-sample mode over liver voxels lying bandMm[0]
 * to bandMm[1] under the liver surface (depth along the axes, sampled on a ~3 mm lattice).
 * Lesions and vessels reach the surface too, but parenchyma holds most of it even with heavy
 * burden; unlike the neighbourhood of the click, which a large or confluent lesion may fill.
 * Null when the mask is too small for a band.
 */
export function parenchymaReference(
  phases: ScalarVolume[],
  liver: Uint8Array,
  bandMm: [number, number],
): number[] | null {
  const { grid } = phases[0]!;
  const [nx, ny, nz] = grid.dims;
  const b = maskBounds([liver], grid.dims);
  if (!b) return null;
  const step = grid.spacing.map((s) => Math.max(1, Math.round(3 / s)));
  const inner = grid.spacing.map((s) => Math.max(1, Math.round(bandMm[0] / s)));
  const outer = grid.spacing.map((s) => Math.max(1, Math.round(bandMm[1] / s)));
  const samples: number[] = [];
  const inLiver = (i: number, j: number, k: number) =>
    // Beyond the grid counts as liver: a field of view cutting the organ is not its surface.
    i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz || liver[i + nx * (j + ny * k)] === 1;
  for (let k = b.min[2]; k <= b.max[2]; k += step[2]!)
    for (let j = b.min[1]; j <= b.max[1]; j += step[1]!)
      for (let i = b.min[0]; i <= b.max[0]; i += step[0]!) {
        const n = i + nx * (j + ny * k);
        if (!liver[n]) continue;
        const ijk = [i, j, k];
        let deep = true;
        let near = false;
        for (let a = 0; a < 3 && deep; a++) {
          for (const sgn of [-1, 1]) {
            const q = [...ijk];
            q[a] = q[a]! + sgn * inner[a]!;
            if (!inLiver(q[0]!, q[1]!, q[2]!)) {
              deep = false;
              break;
            }
            q[a] = ijk[a]! + sgn * outer[a]!;
            if (!inLiver(q[0]!, q[1]!, q[2]!)) near = true;
          }
        }
        if (deep && near) samples.push(n);
      }
  if (samples.length < 50) return null;
  // The mode, not the median: lesions reaching the surface pull a median towards them.
  return phases.map((ph) => halfSampleMode(Float64Array.from(samples, (n) => localMean3(ph, n)).sort()));
}

/** Mean of the voxel and its four in-plane neighbours (the voxel itself stands in past an edge). */
export function localMean3(image: ScalarVolume, n: number): number {
  const { data, grid } = image;
  const nx = grid.dims[0];
  const i = n % nx;
  const j = Math.floor(n / nx) % grid.dims[1];
  const around = [n, i > 0 ? n - 1 : n, i < nx - 1 ? n + 1 : n, j > 0 ? n - nx : n, j < grid.dims[1] - 1 ? n + nx : n];
  let s = 0;
  for (const m of around) s += data[m]!;
  return s / around.length;
}

/** Noise SD from the MAD of differences between i-neighbours (robust to the edges in the region). */
export function noiseSd(image: ScalarVolume, shells: number[][]): number {
  const diffs: number[] = [];
  const nx = image.grid.dims[0];
  // The inner shells first: the neighbourhood the lesion is read in; some thousands of pairs suffice.
  for (const shell of shells) {
    for (const n of shell) if (n % nx < nx - 1) diffs.push(Math.abs(image.data[n + 1]! - image.data[n]!));
    if (diffs.length > 20000) break;
  }
  if (diffs.length === 0) return 1;
  const mad = median(
    diffs.map((_, n) => n),
    (n) => diffs[n]!,
  );
  // |X1 - X2| for Gaussian noise: median = 0.6745 * sqrt(2) * sigma.
  return Math.max(1e-6, mad / (0.6745 * Math.SQRT2));
}
