import type { Vec3 } from './grid';

/**
 * Surface voxels of a mask: the mask minus its 6-connected erosion. Voxels on the grid edge
 * count as surface (beyond the grid is background).
 */
export function extractSurface(mask: ArrayLike<number>, dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * j + plane * k;
        if (!mask[n]) continue;
        const interior =
          i > 0 &&
          i < nx - 1 &&
          j > 0 &&
          j < ny - 1 &&
          k > 0 &&
          k < nz - 1 &&
          mask[n - 1] &&
          mask[n + 1] &&
          mask[n - nx] &&
          mask[n + nx] &&
          mask[n - plane] &&
          mask[n + plane];
        if (!interior) out[n] = 1;
      }
    }
  }
  return out;
}
