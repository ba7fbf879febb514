import { describe, expect, it } from 'vitest';
import { flatIndex } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { interpolateSlices } from './interpolate';
import { countOnes } from './testing/testPhantom';

const grid = axialGrid([31, 31, 9], [1, 1, 3]);

function disc(mask: Uint8Array, k: number, ci: number, cj: number, r: number) {
  for (let j = 0; j < 31; j++)
    for (let i = 0; i < 31; i++) if ((i - ci) ** 2 + (j - cj) ** 2 <= r * r) mask[flatIndex(grid, i, j, k)] = 1;
}

describe('interpolateSlices', () => {
  it('blends a small and a large disc into intermediate radii', () => {
    const m = new Uint8Array(31 * 31 * 9);
    disc(m, 0, 15, 15, 4);
    disc(m, 8, 15, 15, 12);
    const out = interpolateSlices(m, grid);
    const area = (k: number) => countOnes(out.subarray(k * 961, (k + 1) * 961));
    // radius grows linearly 4 -> 12: slice 4 has radius ~8
    expect(Math.abs(area(4) - Math.PI * 64) / (Math.PI * 64)).toBeLessThan(0.12);
    for (let k = 1; k < 8; k++) expect(area(k)).toBeGreaterThan(area(k - 1));
    expect(area(0)).toBe(countOnes(m.subarray(0, 961)));
  });

  it('moves a shape that shifts between slices and leaves unannotated ends alone', () => {
    const m = new Uint8Array(31 * 31 * 9);
    disc(m, 2, 11, 15, 6);
    disc(m, 6, 19, 15, 6);
    const out = interpolateSlices(m, grid);
    expect(out[flatIndex(grid, 15, 15, 4)]).toBe(1);
    expect(out[flatIndex(grid, 7, 15, 4)]).toBe(0); // inside the lower disc only
    expect(out[flatIndex(grid, 7, 15, 3)]).toBe(1); // nearer the lower slice it still is
    expect(countOnes(out.subarray(0, 2 * 961))).toBe(0);
    expect(countOnes(out.subarray(7 * 961))).toBe(0);
  });

  it('an explicitly annotated empty slice ends the shape', () => {
    const m = new Uint8Array(31 * 31 * 9);
    disc(m, 0, 15, 15, 6);
    const out = interpolateSlices(m, grid, [0, 4]);
    expect(countOnes(out.subarray(961, 4 * 961))).toBe(0);
  });
});
