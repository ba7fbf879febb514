import { signedDistanceMm } from '../volume/distance';
import type { Grid } from '../volume/grid';

/**
 * Shape-based slice interpolation along k (Raya & Udupa 1990; Herman 1992): each annotated
 * slice becomes an in-plane signed distance map in mm (negative inside), every slice between
 * two annotated slices gets the linear blend of the maps of its nearest annotated neighbours
 * below and above, thresholded at 0. Slices outside the annotated range are left as they are.
 *
 * Written here rather than taken from @cornerstonejs/labelmap-interpolation: that package pins
 * Cornerstone 4.x and fetches ITK wasm from a CDN at run time, which an offline workstation on
 * Cornerstone 5 can use neither way.
 */
export function interpolateSlices(
  mask: Uint8Array,
  grid: Grid,
  /** The annotated slice indices; default: every slice with at least one nonzero voxel. */
  annotated?: number[],
): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  if (mask.length !== plane * nz) throw new Error('mask does not match the grid');
  const slices = (annotated ?? nonEmptySlices(mask, plane, nz))
    .filter((k) => Number.isInteger(k) && k >= 0 && k < nz)
    .sort((a, b) => a - b)
    .filter((k, n, all) => n === 0 || all[n - 1] !== k);
  const out = mask.slice();
  if (slices.length < 2) return out;
  // One slice as a grid; the huge k spacing keeps the distance transform's beyond-the-grid
  // padding (which counts as background) from capping in-plane distances.
  const sliceGrid: Grid = { ...grid, dims: [nx, ny, 1], spacing: [grid.spacing[0], grid.spacing[1], 1e9] };
  const cache = new Map<number, Float32Array>();
  const distance = (k: number) => {
    let d = cache.get(k);
    if (!d) {
      d = signedDistanceMm(mask.subarray(k * plane, (k + 1) * plane), sliceGrid);
      cache.set(k, d);
    }
    return d;
  };
  for (let s = 0; s + 1 < slices.length; s++) {
    const a = slices[s]!;
    const b = slices[s + 1]!;
    if (b - a < 2) continue;
    const da = distance(a);
    const db = distance(b);
    // Keep only the two maps in use (allocation-light on long series).
    for (const key of cache.keys()) if (key !== a && key !== b) cache.delete(key);
    for (let k = a + 1; k < b; k++) {
      const w = (k - a) / (b - a);
      const base = k * plane;
      for (let n = 0; n < plane; n++) {
        const x = da[n]!;
        const y = db[n]!;
        // An empty annotated slice has infinite distance everywhere: the shape then ends there.
        const v = Number.isFinite(x) && Number.isFinite(y) ? (1 - w) * x + w * y : Infinity;
        out[base + n] = v < 0 ? 1 : 0;
      }
    }
  }
  return out;
}

function nonEmptySlices(mask: Uint8Array, plane: number, nz: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < nz; k++) {
    const base = k * plane;
    for (let n = 0; n < plane; n++) {
      if (mask[base + n]) {
        out.push(k);
        break;
      }
    }
  }
  return out;
}
