import type { Grid, Vec3 } from './grid';
import { indexToPatient } from './grid';

/** Inclusive voxel index box [min, max] per axis. */
export interface IndexBox {
  min: Vec3;
  max: Vec3;
}

/** Bounding box of the nonzero voxels of any of the masks, or null when all are empty. */
export function maskBounds(masks: ArrayLike<number>[], dims: Vec3): IndexBox | null {
  const [nx, ny] = dims;
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-1, -1, -1];
  for (const m of masks) {
    for (let n = 0; n < m.length; n++) {
      if (!m[n]) continue;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      if (i < min[0]) min[0] = i;
      if (i > max[0]) max[0] = i;
      if (j < min[1]) min[1] = j;
      if (j > max[1]) max[1] = j;
      if (k < min[2]) min[2] = k;
      if (k > max[2]) max[2] = k;
    }
  }
  return max[0] < 0 ? null : { min, max };
}

/** Grows a box by pad voxels on every side, clamped to the grid. */
export function padBox(box: IndexBox, pad: number, dims: Vec3): IndexBox {
  return {
    min: box.min.map((v) => Math.max(0, v - pad)) as Vec3,
    max: box.max.map((v, a) => Math.min(dims[a]! - 1, v + pad)) as Vec3,
  };
}

/** The sub-grid covering box (same spacing and orientation, shifted origin). */
export function subGrid(grid: Grid, box: IndexBox): Grid {
  return {
    dims: [box.max[0] - box.min[0] + 1, box.max[1] - box.min[1] + 1, box.max[2] - box.min[2] + 1],
    spacing: [...grid.spacing],
    origin: indexToPatient(grid, box.min[0], box.min[1], box.min[2]),
    direction: [...grid.direction],
  };
}

/** Binary copy (0/1) of the voxels of box out of a full-grid mask. */
export function cropMask(mask: ArrayLike<number>, dims: Vec3, box: IndexBox): Uint8Array {
  const [nx, ny] = dims;
  const cx = box.max[0] - box.min[0] + 1;
  const cy = box.max[1] - box.min[1] + 1;
  const cz = box.max[2] - box.min[2] + 1;
  const out = new Uint8Array(cx * cy * cz);
  let o = 0;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const src = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      for (let i = 0; i < cx; i++) out[o++] = mask[src + i] ? 1 : 0;
    }
  }
  return out;
}
