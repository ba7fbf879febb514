/**
 * A regular voxel grid placed in patient space (DICOM LPS, millimetres).
 *
 * Index convention used everywhere in LiverPlan: voxel (i, j, k) lives at
 * flat offset i + j*nx + k*nx*ny, where i runs along the image rows (the
 * "row direction" = first three ImageOrientationPatient values, i.e. across
 * columns), j runs down the image (column direction) and k runs along the
 * slice normal in order of increasing position. spacing[0] is therefore the
 * column spacing (PixelSpacing[1]) and spacing[1] the row spacing
 * (PixelSpacing[0]); spacing[2] comes from the slice positions.
 */
export type Vec3 = [number, number, number];

export interface Grid {
  /** [nx, ny, nz] = [columns, rows, slices]. */
  dims: Vec3;
  /** Millimetres between voxel centres along i, j, k. */
  spacing: Vec3;
  /** Patient position (LPS mm) of the centre of voxel (0,0,0). */
  origin: Vec3;
  /** Row cosines, column cosines, normal: 9 numbers, each triple a unit vector. */
  direction: [number, number, number, number, number, number, number, number, number];
}

export type LabelArray = Uint8Array | Uint16Array;
export type ScalarArray = Float32Array | Int16Array | Uint16Array | Int32Array | Uint8Array;

/** Image intensities (CT in HU after rescale) on a grid. */
export interface ScalarVolume {
  grid: Grid;
  data: ScalarArray;
}

/** Integer labels on a grid; 0 is background. */
export interface Labelmap {
  grid: Grid;
  data: LabelArray;
}

export function voxelCount(grid: Grid): number {
  return grid.dims[0] * grid.dims[1] * grid.dims[2];
}

export function voxelVolumeMm3(grid: Grid): number {
  return grid.spacing[0] * grid.spacing[1] * grid.spacing[2];
}

export function flatIndex(grid: Grid, i: number, j: number, k: number): number {
  return i + grid.dims[0] * (j + grid.dims[1] * k);
}

/** Patient LPS position (mm) of the centre of voxel (i, j, k); fractional indices allowed. */
export function indexToPatient(grid: Grid, i: number, j: number, k: number): Vec3 {
  const d = grid.direction;
  const x = i * grid.spacing[0];
  const y = j * grid.spacing[1];
  const z = k * grid.spacing[2];
  return [
    grid.origin[0] + x * d[0] + y * d[3] + z * d[6],
    grid.origin[1] + x * d[1] + y * d[4] + z * d[7],
    grid.origin[2] + x * d[2] + y * d[5] + z * d[8],
  ];
}

/**
 * Continuous voxel index of a patient point. Assumes orthonormal direction
 * cosines, which holds for every grid we build (tilted acquisitions are
 * resampled before they become a Grid).
 */
export function patientToIndex(grid: Grid, p: Vec3): Vec3 {
  const d = grid.direction;
  const v: Vec3 = [p[0] - grid.origin[0], p[1] - grid.origin[1], p[2] - grid.origin[2]];
  return [
    (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / grid.spacing[0],
    (v[0] * d[3] + v[1] * d[4] + v[2] * d[5]) / grid.spacing[1],
    (v[0] * d[6] + v[1] * d[7] + v[2] * d[8]) / grid.spacing[2],
  ];
}

export function sameGrid(a: Grid, b: Grid, toleranceMm = 1e-3): boolean {
  for (let n = 0; n < 3; n++) {
    if (a.dims[n] !== b.dims[n]) return false;
    if (Math.abs(a.spacing[n] - b.spacing[n]) > toleranceMm) return false;
    if (Math.abs(a.origin[n] - b.origin[n]) > toleranceMm) return false;
  }
  for (let n = 0; n < 9; n++) if (Math.abs(a.direction[n] - b.direction[n]) > 1e-4) return false;
  return true;
}

export const AXIAL_DIRECTION: Grid['direction'] = [1, 0, 0, 0, 1, 0, 0, 0, 1];
