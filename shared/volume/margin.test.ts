import { describe, expect, it } from 'vitest';
import { indexToPatient, type Grid, type Vec3 } from './grid';
import { computeMargin } from './margin';
import { axialGrid, obliqueGrid, rasterise, sphere } from './testing/testGrids';

function centre(grid: Grid): Vec3 {
  const c = indexToPatient(grid, grid.dims[0] / 2, grid.dims[1] / 2, grid.dims[2] / 2);
  return [c[0] + 0.31, c[1] - 0.17, c[2] + 0.09]; // off the lattice on purpose
}

/** Ellipsoid with semi-axes a, b, c along three orthonormal patient directions. */
function ellipsoid(c: Vec3, axes: [Vec3, Vec3, Vec3], semi: Vec3): (p: Vec3) => boolean {
  return (p) => {
    const v = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
    let s = 0;
    for (let a = 0; a < 3; a++) {
      const u = axes[a]!;
      s += ((v[0]! * u[0] + v[1]! * u[1] + v[2]! * u[2]) / semi[a]!) ** 2;
    }
    return s <= 1;
  };
}

const s2 = Math.SQRT1_2;
const tiltedAxes: [Vec3, Vec3, Vec3] = [
  [s2, s2, 0],
  [-0.5, 0.5, s2],
  [0.5, -0.5, s2],
];

describe('computeMargin on analytic cases (MAM within 0.5 mm)', () => {
  const grids: [string, Grid][] = [
    ['axial 0.6x0.7x1.2', axialGrid([64, 56, 34], [0.6, 0.7, 1.2])],
    ['oblique 0.7x0.6x1.5', obliqueGrid([58, 66, 28], [0.7, 0.6, 1.5])],
  ];
  for (const [name, grid] of grids) {
    it(`concentric spheres on ${name}`, () => {
      const c = centre(grid);
      const r = computeMargin(rasterise(grid, sphere(c, 8)), rasterise(grid, sphere(c, 14)), grid);
      expect(Math.abs(r.mamMm - 6)).toBeLessThan(0.5);
      expect(r.coveragePercent).toBe(100);
      expect(r.residualTumour).toBe(false);
      expect(r.percentBelow0).toBe(0);
    });

    it(`off-centre tumour in a sphere on ${name}`, () => {
      const c = centre(grid);
      const off: Vec3 = [1.5, -2, 2.5];
      const zone = rasterise(grid, sphere(c, 13));
      const tumour = rasterise(grid, sphere([c[0] + off[0], c[1] + off[1], c[2] + off[2]], 6));
      const exact = 13 - 6 - Math.hypot(...off);
      const r = computeMargin(tumour, zone, grid);
      expect(Math.abs(r.mamMm - exact)).toBeLessThan(0.5);
      expect(r.medianMm).toBeGreaterThan(r.q25Mm);
      expect(r.percentBelow5).toBeGreaterThan(0);
      expect(r.percentBelow5).toBeLessThan(100);
    });

    it(`sphere in a tilted ellipsoid on ${name}`, () => {
      const c = centre(grid);
      const zone = rasterise(grid, ellipsoid(c, tiltedAxes, [15, 12, 10]));
      const r = computeMargin(rasterise(grid, sphere(c, 6)), zone, grid);
      expect(Math.abs(r.mamMm - 4)).toBeLessThan(0.5); // shortest semi-axis minus radius
    });

    it(`residual tumour sticking out of the zone on ${name}`, () => {
      const c = centre(grid);
      const zone = rasterise(grid, sphere(c, 9));
      const tumour = rasterise(grid, sphere([c[0] + 6, c[1], c[2]], 5));
      const r = computeMargin(tumour, zone, grid);
      expect(Math.abs(r.mamMm - -2)).toBeLessThan(0.5);
      expect(r.residualTumour).toBe(true);
      expect(r.coveragePercent).toBeGreaterThan(50);
      expect(r.coveragePercent).toBeLessThan(100);
    });
  }
});

describe('computeMargin bookkeeping', () => {
  it('excludes tumour surface within 5 mm of the liver capsule', () => {
    const grid = axialGrid([40, 40, 24], [0.8, 0.8, 1.5]);
    const c = centre(grid);
    const tumour = rasterise(grid, sphere(c, 5));
    const zone = rasterise(grid, sphere(c, 10));
    // liver boundary is the plane x = c.x + 7: the tumour's right cap is within 5 mm of it
    const liver = rasterise(grid, (p) => p[0] <= c[0] + 7);
    const r = computeMargin(tumour, zone, grid, { liver });
    expect(r.excludedSubcapsularPercent).toBeGreaterThan(5);
    expect(r.excludedSubcapsularPercent).toBeLessThan(50);
    // every excluded voxel is on the capsule side
    const [nx, ny] = grid.dims;
    for (let s = 0; s < r.surface.indices.length; s++) {
      if (!r.surface.subcapsular[s]) continue;
      const n = r.surface.indices[s]!;
      const p = indexToPatient(grid, n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny)));
      expect(c[0] + 7 - p[0]).toBeLessThan(5 + 0.8);
    }
    const none = computeMargin(tumour, zone, grid);
    expect(none.excludedSubcapsularPercent).toBe(0);
    expect(none.surface.indices.length).toBe(r.surface.indices.length);
  });

  it('refuses empty masks', () => {
    const grid = axialGrid([4, 4, 4], [1, 1, 1]);
    const full = new Uint8Array(64).fill(1);
    expect(() => computeMargin(new Uint8Array(64), full, grid)).toThrow('tumour mask is empty');
    expect(() => computeMargin(full, new Uint8Array(64), grid)).toThrow('zone mask is empty');
  });
});
