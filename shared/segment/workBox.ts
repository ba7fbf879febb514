import { subGrid, type IndexBox } from '../volume/crop';
import type { Grid, Vec3 } from '../volume/grid';

/**
 * A sub-box of a grid that the morphology runs in, so operations on a liver or a lesion touch
 * only its neighbourhood instead of a whole 512x512x300 series.
 */
export interface WorkBox {
  box: IndexBox;
  grid: Grid;
}

/** Bounds of the nonzero voxels padded by padMm on every side (per-axis voxels), clamped. */
export function paddedBox(mask: ArrayLike<number>, grid: Grid, padMm: number): WorkBox | null {
  const b = nonzeroBounds(mask, grid.dims);
  if (!b) return null;
  const min = [0, 0, 0] as Vec3;
  const max = [0, 0, 0] as Vec3;
  for (let a = 0; a < 3; a++) {
    const pad = Math.ceil(padMm / grid.spacing[a]!) + 1;
    min[a] = Math.max(0, b.min[a]! - pad);
    max[a] = Math.min(grid.dims[a]! - 1, b.max[a]! + pad);
  }
  const box = { min, max };
  return { box, grid: subGrid(grid, box) };
}

/**
 * Calls fn for each row (j, k) holding a nonzero voxel with its first and last nonzero column; a
 * row is read from its ends inwards and only as far as those two voxels.
 */
export function forEachRowSpan(
  mask: ArrayLike<number>,
  dims: Vec3,
  fn: (j: number, k: number, first: number, last: number) => void,
): void {
  const [nx, ny, nz] = dims;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      let first = 0;
      while (first < nx && !mask[row + first]) first++;
      if (first === nx) continue;
      let last = nx - 1;
      while (!mask[row + last]) last--;
      fn(j, k, first, last);
    }
}

/** Index bounds of the nonzero voxels (as maskBounds for one mask), from their row spans. */
export function nonzeroBounds(mask: ArrayLike<number>, dims: Vec3): IndexBox | null {
  const min: Vec3 = [dims[0], dims[1], dims[2]];
  const max: Vec3 = [-1, -1, -1];
  forEachRowSpan(mask, dims, (j, k, first, last) => {
    if (first < min[0]) min[0] = first;
    if (last > max[0]) max[0] = last;
    if (j < min[1]) min[1] = j;
    if (j > max[1]) max[1] = j;
    if (k < min[2]) min[2] = k;
    max[2] = k;
  });
  return max[0] < 0 ? null : { min, max };
}

/** Copies the box out of a full-grid array into a new array of the box's size. */
export function cropArray<T extends Uint8Array | Float32Array>(
  src: ArrayLike<number>,
  dims: Vec3,
  box: IndexBox,
  out: T,
): T {
  const [nx, ny] = dims;
  const cx = box.max[0] - box.min[0] + 1;
  const cy = box.max[1] - box.min[1] + 1;
  const cz = box.max[2] - box.min[2] + 1;
  let o = 0;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const s = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      for (let i = 0; i < cx; i++) out[o++] = src[s + i]!;
    }
  }
  return out;
}

/** Writes a box-sized mask back into a full-grid mask (voxels outside the box untouched). */
export function pasteMask(crop: Uint8Array, dims: Vec3, box: IndexBox, out: Uint8Array): Uint8Array {
  const [nx, ny] = dims;
  const cx = box.max[0] - box.min[0] + 1;
  const cy = box.max[1] - box.min[1] + 1;
  const cz = box.max[2] - box.min[2] + 1;
  let o = 0;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const d = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      for (let i = 0; i < cx; i++) out[d + i] = crop[o++]!;
    }
  }
  return out;
}

export function boxVoxels(box: IndexBox): number {
  return (box.max[0] - box.min[0] + 1) * (box.max[1] - box.min[1] + 1) * (box.max[2] - box.min[2] + 1);
}
