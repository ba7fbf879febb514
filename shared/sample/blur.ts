import type { Grid } from '../volume/grid';

/**
 * Separable Gaussian blur in place, sigma given in millimetres per axis so the
 * point-spread function stays physical on anisotropic grids. This is what
 * gives the phantom its partial-volume edges.
 */
export function gaussianBlur(data: Float32Array, grid: Grid, sigmaMm: [number, number, number]): void {
  const [nx, ny, nz] = grid.dims;
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const sigma = sigmaMm[axis]! / grid.spacing[axis]!;
    const len = grid.dims[axis]!;
    if (sigma < 0.05 || len < 2) continue;
    const kernel = gaussianKernel(sigma);
    const radius = (kernel.length - 1) / 2;
    const stride = strides[axis]!;
    const line = new Float32Array(len);
    const lines = (nx * ny * nz) / len;
    for (let l = 0; l < lines; l++) {
      // Start offset of line l: enumerate the two other axes.
      let start: number;
      if (axis === 0) start = l * nx;
      else if (axis === 1) start = (l % nx) + Math.floor(l / nx) * nx * ny;
      else start = l;
      for (let t = 0; t < len; t++) line[t] = data[start + t * stride]!;
      for (let t = 0; t < len; t++) {
        let acc = 0;
        for (let r = -radius; r <= radius; r++) {
          const u = Math.min(len - 1, Math.max(0, t + r)); // clamp: edges repeat
          acc += kernel[r + radius]! * line[u]!;
        }
        data[start + t * stride] = acc;
      }
    }
  }
}

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let r = -radius; r <= radius; r++) {
    const v = Math.exp(-(r * r) / (2 * sigma * sigma));
    k[r + radius] = v;
    sum += v;
  }
  for (let n = 0; n < k.length; n++) k[n]! /= sum;
  return k;
}
