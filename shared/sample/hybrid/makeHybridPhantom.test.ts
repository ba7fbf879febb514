import { describe, expect, it } from 'vitest';
import { sameBytes } from '../../testing/sameBytes';
import { indexToPatient, type Vec3 } from '../../volume/grid';
import { makeHybridPhantom } from './makeHybridPhantom';
import { shapeVolumeMl } from './lesionShape';
import { LIVER_HU, NOISE_SD, TEST_CENTRE, syntheticLiver, testGrid } from './testing/syntheticLiver';
import type { HybridPhantom, LesionRequest } from './types';

const at = (d: Vec3): Vec3 => [TEST_CENTRE[0] + d[0], TEST_CENTRE[1] + d[1], TEST_CENTRE[2] + d[2]];

function centroid(ph: HybridPhantom, label: number): Vec3 {
  const { grid } = ph.image;
  const [nx, ny] = grid.dims;
  const s: Vec3 = [0, 0, 0];
  let n = 0;
  ph.labels.forEach((l, v) => {
    if (l !== label) return;
    const i = v % nx;
    const j = ((v - i) / nx) % ny;
    const p = indexToPatient(grid, i, j, (v - i - nx * j) / (nx * ny));
    for (let a = 0; a < 3; a++) s[a] += p[a]!;
    n++;
  });
  return s.map((x) => x / n) as Vec3;
}

const fixed: LesionRequest[] = [
  { kind: 'hypo', diameterMm: 22, centreLps: at([-12, 8, -6]), lumpiness: 0, elongation: 1.25, blurMm: 1.5 },
  { kind: 'hyper', diameterMm: 14, centreLps: at([14, -10, 10]), lumpiness: 0.07, blurMm: 1 },
  { kind: 'target', diameterMm: 20, centreLps: at([8, 16, -8]), blurMm: 2 },
];

describe('makeHybridPhantom on a synthetic liver', () => {
  const axial = makeHybridPhantom(syntheticLiver(testGrid('axial')), fixed, 'geom');

  it('truth volume matches the analytic shape volume within 3%', () => {
    const ellipsoid = axial.plan[0]!.shape;
    const analytic = ((4 / 3) * Math.PI * ellipsoid.radiiMm.reduce((a, b) => a * b, 1)) / 1000;
    expect(Math.abs(axial.lesions[0]!.volumeMl / analytic - 1)).toBeLessThan(0.03);
    for (const [m, lesion] of axial.lesions.entries()) {
      expect(Math.abs(lesion.volumeMl / shapeVolumeMl(axial.plan[m]!.shape) - 1)).toBeLessThan(0.04);
    }
  });

  it('places lesions at the same patient positions on oblique and feet-first grids', () => {
    const grids = [testGrid('oblique'), testGrid('obliqueFeetFirst', [0.9, 1.3, 2.5])];
    for (const grid of grids) {
      const ph = makeHybridPhantom(syntheticLiver(grid), fixed, 'geom');
      ph.lesions.forEach((lesion, m) => {
        const a = centroid(axial, m + 1);
        const b = centroid(ph, m + 1);
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeLessThan(1);
        expect(Math.abs(lesion.volumeMl / axial.lesions[m]!.volumeMl - 1)).toBeLessThan(0.04);
        expect(lesion.centreLps).toEqual(fixed[m]!.centreLps);
        expect(ph.labels[voxelAt(ph, lesion.clickLps)]).toBe(m + 1);
      });
    }
  });

  it('reports the longest in-slice diameter and a click inside each lesion', () => {
    axial.lesions.forEach((lesion, m) => {
      const [p, q] = lesion.lineLps;
      expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeCloseTo(lesion.axialLongestMm, 6);
      expect(lesion.axialLongestMm).toBeGreaterThan(0.8 * fixed[m]!.diameterMm);
      expect(lesion.axialLongestMm).toBeLessThan(1.5 * fixed[m]!.diameterMm);
      expect(axial.labels[voxelAt(axial, lesion.clickLps)]).toBe(m + 1);
    });
  });

  it('is deterministic in its seed', () => {
    const bg = syntheticLiver(testGrid('oblique'));
    const req: LesionRequest[] = [
      { kind: 'necrotic', diameterMm: 24 },
      { kind: 'hyper', diameterMm: 9 },
    ];
    const a = makeHybridPhantom(bg, req, 'seed-1');
    const b = makeHybridPhantom(bg, req, 'seed-1');
    const c = makeHybridPhantom(bg, req, 'seed-2');
    expect(sameBytes(a.image.data.buffer, b.image.data.buffer)).toBe(true);
    expect(sameBytes(a.labels, b.labels)).toBe(true);
    expect(a.lesions).toEqual(b.lesions);
    expect(a.lesions[0]!.centreLps).not.toEqual(c.lesions[0]!.centreLps);
  });

  it('keeps the liver noise inside a lesion (SD within 20%) and reaches the profile HU', () => {
    const bg = syntheticLiver(testGrid('axial', [1, 1, 1.5]));
    const ph = makeHybridPhantom(bg, [{ kind: 'hypo', diameterMm: 30, centreLps: TEST_CENTRE, lumpiness: 0 }], 'noise');
    const core: number[] = [];
    const liver: number[] = [];
    const { grid } = ph.image;
    const [nx, ny] = grid.dims;
    ph.image.data.forEach((x, v) => {
      const i = v % nx;
      const j = ((v - i) / nx) % ny;
      const p = indexToPatient(grid, i, j, (v - i - nx * j) / (nx * ny));
      const r = Math.hypot(p[0] - TEST_CENTRE[0], p[1] - TEST_CENTRE[1], p[2] - TEST_CENTRE[2]);
      if (r < 9) core.push(x);
      else if (bg.liver[v] && r > 22 && r < 34) liver.push(x);
    });
    const stats = (a: number[]) => {
      const m = a.reduce((s, x) => s + x, 0) / a.length;
      return { m, sd: Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / a.length) };
    };
    expect(Math.abs(stats(liver).sd / NOISE_SD - 1)).toBeLessThan(0.1);
    expect(Math.abs(stats(core).sd / stats(liver).sd - 1)).toBeLessThan(0.2);
    expect(stats(core).m).toBeCloseTo(ph.lesions[0]!.nominalHu, -0.5);
    expect(stats(core).m).toBeLessThan(LIVER_HU - 35);
    expect(ph.noiseSd / NOISE_SD).toBeGreaterThan(0.85);
  });
});

function voxelAt(ph: HybridPhantom, p: Vec3): number {
  const { grid } = ph.image;
  const d = grid.direction;
  const v = [p[0] - grid.origin[0], p[1] - grid.origin[1], p[2] - grid.origin[2]];
  const idx = [0, 1, 2].map((a) =>
    Math.round((v[0]! * d[3 * a]! + v[1]! * d[3 * a + 1]! + v[2]! * d[3 * a + 2]!) / grid.spacing[a]!),
  );
  return idx[0]! + grid.dims[0] * (idx[1]! + grid.dims[1] * idx[2]!);
}
