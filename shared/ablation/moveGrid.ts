import { applyTransform } from '../volume/registration';
import type { Grid, Vec3 } from '../volume/grid';

/**
 * The grid a rigid transform (row-major 4x4) carries another grid to. A rigid motion of a
 * regular grid is again a regular grid (origin moved, axes rotated, spacing kept), so a
 * registered post-ablation labelmap can be brought into the pre frame by relabelling its
 * geometry and resampling once, with no interpolation before that resampling.
 */
export function moveGrid(grid: Grid, matrix: number[]): Grid {
  const origin = applyTransform(matrix, grid.origin);
  const d = grid.direction;
  const rot = (v: Vec3): Vec3 => [
    matrix[0]! * v[0] + matrix[1]! * v[1] + matrix[2]! * v[2],
    matrix[4]! * v[0] + matrix[5]! * v[1] + matrix[6]! * v[2],
    matrix[8]! * v[0] + matrix[9]! * v[1] + matrix[10]! * v[2],
  ];
  const axes = [rot([d[0], d[1], d[2]]), rot([d[3], d[4], d[5]]), rot([d[6], d[7], d[8]])];
  return { dims: grid.dims, spacing: grid.spacing, origin, direction: axes.flat() as Grid['direction'] };
}
