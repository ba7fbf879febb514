import { describe, expect, it } from 'vitest';
import { indexToPatient, patientToIndex, voxelVolumeMm3, type Grid } from './grid';

const oblique: Grid = {
  dims: [10, 12, 8],
  spacing: [0.7, 0.8, 2.5],
  origin: [-100, 50, 20],
  // rotated 30 degrees about the patient's S axis
  direction: [
    Math.cos(Math.PI / 6),
    Math.sin(Math.PI / 6),
    0,
    -Math.sin(Math.PI / 6),
    Math.cos(Math.PI / 6),
    0,
    0,
    0,
    1,
  ],
};

describe('grid', () => {
  it('maps index to patient and back on an oblique anisotropic grid', () => {
    const p = indexToPatient(oblique, 3.5, 7, 2);
    const ijk = patientToIndex(oblique, p);
    expect(ijk[0]).toBeCloseTo(3.5, 9);
    expect(ijk[1]).toBeCloseTo(7, 9);
    expect(ijk[2]).toBeCloseTo(2, 9);
    expect(indexToPatient(oblique, 0, 0, 1)[2]).toBeCloseTo(22.5, 9);
  });
  it('voxel volume honours anisotropic spacing', () => {
    expect(voxelVolumeMm3(oblique)).toBeCloseTo(1.4, 12);
  });
});
