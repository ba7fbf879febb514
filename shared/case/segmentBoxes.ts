import type { IndexBox } from '../volume/crop';
import type { Vec3 } from '../volume/grid';

/** Bounding box of every nonzero label of a labelmap, in one pass (per-label masks would cost a pass each). */
export function segmentBoxes(data: ArrayLike<number>, dims: Vec3): Map<number, IndexBox> {
  const [nx, ny, nz] = dims;
  const boxes = new Map<number, IndexBox>();
  let n = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, n++) {
        const v = data[n]!;
        if (!v) continue;
        const b = boxes.get(v);
        if (!b) {
          boxes.set(v, { min: [i, j, k], max: [i, j, k] });
          continue;
        }
        if (i < b.min[0]) b.min[0] = i;
        if (i > b.max[0]) b.max[0] = i;
        if (j < b.min[1]) b.min[1] = j;
        if (j > b.max[1]) b.max[1] = j;
        b.max[2] = k;
      }
  return boxes;
}
