import { convexHull2d } from '../../volume/hull2d';
import { indexToPatient, patientToIndex, voxelVolumeMm3, type Grid, type Vec3 } from '../../volume/grid';
import { clickRadius, nominalHu } from './lesionProfiles';
import { radiusAlong } from './lesionShape';
import type { LesionField } from './insertLesions';
import type { InsertedLesion, PlannedLesion } from './types';

/** Truth map: lesion m at m + 1 where its owner weight reaches 0.5. */
export function truthLabels(field: LesionField): Uint8Array {
  const out = new Uint8Array(field.owner.length);
  for (let v = 0; v < out.length; v++) {
    const o = field.owner[v]!;
    if (o >= 0 && field.ownerWeight[v]! >= 0.5) out[v] = o + 1;
  }
  return out;
}

/** The figures a benchmark compares against: volume, click point, longest in-slice diameter. */
export function summariseLesions(
  grid: Grid,
  truth: Uint8Array,
  plan: PlannedLesion[],
  field: LesionField,
  liverHu: number,
): InsertedLesion[] {
  const voxels: number[][] = plan.map(() => []);
  for (let v = 0; v < truth.length; v++) if (truth[v]) voxels[truth[v]! - 1]!.push(v);
  return plan.map((les, m) => {
    const label = m + 1;
    const { a, b, len } = longestInSlice(grid, voxels[m]!);
    return {
      label,
      kind: les.kind,
      placement: les.placement,
      centreLps: les.shape.centreLps,
      diametersMm: les.shape.radiiMm.map((r) => 2 * r) as Vec3,
      volumeMl: (voxels[m]!.length * voxelVolumeMm3(grid)) / 1000,
      clickLps: clickPoint(grid, truth, les, label, voxels[m]!),
      lineLps: [a, b],
      axialLongestMm: len,
      nominalHu: nominalHu(les.profile),
      liverHu,
      truncated: { byLiver: field.cutByLiver[m]!, byVolumeEdge: field.cutByVolumeEdge[m]! },
      ...(les.confluentWith !== undefined ? { confluentWith: les.confluentWith } : {}),
    };
  });
}

function labelAt(grid: Grid, truth: Uint8Array, p: Vec3): number {
  const [i, j, k] = patientToIndex(grid, p).map(Math.round) as Vec3;
  const [nx, ny, nz] = grid.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return 0;
  return truth[i + nx * (j + ny * k)]!;
}

/**
 * Centre for solid lesions; for rim-enhancing and necrotic ones the middle of the rim, along a
 * direction in the slice plane (so it is on the centre's slice). Falls back to the truth voxel
 * nearest the wanted point when that is cut away (capsule, slab end, confluent neighbour).
 */
function clickPoint(grid: Grid, truth: Uint8Array, les: PlannedLesion, label: number, voxels: number[]): Vec3 {
  const c = les.shape.centreLps;
  const t = clickRadius(les.profile);
  const d = grid.direction;
  const dirs: Vec3[] = [
    [d[0], d[1], d[2]],
    [-d[0], -d[1], -d[2]],
    [d[3], d[4], d[5]],
    [-d[3], -d[4], -d[5]],
  ];
  const wanted = dirs.map((u) => {
    const r = t * radiusAlong(les.shape, u);
    return [c[0] + u[0] * r, c[1] + u[1] * r, c[2] + u[2] * r] as Vec3;
  });
  for (const p of wanted) if (labelAt(grid, truth, p) === label) return p;
  let best: Vec3 = c;
  let bestD = Infinity;
  const [nx, ny] = grid.dims;
  for (const v of voxels) {
    const i = v % nx;
    const j = ((v - i) / nx) % ny;
    const p = indexToPatient(grid, i, j, (v - i - nx * j) / (nx * ny));
    const dd = (p[0] - wanted[0]![0]) ** 2 + (p[1] - wanted[0]![1]) ** 2 + (p[2] - wanted[0]![2]) ** 2;
    if (dd < bestD) {
      bestD = dd;
      best = p;
    }
  }
  return best;
}

/** Longest chord between truth voxel centres within one grid slice (per-slice convex hull). */
function longestInSlice(grid: Grid, voxels: number[]): { a: Vec3; b: Vec3; len: number } {
  const [nx, ny] = grid.dims;
  const [sx, sy] = grid.spacing;
  const plane = nx * ny;
  let best = { len: 0, k: 0, a: [0, 0], b: [0, 0] };
  let from = 0;
  while (from < voxels.length) {
    const k = Math.floor(voxels[from]! / plane);
    let to = from;
    const xy: number[] = [];
    while (to < voxels.length && Math.floor(voxels[to]! / plane) === k) {
      const i = voxels[to]! % nx;
      xy.push(i, ((voxels[to]! - i) / nx) % ny);
      to++;
    }
    const hull = convexHull2d(xy);
    for (let p = 0; p < hull.length; p++)
      for (let q = p + 1; q < hull.length; q++) {
        const a = [xy[2 * hull[p]!]!, xy[2 * hull[p]! + 1]!];
        const b = [xy[2 * hull[q]!]!, xy[2 * hull[q]! + 1]!];
        const len = Math.hypot((a[0]! - b[0]!) * sx, (a[1]! - b[1]!) * sy);
        if (len > best.len) best = { len, k, a, b };
      }
    if (best.len === 0 && to > from) best = { len: 0, k, a: [xy[0]!, xy[1]!], b: [xy[0]!, xy[1]!] };
    from = to;
  }
  return {
    a: indexToPatient(grid, best.a[0]!, best.a[1]!, best.k),
    b: indexToPatient(grid, best.b[0]!, best.b[1]!, best.k),
    len: best.len,
  };
}
