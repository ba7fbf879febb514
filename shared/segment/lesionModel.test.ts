import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { fitRadialModel, fitSphere, modelExcess, sphereDirections, splitConfluent } from './lesionModel';
import { dice } from './testing/testPhantom';

describe('shape models', () => {
  it('spreads unit directions evenly', () => {
    const dirs = sphereDirections(200);
    for (const u of dirs) expect(Math.hypot(...u)).toBeCloseTo(1, 9);
    const mean = [0, 1, 2].map((a) => dirs.reduce((s, u) => s + u[a]!, 0) / dirs.length);
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(0.02);
  });

  it('fits a sphere exactly and a radial model through outliers', () => {
    const c: Vec3 = [10, -4, 7];
    const pts = sphereDirections(300).map((u) => [c[0] + 6 * u[0], c[1] + 6 * u[1], c[2] + 6 * u[2]] as Vec3);
    const s = fitSphere(pts)!;
    expect(s.radius).toBeCloseTo(6, 6);
    for (let a = 0; a < 3; a++) expect(s.centre[a]).toBeCloseTo(c[a]!, 6);
    // An ellipsoid (8, 6, 5) seen from off-centre, a quarter of its rays running on far beyond.
    const e = sphereDirections(400).map((u, n) => {
      const r = 1 / Math.hypot(u[0] / 8, u[1] / 6, u[2] / 5);
      const f = n % 4 === 0 ? 2.5 : 1;
      return [u[0] * r * f, u[1] * r * f, u[2] * r * f] as Vec3;
    });
    const m = fitRadialModel(e, [1, 1, 0], 5)!;
    expect(Math.abs(m.centre[0]) + Math.abs(m.centre[1]) + Math.abs(m.centre[2])).toBeLessThan(1.5);
    for (const [p, r] of [
      [[1, 0, 0], 8],
      [[0, 1, 0], 6],
      [[0, 0, 1], 5],
    ] as [Vec3, number][])
      expect(Math.abs(modelExcess(m, [p[0] * r, p[1] * r, p[2] * r]))).toBeLessThan(1);
  });
});

describe('splitConfluent', () => {
  // Two overlapping balls on a 1 x 1 x 1.5 mm grid; the larger keeps the shared voxels.
  const dims: Vec3 = [60, 40, 30];
  const spacing: Vec3 = [1, 1, 1.5];
  const [nx, ny, nz] = dims;
  const big = new Uint8Array(nx * ny * nz);
  const small = new Uint8Array(nx * ny * nz);
  const a: Vec3 = [22, 20, 22];
  const b: Vec3 = [22 + 14 + 9 - 5, 20, 22];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const q: Vec3 = [i * spacing[0], j * spacing[1], k * spacing[2]];
        const n = i + nx * (j + ny * k);
        if (Math.hypot(q[0] - a[0], q[1] - a[1], q[2] - a[2]) <= 14) big[n] = 1;
        else if (Math.hypot(q[0] - b[0], q[1] - b[1], q[2] - b[2]) <= 9) small[n] = 1;
      }
  const region = Uint8Array.from(big, (v, n) => v | small[n]!);
  const at = (q: Vec3) =>
    Math.round(q[0] / spacing[0]) + nx * (Math.round(q[1] / spacing[1]) + ny * Math.round(q[2] / spacing[2]));

  it('gives each clicked lesion its own part of the joined region', () => {
    const r1 = splitConfluent(region, dims, spacing, at(a));
    expect(dice(r1.mask, big)).toBeGreaterThan(0.95);
    expect(r1.models.length).toBeGreaterThanOrEqual(2);
    const r2 = splitConfluent(region, dims, spacing, at(b));
    expect(dice(r2.mask, small)).toBeGreaterThan(0.9);
  });

  it('leaves a lone lesion whole and cuts off a thin vessel leaving it', () => {
    const lone = big.slice();
    // A 2-voxel-wide tube running 15 mm out of the ball.
    for (let i = 36; i < 51; i++)
      for (const dj of [0, 1]) for (const dk of [0, 1]) lone[i + nx * (20 + dj + ny * (15 + dk))] = 1;
    const r = splitConfluent(lone, dims, spacing, at(a));
    expect(dice(r.mask, big)).toBeGreaterThan(0.97);
    expect(r.mask[45 + nx * (20 + ny * 15)]).toBe(0);
  });
});
