import { labelComponents } from '../volume/components';
import { indexToPatient, voxelVolumeMm3, type Grid, type Vec3 } from '../volume/grid';

/** One connected region of a mask, located for a radiologist. */
export interface Region {
  voxels: number;
  volumeMl: number;
  /** Patient position (LPS mm) of the region's centroid. */
  centreLps: Vec3;
  /** First and last slice (0-based k of the grid) the region touches. */
  slices: [number, number];
}

/** The 26-connected regions of a mask, largest first. */
export function regionsOf(mask: ArrayLike<number>, grid: Grid): Region[] {
  const { labels, count, sizes } = labelComponents(mask, grid.dims, 26);
  const [nx, ny] = grid.dims;
  const sum = new Float64Array(3 * count);
  const kMin = new Int32Array(count).fill(2 ** 30);
  const kMax = new Int32Array(count).fill(-1);
  for (let v = 0; v < labels.length; v++) {
    const c = labels[v]!;
    if (!c) continue;
    const i = v % nx;
    const j = Math.floor(v / nx) % ny;
    const k = Math.floor(v / (nx * ny));
    sum[3 * (c - 1)] += i;
    sum[3 * (c - 1) + 1] += j;
    sum[3 * (c - 1) + 2] += k;
    if (k < kMin[c - 1]!) kMin[c - 1] = k;
    if (k > kMax[c - 1]!) kMax[c - 1] = k;
  }
  const ml = voxelVolumeMm3(grid) / 1000;
  const out: Region[] = [];
  for (let c = 0; c < count; c++) {
    const n = sizes[c]!;
    out.push({
      voxels: n,
      volumeMl: n * ml,
      centreLps: indexToPatient(grid, sum[3 * c]! / n, sum[3 * c + 1]! / n, sum[3 * c + 2]! / n),
      slices: [kMin[c]!, kMax[c]!],
    });
  }
  return out.sort((a, b) => b.voxels - a.voxels);
}
