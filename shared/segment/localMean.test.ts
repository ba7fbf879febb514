import { describe, expect, it } from 'vitest';
import { axialGrid } from '../volume/testing/testGrids';
import { boxMeanArray, createLocalMean, forEachWithin, halfSampleMode, median, voxelsWithin } from './localMean';

describe('boxMeanArray', () => {
  it('equals the on-demand box mean everywhere, edges included', () => {
    const grid = axialGrid([9, 7, 5], [1, 1, 2]);
    const data = Float32Array.from({ length: 9 * 7 * 5 }, (_, n) => (n * 37) % 101);
    const out = boxMeanArray(data, grid.dims, [2, 1, 1]);
    const [nx, ny, nz] = grid.dims;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          let s = 0;
          let c = 0;
          for (let kk = Math.max(0, k - 1); kk <= Math.min(nz - 1, k + 1); kk++)
            for (let jj = Math.max(0, j - 1); jj <= Math.min(ny - 1, j + 1); jj++)
              for (let ii = Math.max(0, i - 2); ii <= Math.min(nx - 1, i + 2); ii++) {
                s += data[ii + nx * (jj + ny * kk)]!;
                c++;
              }
          expect(out[i + nx * (j + ny * k)]).toBeCloseTo(s / c, 4);
        }
    // Same as the sampler where the radii agree (1 mm on 1 x 1 x 2 mm: 1, 1, 0 voxels).
    const sampler = createLocalMean({ grid, data }, 1);
    const flat = boxMeanArray(data, grid.dims, [1, 1, 0]);
    for (const n of [0, 17, 100, 314]) expect(flat[n]).toBeCloseTo(sampler(n), 4);
  });
});

describe('robust location', () => {
  it('median by selection matches the sorted median for odd and even counts', () => {
    const values = [5, 1, 9, 3, 7, 3, 8];
    expect(median([0, 1, 2, 3, 4, 5, 6], (n) => values[n]!)).toBe(5);
    expect(median([0, 1, 2, 3, 4, 5], (n) => values[n]!)).toBe(4);
    expect(median([], () => 0)).toBeNaN();
  });

  it('half-sample mode finds the larger cluster where the median is pulled between', () => {
    // 60% around 78 (parenchyma), 40% around 165 (tumour): the median lands near the gap's edge.
    const values: number[] = [];
    // Triangular noise (sum of two uniforms): peaked like real noise.
    const tri = (n: number) => ((n * 7919) % 11) + ((n * 104729) % 11) - 10;
    for (let n = 0; n < 600; n++) values.push(78 + tri(n));
    for (let n = 0; n < 400; n++) values.push(165 + tri(n + 600));
    const sorted = Float64Array.from(values).sort();
    expect(Math.abs(halfSampleMode(sorted) - 78)).toBeLessThan(6);
    expect(halfSampleMode(Float64Array.of(4))).toBe(4);
    expect(halfSampleMode(new Float64Array(0))).toBeNaN();
  });
});

describe('forEachWithin', () => {
  it('visits the voxels of voxelsWithin in the same order, clipped at the image edge', () => {
    const grid = axialGrid([12, 10, 6], [1.5, 1, 2.5]);
    const centre = 2 + 12 * (5 + 10 * 1);
    const seen: number[] = [];
    forEachWithin(grid, centre, 4, (n) => seen.push(n));
    expect(seen).toEqual(voxelsWithin(grid, centre, 4));
    expect(seen).toContain(centre);
    // Ball of 4 mm: 2 voxels of 1.5 mm in x, 4 of 1 mm in y, 1 of 2.5 mm in z; x clipped at 0.
    expect(seen.every((n) => Math.abs((n % 12) - 2) <= 2 && Math.abs(Math.floor(n / 120) - 1) <= 1)).toBe(true);
  });
});
