import type { ScalarVolume } from '../volume/grid';

/**
 * A sampler returning the mean intensity of the box of voxels within radiusMm of a voxel (per-axis
 * half-widths from the spacing, at least the voxel itself). Computed on demand rather than as a
 * smoothed copy of the series, so region growing on a 512x512x300 volume only pays for the
 * voxels it reaches. radiusMm 0 returns the raw voxel.
 */
export function createLocalMean(volume: ScalarVolume, radiusMm: number): (n: number) => number {
  const { data, grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const [rx, ry, rz] = grid.spacing.map((s) => Math.floor(radiusMm / s + 1e-6)) as [number, number, number];
  if (rx + ry + rz === 0) return (n) => data[n]!;
  return (n) => {
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = Math.floor(n / plane);
    const i0 = i > rx ? i - rx : 0;
    const i1 = i + rx < nx ? i + rx : nx - 1;
    const j0 = j > ry ? j - ry : 0;
    const j1 = j + ry < ny ? j + ry : ny - 1;
    const k0 = k > rz ? k - rz : 0;
    const k1 = k + rz < nz ? k + rz : nz - 1;
    let sum = 0;
    for (let kk = k0; kk <= k1; kk++) {
      for (let jj = j0; jj <= j1; jj++) {
        const row = jj * nx + kk * plane;
        for (let ii = i0; ii <= i1; ii++) sum += data[row + ii]!;
      }
    }
    return sum / ((i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1));
  };
}

/** Voxels whose centre lies within radiusMm of voxel n (a ball in mm on any spacing). */
export function voxelsWithin(grid: ScalarVolume['grid'], n: number, radiusMm: number): number[] {
  const out: number[] = [];
  forEachWithin(grid, n, radiusMm, (m) => out.push(m));
  return out;
}

/**
 * Calls visit for each voxel voxelsWithin gives, in the same order, without building the list: a
 * 130 mm ball on a 2 mm grid holds ~1.8 M voxels, and the array cost a grow 0.3 s.
 */
export function forEachWithin(
  grid: ScalarVolume['grid'],
  n: number,
  radiusMm: number,
  visit: (m: number) => void,
): void {
  const [nx, ny, nz] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const i = n % nx;
  const j = ((n - i) / nx) % ny;
  const k = Math.floor(n / (nx * ny));
  const rx = Math.floor(radiusMm / sx);
  const ry = Math.floor(radiusMm / sy);
  const rz = Math.floor(radiusMm / sz);
  const r2 = radiusMm * radiusMm + 1e-6;
  for (let kk = Math.max(0, k - rz); kk <= Math.min(nz - 1, k + rz); kk++) {
    for (let jj = Math.max(0, j - ry); jj <= Math.min(ny - 1, j + ry); jj++) {
      for (let ii = Math.max(0, i - rx); ii <= Math.min(nx - 1, i + rx); ii++) {
        const d2 = ((ii - i) * sx) ** 2 + ((jj - j) * sy) ** 2 + ((kk - k) * sz) ** 2;
        if (d2 <= r2) visit(ii + nx * (jj + ny * kk));
      }
    }
  }
}

/** Mean and standard deviation of sample(v) over the voxels. */
export function meanSd(voxels: number[], sample: (n: number) => number): { mean: number; sd: number } {
  let s = 0;
  let s2 = 0;
  for (const v of voxels) {
    const x = sample(v);
    s += x;
    s2 += x * x;
  }
  const m = voxels.length ? s / voxels.length : NaN;
  const variance = voxels.length > 1 ? Math.max(0, (s2 - s * m) / (voxels.length - 1)) : 0;
  return { mean: m, sd: Math.sqrt(variance) };
}

/** Median of sample(v) over the voxels (robust to a vessel or a lesion edge in the neighbourhood). */
export function median(voxels: ArrayLike<number>, sample: (n: number) => number): number {
  const len = voxels.length;
  if (len === 0) return NaN;
  const values = new Float64Array(len);
  for (let t = 0; t < len; t++) values[t] = sample(voxels[t]!);
  const h = len >> 1;
  const upper = selectKth(values, len, h);
  if (len % 2) return upper;
  // The lower middle is the largest value left of the upper one after the partition.
  let lower = -Infinity;
  for (let t = 0; t < h; t++) if (values[t]! > lower) lower = values[t]!;
  return (lower + upper) / 2;
}

/**
 * Like createLocalMean but the median of the box: as quiet as the mean on noise, yet a voxel
 * just inside an organ edge keeps the organ's value (most of its box lies inside), so a window
 * test on it does not eat a rim off the organ.
 */
export function createLocalMedian(volume: ScalarVolume, radiusMm: number): (n: number) => number {
  const { data, grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  // Nearest whole number of voxels per axis, so a 1.5 mm radius on 2.5 mm slices still spans three.
  const [rx, ry, rz] = grid.spacing.map((s) => Math.round(radiusMm / s)) as [number, number, number];
  if (rx + ry + rz === 0) return (n) => data[n]!;
  const buf = new Float64Array((2 * rx + 1) * (2 * ry + 1) * (2 * rz + 1));
  return (n) => {
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = Math.floor(n / plane);
    let len = 0;
    for (let kk = Math.max(0, k - rz); kk <= Math.min(nz - 1, k + rz); kk++) {
      for (let jj = Math.max(0, j - ry); jj <= Math.min(ny - 1, j + ry); jj++) {
        const row = jj * nx + kk * plane;
        for (let ii = Math.max(0, i - rx); ii <= Math.min(nx - 1, i + rx); ii++) buf[len++] = data[row + ii]!;
      }
    }
    return selectMedian(buf, len);
  };
}

/** Median of the first len values by quickselect (reorders buf). */
function selectMedian(buf: Float64Array, len: number): number {
  return selectKth(buf, len, len >> 1);
}

/**
 * The kth smallest of the first len values by quickselect (Hoare partition); reorders buf so
 * that every value left of position kth is no larger than it.
 */
function selectKth(buf: Float64Array, len: number, kth: number): number {
  let lo = 0;
  let hi = len - 1;
  while (hi > lo) {
    const pivot = buf[(lo + hi) >> 1]!;
    let a = lo;
    let b = hi;
    while (a <= b) {
      while (buf[a]! < pivot) a++;
      while (buf[b]! > pivot) b--;
      if (a <= b) {
        const t = buf[a]!;
        buf[a++] = buf[b]!;
        buf[b--] = t;
      }
    }
    if (kth <= b) hi = b;
    else if (kth >= a) lo = a;
    else break;
  }
  return buf[kth]!;
}

/**
 * Box mean of a whole (cropped) array with half-widths r (voxels) per axis, by running sums
 * along each axis in turn: O(voxels) whatever the radius. Edges average over the part of the
 * box inside the array. Returns a new array.
 */
export function boxMeanArray(
  data: ArrayLike<number>,
  dims: [number, number, number],
  r: [number, number, number],
): Float32Array {
  const out = Float32Array.from(data as ArrayLike<number>);
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  const line = new Float64Array(Math.max(nx, ny, nz));
  for (let a = 0; a < 3; a++) {
    const ra = r[a]!;
    const len = dims[a]!;
    if (ra <= 0 || len < 2) continue;
    const stride = strides[a]!;
    const lines = out.length / len;
    for (let l = 0; l < lines; l++) {
      const start = a === 0 ? l * nx : a === 1 ? (l % nx) + Math.floor(l / nx) * nx * ny : l;
      for (let t = 0; t < len; t++) line[t] = out[start + t * stride]!;
      // Window [t - ra, t + ra] clipped to the line.
      let sum = 0;
      for (let t = 0; t <= Math.min(ra, len - 1); t++) sum += line[t]!;
      for (let t = 0; t < len; t++) {
        const lo = Math.max(0, t - ra);
        const hi = Math.min(len - 1, t + ra);
        out[start + t * stride] = sum / (hi - lo + 1);
        if (t + ra + 1 < len) sum += line[t + ra + 1]!;
        if (t - ra >= 0) sum -= line[t - ra]!;
      }
    }
  }
  return out;
}

/**
 * Half-sample mode (Bickel & Fruehwirth 2006) of sorted values: repeatedly keep the half of the
 * sample spanning the shortest interval; the densest value of the largest cluster.
 */
export function halfSampleMode(sorted: Float64Array): number {
  if (sorted.length === 0) return NaN;
  let lo = 0;
  let n = sorted.length;
  while (n > 3) {
    const h = Math.ceil(n / 2);
    let best = lo;
    let width = Infinity;
    for (let s = lo; s + h - 1 < lo + n; s++) {
      const w = sorted[s + h - 1]! - sorted[s]!;
      if (w < width) {
        width = w;
        best = s;
      }
    }
    lo = best;
    n = h;
  }
  if (n === 3) {
    const a = sorted[lo + 1]! - sorted[lo]!;
    const b = sorted[lo + 2]! - sorted[lo + 1]!;
    return a < b
      ? (sorted[lo]! + sorted[lo + 1]!) / 2
      : a > b
        ? (sorted[lo + 1]! + sorted[lo + 2]!) / 2
        : sorted[lo + 1]!;
  }
  return n === 2 ? (sorted[lo]! + sorted[lo + 1]!) / 2 : sorted[lo]!;
}
