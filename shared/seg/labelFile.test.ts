import { describe, expect, it } from 'vitest';
import { indexToPatient, patientToIndex, type Grid, type Vec3 } from '../volume/grid';
import { encodeNifti } from '../volume/nifti';
import { axialGrid, obliqueGrid } from '../volume/testing/testGrids';
import { detectLabelFormat, readLabelFile } from './labelFile';
import { sampleMasks, smallSegInput } from './testing/testSupport';
import { writeSeg } from './writeSeg';

const grid: Grid = {
  dims: [9, 8, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const ones = (a: ArrayLike<number>) => Array.from(a).filter(Boolean).length;

describe('detectLabelFormat', () => {
  it('tells SEG, NIfTI (plain and gzip) and anything else apart by magic numbers', () => {
    expect(detectLabelFormat(writeSeg(smallSegInput(grid, sampleMasks(grid))))).toBe('seg');
    const lm = { grid, data: new Uint8Array(9 * 8 * 6) };
    expect(detectLabelFormat(encodeNifti(lm))).toBe('nifti');
    expect(detectLabelFormat(encodeNifti(lm, { gzip: true }))).toBe('nifti');
    expect(detectLabelFormat(new TextEncoder().encode('hello world'.repeat(50)))).toBeNull();
  });
});

describe('readLabelFile', () => {
  it('reads SEG segments with names, codes and overlaps kept', () => {
    const masks = sampleMasks(grid);
    const f = readLabelFile(writeSeg(smallSegInput(grid, masks)), grid);
    expect(f.format).toBe('seg');
    expect(f.frameOfReferenceUid).toBe('2.25.13');
    expect(f.overlapping).toBe(true);
    expect(f.segments.map((s) => s.name)).toEqual(['liver', 'metastasis', 'hepaticVein']);
    masks.forEach((m, n) => expect(Array.from(f.mask(n))).toEqual(Array.from(m)));
  });

  it('thresholds fractional SEG at 0.5', () => {
    const masks = sampleMasks(grid).map((m) => m.map((v, i) => (v ? (i % 2 ? 200 : 100) : 0)));
    const f = readLabelFile(writeSeg(smallSegInput(grid, masks, 'PROBABILITY')), grid);
    masks.forEach((m, n) => expect(Array.from(f.mask(n))).toEqual(Array.from(m, (v) => (v >= 128 ? 1 : 0))));
  });

  it('resamples SEG frames of another grid into the reference grid by patient position', () => {
    // The SEG's grid starts one column and one slice further on: its voxel (i, j, k) is ours (i+1, j, k+1).
    const shifted: Grid = { ...grid, origin: [-3 + 0.8, -2, 10 + 2.5] };
    const masks = sampleMasks(shifted);
    const f = readLabelFile(writeSeg(smallSegInput(shifted, masks)), grid);
    for (let k = 0; k < 6; k++)
      for (let j = 0; j < 8; j++)
        for (let i = 0; i < 9; i++) {
          const inside = i >= 1 && k >= 1;
          const expected = inside ? masks[0]![i - 1 + 9 * (j + 8 * (k - 1))] : 0;
          expect(f.mask(0)[i + 9 * (j + 8 * k)]).toBe(expected);
        }
  });

  it('places a NIfTI (RAS on disk) by its affine: the same patient point carries the label', () => {
    const source = obliqueGrid([10, 9, 8], [1.1, 1.3, 1.7], [-4, 3, 2]);
    const target = axialGrid([20, 20, 16], [1, 1, 1], [-12, -8, -6]);
    const data = new Uint8Array(10 * 9 * 8);
    for (let k = 2; k < 6; k++) for (let j = 2; j < 7; j++) for (let i = 3; i < 8; i++) data[i + 10 * (j + 9 * k)] = 5;
    const f = readLabelFile(encodeNifti({ grid: source, data }, { gzip: true }), target);
    expect(f.segments).toEqual([{ number: 5, name: 'Label 5' }]);
    const mask = f.mask(0);
    expect(ones(mask)).toBeGreaterThan(0);
    // Every labelled target voxel maps back into the labelled source box (nearest neighbour).
    for (let v = 0; v < mask.length; v++) {
      if (!mask[v]) continue;
      const ijk: Vec3 = [v % 20, Math.floor(v / 20) % 20, Math.floor(v / 400)];
      const s = patientToIndex(source, indexToPatient(target, ...ijk)).map(Math.round);
      expect(data[s[0]! + 10 * (s[1]! + 9 * s[2]!)]).toBe(5);
    }
  });

  it('reads a hand-written RAS sform as LPS (x and y flip)', () => {
    const bytes = encodeNifti({ grid: axialGrid([2, 1, 1], [1, 1, 1]), data: Uint8Array.from([3, 4]) });
    const view = new DataView(bytes.buffer);
    // srow_x, srow_y, srow_z: identity RAS axes, voxel (0,0,0) at RAS (10, 20, 30).
    [1, 0, 0, 10, 0, 1, 0, 20, 0, 0, 1, 30].forEach((v, n) => view.setFloat32(280 + 4 * n, v, true));
    const target = axialGrid([4, 4, 1], [1, 1, 1], [-12, -22, 30]);
    const f = readLabelFile(bytes, target);
    // RAS (10,20,30) = LPS (-10,-20,30) = target (2,2,0); RAS +x is LPS -x, so voxel 1 lands at (1,2,0).
    expect(f.mask(0)[2 + 4 * 2]).toBe(1);
    expect(f.mask(1)[1 + 4 * 2]).toBe(1);
    expect(ones(f.mask(0)) + ones(f.mask(1))).toBe(2);
  });

  it('refuses bytes that are neither', () => {
    expect(() => readLabelFile(new Uint8Array(10), grid)).toThrow(/neither/);
  });
});
