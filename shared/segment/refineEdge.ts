import type { ScalarVolume } from '../volume/grid';

/**
 * Moves a mask's boundary out to the half-way intensity between the object and what lies beyond.
 * A window test on smoothed intensities leaves out the partial-volume rim (a voxel half in the
 * liver and half in fat reads far below liver); here each voxel just outside the mask joins it
 * when its raw value is closer to the object's reference intensity than to the voxels one step
 * further out in the directions it touches the mask. Done `layers` times; returns a new mask.
 */
export function refineEdge(
  mask: Uint8Array,
  volume: ScalarVolume,
  reference: number,
  layers = 1,
  allowed?: Uint8Array,
): Uint8Array {
  const { data, grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  let current = mask.slice();
  for (let layer = 0; layer < layers; layer++) {
    const next = current.slice();
    let added = 0;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const v = i + nx * j + plane * k;
          if (current[v] || (allowed && !allowed[v])) continue;
          let outerSum = 0;
          let outerCount = 0;
          // For each axis direction: mask on one side, look one step beyond on the other.
          const probe = (inside: number, outer: number, outerValid: boolean, insideValid: boolean) => {
            if (insideValid && current[inside] && outerValid && !current[outer]) {
              outerSum += data[outer]!;
              outerCount++;
            }
          };
          probe(v - 1, v + 1, i < nx - 1, i > 0);
          probe(v + 1, v - 1, i > 0, i < nx - 1);
          probe(v - nx, v + nx, j < ny - 1, j > 0);
          probe(v + nx, v - nx, j > 0, j < ny - 1);
          probe(v - plane, v + plane, k < nz - 1, k > 0);
          probe(v + plane, v - plane, k > 0, k < nz - 1);
          if (outerCount === 0) continue;
          const x = data[v]!;
          const outer = outerSum / outerCount;
          if (Math.abs(x - reference) < Math.abs(x - outer)) {
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
