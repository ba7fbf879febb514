import type { Grid, Vec3 } from './grid';

/**
 * Boundary faces of a binary mask on the half-step lattice: fine index 2i+1 is voxel centre i,
 * even fine indices are the faces between voxels (0 and 2n are the outer faces of the grid).
 * The voxelised boundary of the mask is exactly the set of faces between an inside voxel and
 * an outside one (or beyond the grid); measuring between face centres instead of voxel centres
 * removes the one-voxel bias of centre-to-centre distances across a boundary.
 */
export function fineGrid(grid: Grid): Grid {
  const [sx, sy, sz] = grid.spacing;
  const d = grid.direction;
  const half: Vec3 = [sx / 2, sy / 2, sz / 2];
  return {
    dims: [2 * grid.dims[0] + 1, 2 * grid.dims[1] + 1, 2 * grid.dims[2] + 1],
    spacing: half,
    // fine index 0 sits half a voxel before voxel centre 0 along every axis
    origin: [
      grid.origin[0] - half[0] * d[0] - half[1] * d[3] - half[2] * d[6],
      grid.origin[1] - half[0] * d[1] - half[1] * d[4] - half[2] * d[7],
      grid.origin[2] - half[0] * d[2] - half[1] * d[5] - half[2] * d[8],
    ],
    direction: [...d],
  };
}

/** Calls visit(voxel, fineFaceIndex) for each exposed face of each mask voxel. */
export function forEachBoundaryFace(
  mask: ArrayLike<number>,
  dims: Vec3,
  visit: (voxel: number, face: number) => void,
): void {
  const [nx, ny, nz] = dims;
  const fx = 2 * nx + 1;
  const fxy = fx * (2 * ny + 1);
  const plane = nx * ny;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * j + plane * k;
        if (!mask[n]) continue;
        const c = 2 * i + 1 + fx * (2 * j + 1) + fxy * (2 * k + 1);
        if (i === 0 || !mask[n - 1]) visit(n, c - 1);
        if (i === nx - 1 || !mask[n + 1]) visit(n, c + 1);
        if (j === 0 || !mask[n - nx]) visit(n, c - fx);
        if (j === ny - 1 || !mask[n + nx]) visit(n, c + fx);
        if (k === 0 || !mask[n - plane]) visit(n, c - fxy);
        if (k === nz - 1 || !mask[n + plane]) visit(n, c + fxy);
      }
    }
  }
}
