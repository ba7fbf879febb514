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
import { randomMask, seededRandom } from './testing/randomMasks';
import { nonzeroBounds } from './workBox';
import { maskBounds } from '../volume/crop';
import { squaredDistanceToFeature } from '../volume/distance';

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

/**
 * The flood fills run along rows (scanline) and keepComponentsAt floods from the given voxels
 * only; these plain voxel-by-voxel versions are the definitions they must equal.
 */
function plainFillHoles(mask: Uint8Array, dims: [number, number, number], perSlice: boolean): Uint8Array {
  const [nx, ny, nz] = dims;
  const reached = new Uint8Array(mask.length);
  const queue: number[] = [];
  const reach = (i: number, j: number, k: number) => {
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return;
    const n = i + nx * (j + ny * k);
    if (mask[n] || reached[n]) return;
    reached[n] = 1;
    queue.push(n);
  };
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const border = i === 0 || j === 0 || i === nx - 1 || j === ny - 1 || (!perSlice && (k === 0 || k === nz - 1));
        if (border) reach(i, j, k);
      }
  while (queue.length > 0) {
    const n = queue.pop()!;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    reach(i - 1, j, k);
    reach(i + 1, j, k);
    reach(i, j - 1, k);
    reach(i, j + 1, k);
    if (!perSlice) {
      reach(i, j, k - 1);
      reach(i, j, k + 1);
    }
  }
  return Uint8Array.from(reached, (r) => 1 - r);
}

describe('fast paths equal their plain definitions on random anisotropic masks', () => {
  const shapes: [number, number, number][] = [
    [23, 17, 11],
    [9, 31, 14],
    [40, 6, 5],
  ];
  const seeds = [3, 17, 101, 4242];

  it('scanline hole filling (3D and per slice) equals a voxel-by-voxel flood', () => {
    for (const dims of shapes)
      for (const seed of seeds) {
        // Dense flips make many small holes, pockets and tunnels.
        const m = randomMask(dims, seed, 0.2);
        expect(fillHoles3d(m, dims)).toEqual(plainFillHoles(m, dims, false));
        expect(fillHolesPerSlice(m, dims)).toEqual(plainFillHoles(m, dims, true));
      }
  });

  it('keepComponentsAt equals keeping the labelled components that hold a voxel', () => {
    for (const dims of shapes)
      for (const seed of seeds) {
        const m = randomMask(dims, seed, 0.3);
        const rand = seededRandom(seed);
        const total = m.length;
        const voxels = [-1, total, 2.5, ...Array.from({ length: 6 }, () => Math.floor(rand() * total))];
        const { labels } = labelComponents(m, dims);
        const keep = new Set(voxels.filter((v) => labels[v]).map((v) => labels[v]!));
        const expected = Uint8Array.from(labels, (l) => (keep.has(l) ? 1 : 0));
        expect(keepComponentsAt(m, dims, voxels)).toEqual(expected);
      }
  });

  it('the bounds of the nonzero voxels equal maskBounds', () => {
    for (const dims of shapes)
      for (const seed of seeds) {
        const m = randomMask(dims, seed, 0);
        expect(nonzeroBounds(m, dims)).toEqual(maskBounds([m], dims));
      }
    expect(nonzeroBounds(new Uint8Array(24), [2, 3, 4])).toBeNull();
  });

  it('closing equals the distance-transform definition in a background-padded box', () => {
    const spacing: [number, number, number] = [1.5, 1.5, 2.0100840336134453];
    for (const dims of shapes)
      for (const seed of seeds.slice(0, 2)) {
        const m = randomMask(dims, seed, 0.02);
        const g = axialGrid(dims, spacing);
        for (const mm of [3, 6]) {
          // Definition: pad beyond the grid with background wide enough for grow and shrink.
          const pad = spacing.map((s) => Math.ceil(mm / s) * 2 + 2) as [number, number, number];
          const pd = dims.map((d, a) => d + 2 * pad[a]!) as [number, number, number];
          const pm = new Uint8Array(pd[0] * pd[1] * pd[2]);
          for (let k = 0; k < dims[2]; k++)
            for (let j = 0; j < dims[1]; j++)
              for (let i = 0; i < dims[0]; i++)
                pm[i + pad[0] + pd[0] * (j + pad[1] + pd[1] * (k + pad[2]))] = m[i + dims[0] * (j + dims[1] * k)]!;
          const pg = axialGrid(pd, spacing);
          const r2 = mm * mm + 1e-6;
          const grown = Uint8Array.from(squaredDistanceToFeature(pm, pg, false), (d) => (d <= r2 ? 1 : 0));
          const e2 = squaredDistanceToFeature(grown, pg, true);
          const closed = closeMm(m, g, mm);
          let diff = 0;
          for (let k = 0; k < dims[2]; k++)
            for (let j = 0; j < dims[1]; j++)
              for (let i = 0; i < dims[0]; i++) {
                const p = i + pad[0] + pd[0] * (j + pad[1] + pd[1] * (k + pad[2]));
                diff += closed[i + dims[0] * (j + dims[1] * k)] !== (grown[p] && e2[p]! > r2 ? 1 : 0) ? 1 : 0;
              }
          expect(diff).toBe(0);
        }
      }
  });
});
