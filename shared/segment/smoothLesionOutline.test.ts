import { describe, expect, it } from 'vitest';
import { axialGrid } from '../volume/testing/testGrids';
import { compareMasks } from '../volume/compare';
import { smoothLesionOutline } from './smoothLesionOutline';

describe('smoothLesionOutline', () => {
  const grid = axialGrid([40, 40, 20], [1, 1, 2]);
  const [nx, ny, nz] = grid.dims;
  const ball = (r: number) =>
    Uint8Array.from({ length: nx * ny * nz }, (_, n) => {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      return (i - 20) ** 2 + (j - 20) ** 2 + (2 * (k - 10)) ** 2 <= r * r ? 1 : 0;
    });

  it('takes the noise off a ball outline and keeps its size', () => {
    const truth = ball(9);
    // Ragged: every third voxel of the surface layer outside added, every fifth inside taken away.
    const ragged = truth.slice();
    const outer = ball(10);
    for (let n = 0; n < ragged.length; n++) {
      if (outer[n] && !truth[n] && n % 3 === 0) ragged[n] = 1;
      if (truth[n] && !ball(8)[n] && n % 5 === 0) ragged[n] = 0;
    }
    const smoothed = smoothLesionOutline(ragged, grid);
    expect(compareMasks(truth, smoothed, grid).dice).toBeGreaterThan(compareMasks(truth, ragged, grid).dice);
    expect(compareMasks(truth, smoothed, grid).dice).toBeGreaterThan(0.95);
  });

  it('stays inside the allowed region and leaves a lesion few voxels across as it is', () => {
    const m = ball(9);
    const allowed = Uint8Array.from(m, (_, n) => (n % nx < 22 ? 1 : 0));
    const out = smoothLesionOutline(m, grid, allowed);
    for (let n = 0; n < out.length; n++) if (out[n]) expect(allowed[n]).toBe(1);
    const small = ball(2);
    expect(smoothLesionOutline(small, grid)).toBe(small);
  });
});
