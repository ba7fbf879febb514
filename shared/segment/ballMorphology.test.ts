import { describe, expect, it } from 'vitest';
import { squaredDistanceToFeature } from '../volume/distance';
import type { Grid, Vec3 } from '../volume/grid';
import { ballOffsets, growByBall, MAX_BALL_VOXELS, shrinkByBall } from './ballMorphology';
import { randomMask } from './testing/randomMasks';

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
    // The liver grow's leak cut (8 mm) on the 120- and 300-slice working grids.
    [[40, 36, 26], [1.5, 1.5, 2.0100840336134453], 8],
    [[40, 36, 30], [1.5, 1.5, 1.6], 8],
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

  it('matches the distance transform on solid blocks against the grid edges (long runs, clipped balls)', () => {
    const dims: Vec3 = [33, 21, 17];
    const spacing: Vec3 = [0.9, 1.3, 2.2];
    const g = grid(dims, spacing);
    const [nx, ny] = dims;
    const m = new Uint8Array(dims[0] * dims[1] * dims[2]);
    // A slab through the whole i range (runs as long as the grid), a block in the corner, a bar.
    for (let k = 0; k < dims[2]; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          if ((k >= 6 && k <= 9) || (i < 7 && j < 6 && k < 5) || (j === 15 && k === 12 && i > 3))
            m[i + nx * (j + ny * k)] = 1;
    for (const mm of [1.3, 4.5, 7]) {
      const ball = ballOffsets(spacing, mm);
      expect(ball.length / 3).toBeLessThanOrEqual(MAX_BALL_VOXELS);
      const r2 = mm * mm + 1e-6;
      const d2 = squaredDistanceToFeature(m, g, false);
      const e2 = squaredDistanceToFeature(m, g, true);
      const grown = growByBall(m, dims, ball);
      const shrunk = shrinkByBall(m, dims, ball);
      let diff = 0;
      for (let n = 0; n < m.length; n++) {
        diff += grown[n]! !== (d2[n]! <= r2 ? 1 : 0) ? 1 : 0;
        diff += shrunk[n]! !== (m[n] && e2[n]! > r2 ? 1 : 0) ? 1 : 0;
      }
      expect(diff).toBe(0);
    }
  });
});
