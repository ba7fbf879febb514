import { describe, expect, it } from 'vitest';
import { distanceTransformMm, signedDistanceMm } from './distance';
import { axialGrid } from './testing/testGrids';

function bruteForce(mask: Uint8Array, dims: number[], sp: number[], feature: (v: number) => boolean) {
  const [nx, ny] = dims as [number, number, number];
  const out = new Float64Array(mask.length);
  for (let n = 0; n < mask.length; n++) {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    let best = Infinity;
    for (let m = 0; m < mask.length; m++) {
      if (!feature(mask[m]!)) continue;
      const di = (i - (m % nx)) * sp[0]!;
      const dj = (j - (Math.floor(m / nx) % ny)) * sp[1]!;
      const dk = (k - Math.floor(m / (nx * ny))) * sp[2]!;
      best = Math.min(best, di * di + dj * dj + dk * dk);
    }
    out[n] = Math.sqrt(best);
  }
  return out;
}

describe('distanceTransformMm', () => {
  it('matches brute force on a random anisotropic mask', () => {
    const grid = axialGrid([9, 7, 6], [0.7, 1.1, 2.5]);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const mask = new Uint8Array(9 * 7 * 6).map(() => (rnd() < 0.05 ? 1 : 0));
    mask[0] = 1;
    const got = distanceTransformMm(mask, grid);
    const ref = bruteForce(mask, grid.dims, grid.spacing, (v) => v !== 0);
    for (let n = 0; n < mask.length; n++) expect(got[n]).toBeCloseTo(ref[n]!, 4);
  });

  it('is Infinity everywhere for an empty mask', () => {
    const grid = axialGrid([3, 3, 3], [1, 1, 1]);
    expect(distanceTransformMm(new Uint8Array(27), grid).every((v) => v === Infinity)).toBe(true);
  });

  it('measures along the slice axis with its own spacing', () => {
    const grid = axialGrid([1, 1, 5], [0.5, 0.5, 3]);
    const mask = new Uint8Array([1, 0, 0, 0, 0]);
    expect(Array.from(distanceTransformMm(mask, grid))).toEqual([0, 3, 6, 9, 12]);
  });
});

describe('signedDistanceMm', () => {
  it('is negative inside, positive outside, treating beyond-grid as background', () => {
    const grid = axialGrid([7, 1, 1], [2, 5, 5]);
    const mask = new Uint8Array([1, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(signedDistanceMm(mask, grid))).toEqual([-2, -4, -2, 2, 4, 6, 8]);
  });

  it('matches brute force inside a random mask', () => {
    const grid = axialGrid([8, 6, 5], [0.9, 0.6, 1.7]);
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const mask = new Uint8Array(8 * 6 * 5).map(() => (rnd() < 0.7 ? 1 : 0));
    const got = signedDistanceMm(mask, grid);
    const inside = bruteForce(mask, grid.dims, grid.spacing, (v) => v === 0);
    const outside = bruteForce(mask, grid.dims, grid.spacing, (v) => v !== 0);
    for (let n = 0; n < mask.length; n++) {
      const i = n % 8;
      const j = Math.floor(n / 8) % 6;
      const k = Math.floor(n / 48);
      // distance to the virtual background beyond the grid edge
      const edge = Math.min((i + 1) * 0.9, (8 - i) * 0.9, (j + 1) * 0.6, (6 - j) * 0.6, (k + 1) * 1.7, (5 - k) * 1.7);
      const want = mask[n] ? -Math.min(inside[n]!, edge) : outside[n]!;
      expect(got[n]).toBeCloseTo(want, 4);
    }
  });
});
