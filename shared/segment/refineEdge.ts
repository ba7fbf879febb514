import type { IndexBox } from '../volume/crop';
import type { ScalarVolume } from '../volume/grid';

/**
 * Moves a mask's boundary out to the half-way intensity between the object and what lies beyond.
 * A window test on smoothed intensities leaves out the partial-volume rim (a voxel half in the
 * liver and half in fat reads far below liver); here each voxel just outside the mask joins it
 * when its raw value is closer to the object's reference intensity than to the voxels one step
 * further out in the directions it touches the mask, and lies between the two (within `slack`,
 * the noise). Done `layers` times; returns a new mask.
 * With `box`, only voxels inside it are considered (the mask must be empty outside it).
 * `outerSteps` > 1 compares with the voxel that many steps out instead: on voxels small against
 * the image blur, the next voxel out is itself a partial-volume voxel.
 */
export function refineEdge(
  mask: Uint8Array,
  volume: ScalarVolume,
  reference: number,
  layers = 1,
  allowed?: Uint8Array,
  box?: IndexBox,
  outerSteps = 1,
  slack = Infinity,
): Uint8Array {
  const { data, grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const t = Math.max(1, Math.round(outerSteps));
  const lo = box ? box.min : [0, 0, 0];
  const hi = box ? box.max : [nx - 1, ny - 1, nz - 1];
  let current = mask.slice();
  for (let layer = 0; layer < layers; layer++) {
    const next = current.slice();
    let added = 0;
    for (let k = lo[2]!; k <= hi[2]!; k++) {
      for (let j = lo[1]!; j <= hi[1]!; j++) {
        for (let i = lo[0]!; i <= hi[0]!; i++) {
          const v = i + nx * j + plane * k;
          if (current[v] || (allowed && !allowed[v])) continue;
          if (joins(current, data, grid.dims, v, i, j, k, t, reference, slack)) {
            next[v] = 1;
            added++;
          }
        }
      }
    }
    current = next;
    if (added === 0) break;
  }
  return current;
}

/**
 * One layer of refineEdge over the given voxels only, in place: the voxels a caller knows hold
 * every voxel just outside the boundary (after upsampling a coarse mask: the fine voxels whose
 * interpolation cell was mixed). On a 512x512x300 series this visits the liver's shell rather
 * than its whole box, and copies nothing of the volume's size. Returns the voxels added.
 */
export function refineEdgeAt(
  mask: Uint8Array,
  volume: ScalarVolume,
  reference: number,
  candidates: ArrayLike<number>,
  outerSteps = 1,
  slack = Infinity,
): number {
  const { data, grid } = volume;
  const [nx, ny] = grid.dims;
  const plane = nx * ny;
  const t = Math.max(1, Math.round(outerSteps));
  const joining: number[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const v = candidates[c]!;
    if (mask[v]) continue;
    const i = v % nx;
    const j = ((v - i) / nx) % ny;
    const k = Math.floor(v / plane);
    if (joins(mask, data, grid.dims, v, i, j, k, t, reference, slack)) joining.push(v);
  }
  for (const v of joining) mask[v] = 1;
  return joining.length;
}

/** Whether voxel v, outside the mask, is a partial-volume voxel of the object (see refineEdge). */
function joins(
  current: Uint8Array,
  data: ScalarVolume['data'],
  dims: readonly number[],
  v: number,
  i: number,
  j: number,
  k: number,
  t: number,
  reference: number,
  slack: number,
): boolean {
  const nx = dims[0]!;
  const ny = dims[1]!;
  const nz = dims[2]!;
  const plane = nx * ny;
  let outerSum = 0;
  let outerCount = 0;
  // For each axis direction: mask on one side, look one step beyond on the other.
  if (i >= t && i < nx - t) {
    if (current[v - 1] && !current[v + 1]) {
      outerSum += data[v + t]!;
      outerCount++;
    }
    if (current[v + 1] && !current[v - 1]) {
      outerSum += data[v - t]!;
      outerCount++;
    }
  }
  if (j >= t && j < ny - t) {
    if (current[v - nx] && !current[v + nx]) {
      outerSum += data[v + t * nx]!;
      outerCount++;
    }
    if (current[v + nx] && !current[v - nx]) {
      outerSum += data[v - t * nx]!;
      outerCount++;
    }
  }
  if (k >= t && k < nz - t) {
    if (current[v - plane] && !current[v + plane]) {
      outerSum += data[v + t * plane]!;
      outerCount++;
    }
    if (current[v + plane] && !current[v - plane]) {
      outerSum += data[v - t * plane]!;
      outerCount++;
    }
  }
  if (outerCount === 0) return false;
  const x = data[v]!;
  const outer = outerSum / outerCount;
  // A partial-volume voxel lies between the object and what is beyond it: muscle darker
  // than the liver with a rib beyond is closer to the liver than to bone, but no mix of them.
  // (`slack` allows for noise: a liver voxel may read a little past the reference.)
  const between = outer > reference ? x >= reference - slack : x <= reference + slack;
  return between && Math.abs(x - reference) < Math.abs(x - outer);
}
