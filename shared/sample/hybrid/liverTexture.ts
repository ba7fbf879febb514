import type { Grid, ScalarVolume } from '../../volume/grid';

/**
 * What the insertion keeps of the real liver: its level (median HU), and its noise texture as
 * each voxel's deviation from the local mean of parenchyma. Parenchyma is the liver minus
 * outliers (vessels, partial volume at the capsule) beyond 3 robust SDs from the median, so
 * vessels neither bias the local mean nor count as noise.
 */
export interface LiverTexture {
  medianHu: number;
  /** SD (HU) of the residual image - local mean over parenchyma voxels. */
  noiseSd: number;
  /** 1 for liver voxels within the parenchyma range. */
  parenchyma: Uint8Array;
  /** image - local parenchyma mean, on every voxel whose box holds parenchyma (else 0). */
  residual: Float32Array;
  /** Local parenchyma mean (HU); NaN where the box holds none. */
  localMean: Float32Array;
  /** Flat indices of parenchyma voxels, for borrowing noise where a lesion covers a vessel. */
  parenchymaIndex: Int32Array;
}

/** Half-width of the local-mean box (mm): wider than the noise grain, narrower than organ shading. */
export const LOCAL_MEAN_RADIUS_MM = 5;

export function measureLiverTexture(image: ScalarVolume, liver: ArrayLike<number>): LiverTexture {
  const { grid, data } = image;
  const n = data.length;
  const values: number[] = [];
  for (let v = 0; v < n; v++) if (liver[v]) values.push(data[v]!);
  if (values.length < 50) throw new Error(`liver mask holds ${values.length} voxels; too few to measure texture`);
  values.sort((a, b) => a - b);
  const median = values[values.length >> 1]!;
  const dev = values.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  const robustSd = Math.max(1, 1.4826 * dev[dev.length >> 1]!);
  const parenchyma = new Uint8Array(n);
  let count = 0;
  for (let v = 0; v < n; v++) {
    if (liver[v] && Math.abs(data[v]! - median) <= 3 * robustSd) {
      parenchyma[v] = 1;
      count++;
    }
  }
  const sum = new Float32Array(n);
  const weight = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    if (parenchyma[v]) {
      sum[v] = data[v]!;
      weight[v] = 1;
    }
  }
  boxSum(sum, grid);
  boxSum(weight, grid);
  const localMean = new Float32Array(n);
  const residual = new Float32Array(n);
  const parenchymaIndex = new Int32Array(count);
  let s2 = 0;
  let c = 0;
  for (let v = 0; v < n; v++) {
    localMean[v] = weight[v]! > 0.5 ? sum[v]! / weight[v]! : NaN;
    residual[v] = Number.isNaN(localMean[v]!) ? 0 : data[v]! - localMean[v]!;
    if (parenchyma[v]) {
      parenchymaIndex[c++] = v;
      s2 += residual[v]! ** 2;
    }
  }
  return { medianHu: median, noiseSd: Math.sqrt(s2 / count), parenchyma, residual, localMean, parenchymaIndex };
}

/** In-place box sum of half-width LOCAL_MEAN_RADIUS_MM (at least one voxel) along each grid axis. */
function boxSum(a: Float32Array, grid: Grid): void {
  const [nx, ny, nz] = grid.dims;
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const len = grid.dims[axis]!;
    const half = Math.max(1, Math.round(LOCAL_MEAN_RADIUS_MM / grid.spacing[axis]!));
    const stride = strides[axis]!;
    const line = new Float64Array(len + 1);
    const lines = (nx * ny * nz) / len;
    for (let l = 0; l < lines; l++) {
      // start offset of line l: enumerate the two other axes
      const base = lineStart(l, axis, grid.dims);
      line[0] = 0;
      for (let p = 0; p < len; p++) line[p + 1] = line[p]! + a[base + p * stride]!;
      for (let p = 0; p < len; p++) {
        const lo = Math.max(0, p - half);
        const hi = Math.min(len, p + half + 1);
        a[base + p * stride] = line[hi]! - line[lo]!;
      }
    }
  }
}

function lineStart(l: number, axis: number, dims: Grid['dims']): number {
  const [nx, ny] = dims;
  if (axis === 0) return l * nx;
  if (axis === 1) return (l % nx) + nx * ny * Math.floor(l / nx);
  return l;
}
