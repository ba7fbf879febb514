import { describe, expect, it } from 'vitest';
import { squaredDistanceToFeature } from '../volume/distance';
import type { Grid, Vec3 } from '../volume/grid';
import { ballOffsets, growByBall, shrinkByBall } from './ballMorphology';

/** Random blobby mask: a few overlapping ellipsoids plus scattered single voxels. */
function randomMask(dims: Vec3, seed: number): Uint8Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const [nx, ny, nz] = dims;
  const m = new Uint8Array(nx * ny * nz);
  for (let e = 0; e < 4; e++) {
    const c = [rand() * nx, rand() * ny, rand() * nz];
    const r = [2 + rand() * nx * 0.3, 2 + rand() * ny * 0.3, 1 + rand() * nz * 0.3];
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          if (((i - c[0]!) / r[0]!) ** 2 + ((j - c[1]!) / r[1]!) ** 2 + ((k - c[2]!) / r[2]!) ** 2 <= 1)
            m[i + nx * (j + ny * k)] = 1;
  }
  for (let n = 0; n < m.length; n++) if (rand() < 0.01) m[n] = 1 - m[n]!;
  return m;
}

const grid = (dims: Vec3, spacing: Vec3): Grid => ({
  dims,
  spacing,
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
});

describe('ball morphology', () => {
  it('the ball holds exactly the offsets within mm on anisotropic spacing', () => {
    const b = ballOffsets([1.5, 1.5, 2], 3);
    const count = b.length / 3;
    // k = 0: i^2 + j^2 <= 4 (13 voxels); k = +-1: 2.25 (i^2 + j^2) <= 5, i^2 + j^2 <= 2 (9 each).
    expect(count).toBe(13 + 9 + 9);
    for (let n = 0; n < b.length; n += 3)
      expect((b[n]! * 1.5) ** 2 + (b[n + 1]! * 1.5) ** 2 + (b[n + 2]! * 2) ** 2).toBeLessThanOrEqual(9 + 1e-6);
  });

  // The distance transform thresholded is the definition; stamping round the surface must match it.
  const cases: [Vec3, Vec3, number][] = [
    [[30, 26, 14], [1.5, 1.5, 2.0100840336134453], 4],
    [[24, 24, 20], [0.8, 0.8, 3], 6],
    [[20, 22, 18], [2, 2, 2], 8],
    [[28, 20, 12], [1.2, 0.7, 2.5], 1.5],
  ];
  for (const [dims, spacing, mm] of cases) {
    it(`grow and shrink equal the thresholded distance transform (${spacing.join('x')} mm, ${mm} mm)`, () => {
      const g = grid(dims, spacing);
      const ball = ballOffsets(spacing, mm);
      const r2 = mm * mm + 1e-6;
      for (let seed = 1; seed <= 3; seed++) {
        const m = randomMask(dims, seed * 7919);
        const d2 = squaredDistanceToFeature(m, g, false);
        const grown = growByBall(m, dims, ball);
        let diff = 0;
        for (let n = 0; n < m.length; n++) diff += grown[n]! !== (d2[n]! <= r2 ? 1 : 0) ? 1 : 0;
        expect(diff).toBe(0);
        const e2 = squaredDistanceToFeature(m, g, true);
        const shrunk = shrinkByBall(m, dims, ball);
        diff = 0;
        for (let n = 0; n < m.length; n++) diff += shrunk[n]! !== (m[n] && e2[n]! > r2 ? 1 : 0) ? 1 : 0;
        expect(diff).toBe(0);
      }
    });
  }
});
