import { describe, expect, it } from 'vitest';
import { compareMasks } from './compare';
import { axialGrid, obliqueGrid, rasterise, sphere } from './testing/testGrids';

describe('compareMasks', () => {
  it('gives perfect agreement for identical masks', () => {
    const grid = obliqueGrid([20, 20, 12], [0.8, 0.9, 1.6]);
    const m = rasterise(grid, sphere([4, 8, 10], 5));
    const r = compareMasks(m, m, grid);
    expect(r).toEqual({ dice: 1, jaccard: 1, hausdorffMm: 0, hd95Mm: 0, volumeDifferencePercent: 0 });
  });

  it('counts overlap and surface distance of two shifted boxes exactly', () => {
    // 4x4x4-voxel box vs the same box shifted 2 slices (3 mm each) along k.
    const grid = axialGrid([8, 8, 10], [0.5, 0.7, 3]);
    const ref = new Uint8Array(640);
    const test = new Uint8Array(640);
    for (let k = 0; k < 4; k++)
      for (let j = 2; j < 6; j++)
        for (let i = 2; i < 6; i++) {
          ref[i + 8 * (j + 8 * (k + 2))] = 1;
          test[i + 8 * (j + 8 * (k + 4))] = 1;
        }
    const r = compareMasks(ref, test, grid);
    expect(r.dice).toBeCloseTo(0.5, 12);
    expect(r.jaccard).toBeCloseTo(1 / 3, 12);
    expect(r.volumeDifferencePercent).toBe(0);
    // the bottom face of ref is 2 slices (6 mm) from the nearest surface voxel of test
    expect(r.hausdorffMm).toBeCloseTo(6, 5);
    expect(r.hd95Mm).toBeCloseTo(6, 5);
  });

  it('reports volume difference and Hausdorff for concentric spheres', () => {
    const grid = axialGrid([30, 30, 20], [0.6, 0.6, 1.2]);
    const ref = rasterise(grid, sphere([9, 9, 12], 6));
    const test = rasterise(grid, sphere([9, 9, 12], 4));
    const r = compareMasks(ref, test, grid);
    expect(r.hausdorffMm).toBeGreaterThan(1.4);
    expect(r.hausdorffMm).toBeLessThan(2.6);
    expect(r.volumeDifferencePercent).toBeCloseTo(100 * ((4 / 6) ** 3 - 1), -1);
  });

  it('refuses an empty mask', () => {
    const grid = axialGrid([2, 2, 2], [1, 1, 1]);
    expect(() => compareMasks(new Uint8Array(8).fill(1), new Uint8Array(8), grid)).toThrow('test mask is empty');
  });
});
