import { indexToPatient, patientToIndex, voxelCount, type Grid, type Vec3 } from '../volume/grid';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const unit = (a: Vec3): Vec3 => {
  const l = Math.hypot(...a);
  return [a[0] / l, a[1] / l, a[2] / l];
};

/**
 * The voxels of grid inside a closed outline drawn on a viewing plane (patient
 * points, LPS mm, and the plane's normal): voxel centres within half a voxel
 * of the plane whose projection onto it falls inside the polygon (even-odd).
 * Works for any view orientation against any grid, so an outline drawn on an
 * oblique or other-phase view still fills the one slab it was drawn on.
 */
export function fillOutline(grid: Grid, outline: Vec3[], normal: Vec3): { mask: Uint8Array; count: number } {
  const mask = new Uint8Array(voxelCount(grid));
  if (outline.length < 3) return { mask, count: 0 };
  const n = unit(normal);
  // In-plane basis: u across the least aligned grid axis, v completing it.
  const axis: Vec3 = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const u = unit(cross(n, axis));
  const w = cross(n, u);
  const offset = outline.reduce((a, p) => a + dot(p, n), 0) / outline.length;
  const xs = outline.map((p) => dot(p, u));
  const ys = outline.map((p) => dot(p, w));
  const d = grid.direction;
  const axes: Vec3[] = [0, 1, 2].map((a) => [d[3 * a]!, d[3 * a + 1]!, d[3 * a + 2]!] as Vec3);
  // Half the voxel's extent along the normal: one voxel thick whatever the orientation.
  const half = 0.5 * axes.reduce((a, ax, i) => a + Math.abs(dot(ax, n)) * grid.spacing[i]!, 0) + 1e-4;

  const idx = outline.map((p) => patientToIndex(grid, p));
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(Math.min(...idx.map((q) => q[a]!))) - 1));
  const hi = [0, 1, 2].map((a) => Math.min(grid.dims[a]! - 1, Math.ceil(Math.max(...idx.map((q) => q[a]!))) + 1));
  let count = 0;
  for (let k = lo[2]!; k <= hi[2]!; k++)
    for (let j = lo[1]!; j <= hi[1]!; j++)
      for (let i = lo[0]!; i <= hi[0]!; i++) {
        const p = indexToPatient(grid, i, j, k);
        if (Math.abs(dot(p, n) - offset) > half) continue;
        if (!insidePolygon(xs, ys, dot(p, u), dot(p, w))) continue;
        mask[i + grid.dims[0] * (j + grid.dims[1] * k)] = 1;
        count++;
      }
  return { mask, count };
}

/** Even-odd point-in-polygon test (the polygon closes itself). */
export function insidePolygon(xs: number[], ys: number[], x: number, y: number): boolean {
  let inside = false;
  for (let a = 0, b = xs.length - 1; a < xs.length; b = a++) {
    if (ys[a]! > y !== ys[b]! > y && x < ((xs[b]! - xs[a]!) * (y - ys[a]!)) / (ys[b]! - ys[a]!) + xs[a]!)
      inside = !inside;
  }
  return inside;
}
