import { describe, expect, it } from 'vitest';
import { indexToPatient, type Grid } from '../volume/grid';
import { rasteriseContours } from './rasteriseContours';
import type { RtContour } from './readRtstruct';

/** A closed planar contour through grid index points (i, j) on slice k, in patient mm. */
function contourOnGrid(grid: Grid, ij: [number, number][], k: number, type = 'CLOSED_PLANAR'): RtContour {
  return {
    geometricType: type,
    points: Float64Array.from(ij.flatMap(([i, j]) => indexToPatient(grid, i, j, k))),
    imageUids: [],
  };
}

const rect = (i0: number, j0: number, i1: number, j1: number): [number, number][] => [
  [i0, j0],
  [i1, j0],
  [i1, j1],
  [i0, j1],
];

const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);

const axial: Grid = {
  dims: [20, 16, 6],
  spacing: [0.7, 1.3, 3],
  origin: [-5, 12, 40],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

describe('rasteriseContours (voxel centre inside the contour on its slice)', () => {
  it('a square of known area on an anisotropic grid gives the voxels whose centres it holds', () => {
    // 14 mm x 13 mm in patient space: centres i = 3..12 (10) by j = 5..9 (5) lie inside.
    const square = contourOnGrid(axial, rect(2.3, 4.7, 12.3, 9.7), 2);
    const r = rasteriseContours([square], axial);
    expect(r.voxels).toBe(50);
    expect(r.placed).toBe(1);
    const [nx, ny] = axial.dims;
    expect(r.mask[3 + nx * (5 + ny * 2)]).toBe(1);
    expect(r.mask[12 + nx * (9 + ny * 2)]).toBe(1);
    expect(r.mask[2 + nx * (5 + ny * 2)]).toBe(0);
    expect(r.mask[13 + nx * (5 + ny * 2)]).toBe(0);
    expect(count(r.mask.subarray(0, nx * ny * 2))).toBe(0);
    // Area 10 voxels x 0.7 mm by 5 x 1.3 mm = the polygon's 7 x 6.5 mm once corners sit on voxel edges.
    const exact = rasteriseContours([contourOnGrid(axial, rect(2.5, 4.5, 12.5, 9.5), 2)], axial);
    expect(exact.voxels * 0.7 * 1.3).toBeCloseTo(10 * 0.7 * 5 * 1.3, 6);
  });

  it('works on an oblique grid with points given in patient coordinates', () => {
    const c = Math.cos(0.4);
    const s = Math.sin(0.4);
    // Rows rotated about the y axis, columns tilted about x: a double-oblique, orthonormal frame.
    const row = [c, 0, -s];
    const col = [s * Math.sin(0.3), Math.cos(0.3), c * Math.sin(0.3)];
    const normal = [
      row[1]! * col[2]! - row[2]! * col[1]!,
      row[2]! * col[0]! - row[0]! * col[2]!,
      row[0]! * col[1]! - row[1]! * col[0]!,
    ];
    const oblique: Grid = {
      dims: [24, 20, 5],
      spacing: [0.9, 0.6, 2.5],
      origin: [30, -40, 7],
      direction: [...row, ...col, ...normal] as Grid['direction'],
    };
    const r = rasteriseContours([contourOnGrid(oblique, rect(1.2, 2.2, 8.8, 11.8), 3)], oblique);
    // i = 2..8 (7) by j = 3..11 (9).
    expect(r.voxels).toBe(63);
    expect(r.notParallel).toBe(0);
    // The same contour seen by an axial grid is not parallel to its slices: left out, and said so.
    const tilted = rasteriseContours([contourOnGrid(oblique, rect(1.2, 2.2, 8.8, 11.8), 3)], axial);
    expect(tilted.voxels).toBe(0);
    expect(tilted.notParallel).toBe(1);
  });

  it('cuts a hole where a contour lies inside another (even-odd, XOR)', () => {
    const outer = contourOnGrid(axial, rect(1.5, 1.5, 15.5, 12.5), 1); // 14 x 11 = 154
    const hole = contourOnGrid(axial, rect(4.5, 4.5, 8.5, 8.5), 1); // 4 x 4 = 16
    const r = rasteriseContours([outer, hole], axial);
    expect(r.voxels).toBe(154 - 16);
    const [nx, ny] = axial.dims;
    expect(r.mask[6 + nx * (6 + ny * 1)]).toBe(0);
    expect(r.mask[3 + nx * (3 + ny * 1)]).toBe(1);
    // Two overlapping contours keep only what one of them covers.
    const a = contourOnGrid(axial, rect(0.5, 0.5, 6.5, 4.5), 4); // 24
    const b = contourOnGrid(axial, rect(3.5, 0.5, 9.5, 4.5), 4); // 24, 12 shared
    expect(rasteriseContours([a, b], axial).voxels).toBe(24 + 24 - 2 * 12);
  });

  it('fills only the slices contoured on this grid, the nearest slices for other planes, and counts the rest', () => {
    // On this grid's slices 0, 2, 4: those slices alone (9 voxels each); 1, 3, 5 have no contour.
    const own = [0, 2, 4].map((k) => contourOnGrid(axial, rect(0.5, 0.5, 3.5, 3.5), k));
    expect(rasteriseContours(own, axial).voxels).toBe(9 * 3);
    // Drawn every 6 mm half way between this grid's slices (another series): each slice takes the nearest.
    const other = [0.5, 2.5, 4.5].map((k) => contourOnGrid(axial, rect(0.5, 0.5, 3.5, 3.5), k));
    const r = rasteriseContours(other, axial);
    expect(r.voxels).toBe(9 * 6);
    expect(r.placed).toBe(3);
    const open = contourOnGrid(axial, rect(0.5, 0.5, 3.5, 3.5), 1, 'OPEN_PLANAR');
    const beyond: RtContour = contourOnGrid(axial, rect(0.5, 0.5, 3.5, 3.5), 9);
    const r2 = rasteriseContours([open, beyond], axial);
    expect(r2).toMatchObject({ voxels: 0, notClosed: 1, offGrid: 1, placed: 0 });
  });
});
