import type { Grid, Vec3 } from '../volume/grid';

/** A plane in patient space: the points p with normal . p = offset (normal of unit length, LPS). */
export interface Plane {
  normal: Vec3;
  offset: number;
}

/** One cut of a split: three points in LPS mm and the side of their plane that is kept. */
export interface SplitPlane {
  points: [Vec3, Vec3, Vec3];
  /** 'positive': the side the normal (b - a) x (c - a) points to. */
  keep: 'positive' | 'negative';
}

/**
 * Three points closer to one line than this (mm, the area of their parallelogram over the longest
 * side) give no reliable plane: a click pair on the same spot, or three clicks along one line.
 */
const MIN_SPREAD_MM = 1;

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** The plane through three points; throws when they (nearly) lie on one line. */
export function planeFromPoints(a: Vec3, b: Vec3, c: Vec3): Plane {
  const ab = sub(b, a);
  const ac = sub(c, a);
  const n = cross(ab, ac);
  const area = Math.hypot(...n);
  const longest = Math.max(Math.hypot(...ab), Math.hypot(...ac), Math.hypot(...sub(c, b)));
  if (!(longest > 0) || area / longest < MIN_SPREAD_MM)
    throw new Error('the three points lie on one line: place them apart, not in a row');
  const normal: Vec3 = [n[0] / area, n[1] / area, n[2] / area];
  return { normal, offset: dot(normal, a) };
}

/** Signed distance (mm) of a patient point from the plane, positive on the normal's side. */
export function planeDistanceMm(plane: Plane, p: Vec3): number {
  return dot(plane.normal, p) - plane.offset;
}

/** The normal pointing into the kept side. */
export function keptPlane(cut: SplitPlane): Plane {
  const p = planeFromPoints(...cut.points);
  if (cut.keep === 'positive') return p;
  return { normal: [-p.normal[0], -p.normal[1], -p.normal[2]], offset: -p.offset };
}

/**
 * The voxels of mask (any nonzero value) whose centres lie on the kept side of every cut: a pure
 * geometric split, so it follows every later edit of the mask. A centre exactly on a plane is kept,
 * so two complementary splits never lose a voxel. The signed distance is linear in the voxel index
 * (direction cosines and spacing fold into three steps), so any grid orientation and spacing works.
 */
export function splitMask(mask: ArrayLike<number>, grid: Grid, cuts: readonly SplitPlane[]): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  if (mask.length !== nx * ny * nz) throw new Error(`mask has ${mask.length} voxels, grid ${nx * ny * nz}`);
  const out = new Uint8Array(mask.length);
  const planes = cuts.map(keptPlane);
  const d = grid.direction;
  const steps = planes.map(({ normal: n }) =>
    [0, 1, 2].map((axis) => grid.spacing[axis]! * dot(n, [d[3 * axis]!, d[3 * axis + 1]!, d[3 * axis + 2]!])),
  );
  const starts = planes.map((p) => planeDistanceMm(p, grid.origin));
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        if (!mask[row + i]) continue;
        let inside = true;
        for (let p = 0; p < planes.length && inside; p++) {
          const s = steps[p]!;
          inside = starts[p]! + i * s[0]! + j * s[1]! + k * s[2]! >= -1e-9;
        }
        if (inside) out[row + i] = 1;
      }
    }
  return out;
}

/** Patient words for the kept side of a cut ("patient right"), from its normal's main axis (LPS). */
export function keptSideWords(cut: SplitPlane): string {
  const { normal } = keptPlane(cut);
  const axis = [0, 1, 2].reduce((best, a) => (Math.abs(normal[a]!) > Math.abs(normal[best]!) ? a : best), 0);
  const positive = normal[axis]! > 0;
  const words = [
    ['patient left', 'patient right'],
    ['posterior', 'anterior'],
    ['superior', 'inferior'],
  ][axis]!;
  return positive ? words[0]! : words[1]!;
}
