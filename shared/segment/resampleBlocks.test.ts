import { describe, expect, it } from 'vitest';
import { flatIndex, indexToPatient } from '../volume/grid';
import { obliqueGrid } from '../volume/testing/testGrids';
import { blockFactors, downsampleMean, upsampleMask } from './resampleBlocks';
import { countOnes, dice } from './testing/testPhantom';

describe('block resampling', () => {
  it('picks integer factors towards the working voxel size', () => {
    expect(blockFactors([0.75, 0.75, 0.8], 2)).toEqual([2, 2, 2]);
    expect(blockFactors([1.5, 1.5, 2.5], 2)).toEqual([1, 1, 1]);
    expect(blockFactors([0.5, 0.5, 3], 2)).toEqual([4, 4, 1]);
  });

  it('averages blocks exactly (partial blocks at the far edges) and maps indices', () => {
    const grid = obliqueGrid([5, 4, 3], [0.5, 0.5, 1]);
    const data = Float32Array.from({ length: 60 }, (_, n) => n);
    const d = downsampleMean({ grid, data }, [2, 2, 1]);
    expect(d.volume.grid.dims).toEqual([3, 2, 3]);
    expect(d.volume.grid.spacing).toEqual([1, 1, 1]);
    const v = d.volume.data;
    // Block (0,0,0): fine i 0-1, j 0-1, k 0.
    expect(v[0]).toBeCloseTo((0 + 1 + 5 + 6) / 4, 5);
    // Block (2,0,0) is partial: fine i 4 only.
    expect(v[2]).toBeCloseTo((4 + 9) / 2, 5);
    expect(d.toWork(flatIndex(grid, 4, 3, 2))).toBe(2 + 3 * (1 + 2 * 2));
    // The coarse voxel centre sits at the centre of its block.
    const a = indexToPatient(d.volume.grid, 1, 1, 1);
    const b = indexToPatient(grid, 2.5, 2.5, 1);
    for (let c = 0; c < 3; c++) expect(a[c]).toBeCloseTo(b[c]!, 6);
    const same = downsampleMean({ grid, data }, [1, 1, 1]);
    expect(same.identity).toBe(true);
    expect(same.volume.data).toBe(data);
  });

  it('interpolates a coarse mask back into a smooth fine mask', () => {
    const grid = obliqueGrid([48, 44, 40], [0.6, 0.6, 0.7]);
    const [nx, ny, nz] = grid.dims;
    const ball = new Uint8Array(nx * ny * nz);
    const c = indexToPatient(grid, 23.5, 21.5, 19.5);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const p = indexToPatient(grid, i, j, k);
          if (Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= 9) ball[flatIndex(grid, i, j, k)] = 1;
        }
    const d = downsampleMean({ grid, data: Float32Array.from(ball) }, [3, 3, 3]);
    const coarse = Uint8Array.from(d.volume.data, (v) => (v >= 0.5 ? 1 : 0));
    const dims = d.volume.grid.dims;
    const out = upsampleMask(
      coarse,
      { min: [0, 0, 0], max: [dims[0] - 1, dims[1] - 1, dims[2] - 1] },
      dims,
      d,
      grid,
      new Uint8Array(ball.length),
    );
    expect(dice(out, ball)).toBeGreaterThan(0.95);
    expect(Math.abs(countOnes(out) - countOnes(ball)) / countOnes(ball)).toBeLessThan(0.05);
  });
});
