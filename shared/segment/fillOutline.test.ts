import { describe, expect, it } from 'vitest';
import { indexToPatient, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid } from '../volume/testing/testGrids';
import { fillOutline, insidePolygon } from './fillOutline';

const sliceOf = (dims: Vec3, v: number): Vec3 => [
  v % dims[0],
  Math.floor(v / dims[0]) % dims[1],
  Math.floor(v / (dims[0] * dims[1])),
];

describe('fillOutline', () => {
  it('fills the inside of an axial square on the one slice it was drawn on', () => {
    const grid = axialGrid([20, 20, 10], [1, 1, 2.5], [0, 0, 0]);
    const z = 5; // slice 2
    const square: Vec3[] = [
      [4.5, 4.5, z],
      [9.5, 4.5, z],
      [9.5, 9.5, z],
      [4.5, 9.5, z],
    ];
    const { mask, count } = fillOutline(grid, square, [0, 0, 1]);
    expect(count).toBe(25);
    for (let v = 0; v < mask.length; v++)
      if (mask[v]) expect(sliceOf(grid.dims, v)).toEqual([expect.any(Number), expect.any(Number), 2]);
  });

  it('fills a coronal outline across slices', () => {
    const grid = axialGrid([10, 10, 10], [1, 1, 2], [0, 0, 0]);
    const y = 3;
    const rect: Vec3[] = [
      [1.5, y, 1],
      [5.5, y, 1],
      [5.5, y, 9],
      [1.5, y, 9],
    ];
    const { mask, count } = fillOutline(grid, rect, [0, 1, 0]);
    // i 2..5 (4 columns) x k 1..4 (z 2,4,6,8) on row j = 3.
    expect(count).toBe(16);
    for (let v = 0; v < mask.length; v++) if (mask[v]) expect(sliceOf(grid.dims, v)[1]).toBe(3);
  });

  it('fills one voxel-thick slab without holes for an outline on an oblique grid', () => {
    const grid = obliqueGrid([30, 30, 30], [1, 1, 1], [-15, -15, -15]);
    const c = indexToPatient(grid, 15, 15, 15);
    const r = 6;
    const circle: Vec3[] = Array.from({ length: 64 }, (_, n) => {
      const a = (2 * Math.PI * n) / 64;
      return [c[0] + r * Math.cos(a), c[1] + r * Math.sin(a), c[2]];
    });
    const { count } = fillOutline(grid, circle, [0, 0, 1]);
    // Area pi r^2 ~ 113 mm^2; a supercover slab of 1 mm voxels holds between 1 and 2 voxels per mm^2.
    expect(count).toBeGreaterThan(113);
    expect(count).toBeLessThan(2 * 113 * 1.8);
  });

  it('fills nothing for fewer than three points', () => {
    expect(fillOutline(axialGrid([4, 4, 4], [1, 1, 1]), [[0, 0, 0]], [0, 0, 1]).count).toBe(0);
  });
});

describe('insidePolygon', () => {
  it('uses the even-odd rule on a concave outline', () => {
    const xs = [0, 4, 4, 2, 0];
    const ys = [0, 0, 4, 1, 4];
    expect(insidePolygon(xs, ys, 1, 0.5)).toBe(true);
    expect(insidePolygon(xs, ys, 2, 3)).toBe(false);
  });
});
