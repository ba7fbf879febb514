import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { fillLesionBites, sliceHulls } from './liverLesionFill';

describe('sliceHulls', () => {
  it('fills the notch of an L in its slice and leaves empty slices empty', () => {
    const dims: Vec3 = [10, 10, 2];
    const mask = new Uint8Array(200);
    // An L in slice 0: column i = 1..2 for j = 1..8, row j = 7..8 for i = 1..8.
    for (let j = 1; j <= 8; j++) for (let i = 1; i <= 8; i++) if (i <= 2 || j >= 7) mask[i + 10 * j] = 1;
    const hull = sliceHulls(mask, dims);
    // The hull is the triangle (1,1) (8,7) ... : inside the notch near the diagonal, not beyond it.
    expect(hull[5 + 10 * 6]).toBe(1);
    expect(hull[2 + 10 * 3]).toBe(1);
    expect(hull[7 + 10 * 2]).toBe(0);
    expect(hull[0]).toBe(0);
    for (let n = 0; n < 200; n++) if (mask[n]) expect(hull[n]).toBe(1);
    expect(hull.subarray(100).some((v) => v)).toBe(false);
  });
});

describe('fillLesionBites', () => {
  // A 24 x 24 x 10 "liver" block of voxels 2 mm in a 40 x 40 x 12 box.
  const grid = axialGrid([40, 40, 12], [2, 2, 2]);
  const [nx, ny, nz] = grid.dims;
  const at = (i: number, j: number, k: number) => i + nx * (j + ny * k);
  const block = () => {
    const mask = new Uint8Array(nx * ny * nz);
    for (let k = 1; k < 11; k++) for (let j = 8; j < 32; j++) for (let i = 8; i < 32; i++) mask[at(i, j, k)] = 1;
    return mask;
  };
  const band: [number, number] = [-10, 110];

  it('takes in a bite out of the surface with lesion values, not one with fat', () => {
    const mask = block();
    const values = new Float32Array(mask.length).fill(-100);
    // A 10 x 7 x 6 bite from the face j = 8.
    for (let k = 3; k < 9; k++)
      for (let j = 8; j < 15; j++)
        for (let i = 15; i < 25; i++) {
          mask[at(i, j, k)] = 0;
          values[at(i, j, k)] = 40;
        }
    const withLesion = mask.slice();
    // The liver touches it over its floor, walls and the slices above and below: 304 of 364 faces.
    const added = fillLesionBites(withLesion, values, grid, { band, minContact: 0.5, openMm: 0 });
    expect(added).toBe(10 * 7 * 6);
    expect(withLesion[at(20, 10, 5)]).toBe(1);
    expect(fillLesionBites(mask.slice(), values, grid, { band, minContact: 0.9, openMm: 0 })).toBe(0);
    // Opened by 2 mm, the bite's edges come back once it is taken.
    expect(fillLesionBites(mask.slice(), values, grid, { band, minContact: 0.4, openMm: 2 })).toBeGreaterThan(400);
    const fat = mask.slice();
    expect(
      fillLesionBites(fat, new Float32Array(mask.length).fill(-100), grid, { band, minContact: 0.5, openMm: 2 }),
    ).toBe(0);
    // Blocked voxels (an exclude stroke) stay out.
    const blocked = new Uint8Array(mask.length).fill(1);
    const stroke = mask.slice();
    expect(fillLesionBites(stroke, values, grid, { band, minContact: 0.5, openMm: 2, blocked })).toBe(0);
  });

  it('leaves out tissue the liver touches on one side only, and a thin strip along it', () => {
    const mask = block();
    // An organ of lesion-like value lying against the face i = 31 (outside the hull), and a strip
    // one voxel thick in a shallow dent of the face j = 8.
    const values = new Float32Array(mask.length).fill(-100);
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 32; i < 40; i++) values[at(i, j, k)] = 40;
    for (let k = 1; k < 11; k++)
      for (let i = 10; i < 30; i++) {
        mask[at(i, 8, k)] = 0;
        values[at(i, 8, k)] = 40;
      }
    const out = mask.slice();
    expect(fillLesionBites(out, values, grid, { band, minContact: 0.5, openMm: 3 })).toBe(0);
    expect(out).toEqual(mask);
  });
});
