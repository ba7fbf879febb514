import { describe, expect, it } from 'vitest';
import { indexToPatient } from './grid';
import { decodeNifti, decodeNiftiLabelmap, encodeNifti } from './nifti';
import { axialGrid, obliqueGrid } from './testing/testGrids';

describe('NIfTI-1', () => {
  it('round-trips an oblique anisotropic labelmap through .nii.gz', () => {
    const grid = obliqueGrid([5, 4, 3], [0.7, 0.9, 2.5], [-120.5, 33.25, 410]);
    const data = new Uint8Array(60).map((_, n) => n % 7);
    const back = decodeNiftiLabelmap(encodeNifti({ grid, data }, { gzip: true }));
    expect(Array.from(back.data)).toEqual(Array.from(data));
    expect(back.data).toBeInstanceOf(Uint8Array);
    for (const [i, j, k] of [
      [0, 0, 0],
      [4, 3, 2],
      [2, 1, 1],
    ] as const) {
      const a = indexToPatient(grid, i, j, k);
      const b = indexToPatient(back.grid, i, j, k);
      for (let c = 0; c < 3; c++) expect(b[c]).toBeCloseTo(a[c]!, 3);
    }
  });

  it('writes RAS: the LPS x and y axes are negated in the sform', () => {
    const grid = axialGrid([2, 2, 2], [0.5, 0.75, 3], [10, 20, 30]);
    const bytes = encodeNifti({ grid, data: new Int16Array(8) });
    const v = new DataView(bytes.buffer);
    expect(v.getFloat32(280, true)).toBeCloseTo(-0.5, 6); // srow_x[0]
    expect(v.getFloat32(292, true)).toBeCloseTo(-10, 6); // srow_x[3]
    expect(v.getFloat32(300, true)).toBeCloseTo(-0.75, 6); // srow_y[1]
    expect(v.getFloat32(308, true)).toBeCloseTo(-20, 6);
    expect(v.getFloat32(320, true)).toBeCloseTo(3, 6);
    expect(v.getFloat32(324, true)).toBeCloseTo(30, 6);
  });

  it('reads the qform when there is no sform, including a left-handed grid (qfac -1)', () => {
    const g = obliqueGrid([3, 3, 2], [1.1, 0.8, 1.9], [5, -6, 7]);
    const d = g.direction;
    // flip the slice axis: left-handed
    const flipped = { ...g, direction: [...d.slice(0, 6), -d[6], -d[7], -d[8]] as typeof d };
    const data = Float32Array.from({ length: 18 }, (_, n) => n - 4.5);
    const bytes = encodeNifti({ grid: flipped, data });
    new DataView(bytes.buffer).setInt16(254, 0, true); // drop the sform
    const back = decodeNifti(bytes);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    for (let n = 0; n < 9; n++) expect(back.grid.direction[n]).toBeCloseTo(flipped.direction[n]!, 5);
    for (let n = 0; n < 3; n++) {
      expect(back.grid.spacing[n]).toBeCloseTo(flipped.spacing[n]!, 5);
      expect(back.grid.origin[n]).toBeCloseTo(flipped.origin[n]!, 4);
    }
  });

  it('applies scl_slope/inter and keeps Uint16 labels', () => {
    const grid = axialGrid([2, 1, 1], [1, 1, 1]);
    const bytes = encodeNifti({ grid, data: new Int16Array([10, 20]) });
    const v = new DataView(bytes.buffer);
    v.setFloat32(112, 2, true);
    v.setFloat32(116, -1024, true);
    expect(Array.from(decodeNifti(bytes).data)).toEqual([-1004, -984]);
    const labels = decodeNiftiLabelmap(encodeNifti({ grid, data: new Uint16Array([0, 300]) }));
    expect(labels.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(labels.data)).toEqual([0, 300]);
  });

  it('rejects files that are not NIfTI-1', () => {
    expect(() => decodeNifti(new Uint8Array(400))).toThrow('not a NIfTI-1 file');
  });
});
