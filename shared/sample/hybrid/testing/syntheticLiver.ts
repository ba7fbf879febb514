import type { Grid, Vec3 } from '../../../volume/grid';
import { indexToPatient } from '../../../volume/grid';
import { createRng } from '../../random';
import type { HybridBackground } from '../types';

/** Patient point all test grids are centred on (LPS mm). */
export const TEST_CENTRE: Vec3 = [10, -20, 30];
export const LIVER_RADIUS_MM = 40;
export const LIVER_HU = 100;
export const NOISE_SD = 15;

function rotate(v: Vec3, axis: Vec3, deg: number): Vec3 {
  const a = (deg * Math.PI) / 180;
  const n = Math.hypot(...axis);
  const k: Vec3 = [axis[0] / n, axis[1] / n, axis[2] / n];
  const c = Math.cos(a);
  const s = Math.sin(a);
  const d = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
  const x: Vec3 = [k[1] * v[2] - k[2] * v[1], k[2] * v[0] - k[0] * v[2], k[0] * v[1] - k[1] * v[0]];
  return [0, 1, 2].map((i) => v[i]! * c + x[i]! * s + k[i]! * d * (1 - c)) as Vec3;
}

/**
 * Anisotropic test grids covering the same patient box around TEST_CENTRE: axial head-first,
 * oblique (cosines rotated 20 deg about an oblique axis) and oblique feet-first (the slice
 * normal points feet-ward, -S).
 */
export function testGrid(kind: 'axial' | 'oblique' | 'obliqueFeetFirst', spacing: Vec3 = [1.1, 1.1, 2]): Grid {
  let row: Vec3 = [1, 0, 0];
  let col: Vec3 = [0, 1, 0];
  if (kind === 'obliqueFeetFirst') row = [-1, 0, 0];
  if (kind !== 'axial') {
    row = rotate(row, [1, 2, 3], 20);
    col = rotate(col, [1, 2, 3], 20);
  }
  const nrm: Vec3 = [
    row[1] * col[2] - row[2] * col[1],
    row[2] * col[0] - row[0] * col[2],
    row[0] * col[1] - row[1] * col[0],
  ];
  const extent = 2 * LIVER_RADIUS_MM + 16;
  const dims = spacing.map((s) => Math.round(extent / s)) as Vec3;
  const axes = [row, col, nrm];
  const origin = [0, 1, 2].map(
    (x) => TEST_CENTRE[x]! - axes.reduce((sum, ax, a) => sum + ((dims[a]! - 1) / 2) * spacing[a]! * ax[x]!, 0),
  ) as Vec3;
  return { dims, spacing, origin, direction: [...row, ...col, ...nrm] };
}

/**
 * A spherical liver of LIVER_HU with Gaussian noise in fat, with an optional straight vessel
 * (label 64, 170 HU) of radius 5 mm along the patient S axis through the liver, cut out of the
 * liver mask as TotalSegmentator's labels are.
 */
export function syntheticLiver(grid: Grid, options: { vessel?: boolean; seed?: string } = {}): HybridBackground {
  const [nx, ny, nz] = grid.dims;
  const n = nx * ny * nz;
  const rng = createRng(options.seed ?? 'synthetic-liver');
  const data = new Int16Array(n);
  const liver = new Uint8Array(n);
  const labels = new Uint8Array(n);
  const vesselAt: Vec3 = [TEST_CENTRE[0] + 22, TEST_CENTRE[1], 0];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k);
        const p = indexToPatient(grid, i, j, k);
        const r = Math.hypot(p[0] - TEST_CENTRE[0], p[1] - TEST_CENTRE[1], p[2] - TEST_CENTRE[2]);
        const inVessel = options.vessel && Math.hypot(p[0] - vesselAt[0], p[1] - vesselAt[1]) <= 5;
        if (inVessel && r <= LIVER_RADIUS_MM + 5) {
          labels[v] = 64;
          data[v] = Math.round(170 + NOISE_SD * rng.gaussian());
        } else if (r <= LIVER_RADIUS_MM) {
          liver[v] = 1;
          labels[v] = 5;
          data[v] = Math.round(LIVER_HU + NOISE_SD * rng.gaussian());
        } else {
          data[v] = Math.round(-100 + NOISE_SD * rng.gaussian());
        }
      }
  return { image: { grid, data }, liver, labels };
}
