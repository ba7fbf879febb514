import { describe, expect, it } from 'vitest';
import { flatIndex } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import {
  closeMm,
  fillHoles3d,
  fillHolesPerSlice,
  growMm,
  keepComponentsAt,
  keepLargestComponent,
  labelComponents,
  openMm,
  removeSmallComponents,
  shrinkMm,
  smoothMask,
} from './morphology';
import { countOnes } from './testing/testPhantom';

const grid = axialGrid([15, 15, 9], [1, 1, 2]);
const at = (i: number, j: number, k: number) => flatIndex(grid, i, j, k);

function box(lo: [number, number, number], hi: [number, number, number], m = new Uint8Array(15 * 15 * 9)) {
  for (let k = lo[2]; k <= hi[2]; k++)
    for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) m[at(i, j, k)] = 1;
  return m;
}

describe('hole filling', () => {
  it('fills an enclosed cavity in 3D but not a tunnel open to the outside', () => {
    const m = box([2, 2, 1], [10, 10, 7]);
    m[at(5, 5, 4)] = 0; // enclosed
    for (let k = 0; k < 9; k++) m[at(8, 8, k)] = 0; // tunnel through k
    const f = fillHoles3d(m, grid.dims);
    expect(f[at(5, 5, 4)]).toBe(1);
    expect(f[at(8, 8, 4)]).toBe(0);
    // per slice the tunnel is a hole in every slice it crosses
    const s = fillHolesPerSlice(m, grid.dims);
    expect(s[at(8, 8, 4)]).toBe(1);
    expect(s[at(8, 8, 0)]).toBe(0);
    expect(m[at(5, 5, 4)]).toBe(0); // input untouched
  });
});

describe('components', () => {
  it('labels 6-connected components and filters them by size and position', () => {
    const m = box([0, 0, 0], [4, 4, 2]); // 75 voxels = 150 mm3
    box([10, 10, 5], [11, 11, 5], m); // 4 voxels = 8 mm3
    m[at(5, 5, 3)] = 1; // diagonal neighbour of nothing: its own component
    const { sizes } = labelComponents(m, grid.dims);
    expect(sizes.slice(1).sort((a, b) => a - b)).toEqual([1, 4, 75]);
    expect(countOnes(keepLargestComponent(m, grid.dims))).toBe(75);
    expect(countOnes(removeSmallComponents(m, grid, 8))).toBe(79);
    expect(countOnes(keepComponentsAt(m, grid.dims, [at(10, 10, 5)]))).toBe(4);
  });
});

describe('grow, shrink, open, close in mm', () => {
  it('grows by a Euclidean ball honouring anisotropic spacing', () => {
    const m = new Uint8Array(15 * 15 * 9);
    m[at(7, 7, 4)] = 1;
    const g = growMm(m, grid, 2);
    // 1x1x2 mm voxels: within 2 mm: i/j offsets with i^2+j^2 <= 4 in the slice (13) + one voxel above and below
    expect(countOnes(g)).toBe(15);
    expect(g[at(7, 7, 5)]).toBe(1);
    expect(g[at(7, 7, 6)]).toBe(0);
    expect(countOnes(shrinkMm(g, grid, 1))).toBe(5); // centre and its four in-slice neighbours
  });

  it('shrink keeps a mask cut by the grid edge from being eaten from the edge', () => {
    const m = box([0, 0, 0], [14, 14, 8]);
    expect(countOnes(shrinkMm(m, grid, 3))).toBe(m.length);
  });

  it('opening cuts a thin bridge; closing fills a narrow gap', () => {
    const m = box([1, 1, 1], [5, 13, 7]);
    box([9, 1, 1], [13, 13, 7], m);
    box([6, 7, 4], [8, 7, 4], m); // one-voxel bridge
    const o = openMm(m, grid, 1.5);
    expect(o[at(7, 7, 4)]).toBe(0);
    expect(o[at(3, 7, 4)]).toBe(1);
    const gap = box([1, 1, 1], [6, 13, 7]);
    box([8, 1, 1], [13, 13, 7], gap);
    const c = closeMm(gap, grid, 1.5);
    expect(c[at(7, 7, 4)]).toBe(1);
    expect(c[at(0, 7, 4)]).toBe(0);
  });

  it('smoothing removes a single-voxel spike and keeps the bulk', () => {
    const m = box([3, 3, 2], [11, 11, 6]);
    m[at(7, 13, 4)] = 1; // isolated spike
    const s = smoothMask(m, grid, 1);
    expect(s[at(7, 13, 4)]).toBe(0);
    expect(s[at(7, 7, 4)]).toBe(1);
    expect(Math.abs(countOnes(s) - 9 * 9 * 5) / (9 * 9 * 5)).toBeLessThan(0.25);
  });
});
