import type { Grid } from '../../../../shared/volume/grid';
import { encodeNifti } from '../../../../shared/volume/nifti';
import type { NewCase } from '../caseStore';

/** A small anisotropic, oblique grid: tests must not pass only for axial unit spacing. */
export const TEST_GRID: Grid = {
  dims: [6, 5, 4],
  spacing: [0.7, 0.8, 2.5],
  origin: [-120.5, 80.25, -310],
  direction: [0.8, 0.6, 0, -0.6, 0.8, 0, 0, 0, 1],
};

/** Test helper: labels.nii.gz bytes whose voxels all hold `value`, so versions can be told apart. */
export function makeTestLabels(value: number, grid: Grid = TEST_GRID): Uint8Array {
  const data = new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]).fill(value);
  return encodeNifti({ grid, data }, { gzip: true });
}

/** A minimal case: one portal-venous series as the labelmap's reference. */
export const testCaseInput: NewCase = {
  patient: { name: 'DOE^JANE', id: 'P-001' },
  study: { studyInstanceUid: '1.2.3', description: 'CT LIVER 3 PHASE', date: '20260101' },
  series: [{ seriesInstanceUid: '1.2.3.4', phase: 'portal venous', description: 'PV 1.0', files: [] }],
  referenceSeriesUid: '1.2.3.4',
  segments: [],
  applicators: [],
  notes: '',
};
