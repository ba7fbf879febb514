import type { Grid, Vec3 } from '../grid';

/** Small grids shared by the shared/volume tests: axial anisotropic and oblique anisotropic. */
export function axialGrid(dims: Vec3, spacing: Vec3, origin: Vec3 = [0, 0, 0]): Grid {
  return { dims, spacing, origin, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** Rotated about two axes so no grid axis is aligned with the patient axes. */
export function obliqueGrid(dims: Vec3, spacing: Vec3, origin: Vec3 = [0, 0, 0]): Grid {
  const a = Math.PI / 7;
  const b = Math.PI / 5;
  const row: Vec3 = [Math.cos(a), Math.sin(a), 0];
  const col0: Vec3 = [-Math.sin(a), Math.cos(a), 0];
  // tilt column and normal about the row axis
  const col: Vec3 = [col0[0] * Math.cos(b), col0[1] * Math.cos(b), Math.sin(b)];
  const nrm: Vec3 = [
    row[1] * col[2] - row[2] * col[1],
    row[2] * col[0] - row[0] * col[2],
    row[0] * col[1] - row[1] * col[0],
  ];
  return { dims, spacing, origin, direction: [...row, ...col, ...nrm] };
}

/** Mask of voxels whose centre lies inside the patient-space predicate. */
export function rasterise(grid: Grid, inside: (p: Vec3) => boolean): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  const d = grid.direction;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const x = i * grid.spacing[0];
        const y = j * grid.spacing[1];
        const z = k * grid.spacing[2];
        const p: Vec3 = [
          grid.origin[0] + x * d[0] + y * d[3] + z * d[6],
          grid.origin[1] + x * d[1] + y * d[4] + z * d[7],
          grid.origin[2] + x * d[2] + y * d[5] + z * d[8],
        ];
        if (inside(p)) out[i + nx * (j + ny * k)] = 1;
      }
  return out;
}

export function sphere(c: Vec3, r: number): (p: Vec3) => boolean {
  return (p) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2 <= r * r;
}
