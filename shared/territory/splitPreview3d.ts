import { keptPlane, splitMask, type Plane, type SplitPlane } from '../case/liverSplit';
import { cross, dot, sub } from '../dicom/vec3';
import { maskBounds } from '../volume/crop';
import { indexToPatient, type Grid, type Vec3 } from '../volume/grid';

/** Preview label of a voxel on the kept side of every cut (the territory to be). */
export const KEPT = 1;
/** Preview label of the rest of the liver. */
export const REST = 2;

/** The liver of a split preview on a coarse grid: 0 outside, KEPT, REST, with each part's volume. */
export interface SplitPreviewVolume {
  grid: Grid;
  labels: Uint8Array;
  /** Liver on the kept side (the territory to be), mL of source voxels. */
  keptMl: number;
  /** The rest of the liver, mL. */
  restMl: number;
}

const unit = (a: Vec3): Vec3 => {
  const l = Math.hypot(...a);
  return [a[0] / l, a[1] / l, a[2] / l];
};

/** The liver pooled onto a coarse grid for the 3D preview. */
export interface CoarseLiver {
  grid: Grid;
  /** 1 where a block holds any liver voxel (so thin parts do not vanish), else 0. */
  mask: Uint8Array;
  /** Liver voxels of the source grid inside each block: the preview's volumes add these up. */
  voxels: Uint32Array;
  /** Volume of one source voxel (mm^3). */
  sourceVoxelMm3: number;
}

/**
 * The liver cropped to its box (plus a background border, so a volume rendering shows closed
 * surfaces) and pooled into blocks of whole voxels so no axis exceeds maxDim: a block is liver
 * when any voxel in it is, and it keeps how many are. A 3D preview of a 512 x 512 x 300 CT then
 * costs a ~96^3 volume, and the split is recomputed on it in milliseconds as the points move.
 * Null when the mask is empty.
 */
export function coarseLiver(mask: ArrayLike<number>, grid: Grid, maxDim = 96): CoarseLiver | null {
  if (!(maxDim >= 3)) throw new Error(`a preview needs at least 3 voxels per axis, got ${maxDim}`);
  const box = maskBounds([mask], grid.dims);
  if (!box) return null;
  const extent = box.max.map((v, a) => v - box.min[a]! + 1) as Vec3;
  const f = extent.map((n) => Math.max(1, Math.ceil(n / (maxDim - 2)))) as Vec3;
  // One block of background border on every side (the + 2).
  const dims = extent.map((n, a) => Math.ceil(n / f[a]!) + 2) as Vec3;
  const [nx, ny] = grid.dims;
  const voxels = new Uint32Array(dims[0] * dims[1] * dims[2]);
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    const bk = Math.floor((k - box.min[2]) / f[2]) + 1;
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      const bj = Math.floor((j - box.min[1]) / f[1]) + 1;
      const row = nx * (j + ny * k);
      const outRow = dims[0] * (bj + dims[1] * bk);
      for (let i = box.min[0]; i <= box.max[0]; i++)
        if (mask[row + i]) voxels[outRow + Math.floor((i - box.min[0]) / f[0]) + 1]!++;
    }
  }
  const out = new Uint8Array(voxels.length);
  for (let n = 0; n < out.length; n++) if (voxels[n]) out[n] = 1;
  // Block b covers source indices min + (b - 1) f ... min + b f - 1: its centre is (f - 1) / 2 past the start.
  const origin = indexToPatient(grid, ...(box.min.map((m, a) => m - f[a]! + (f[a]! - 1) / 2) as Vec3));
  return {
    grid: { dims, spacing: grid.spacing.map((s, a) => s * f[a]!) as Vec3, origin, direction: [...grid.direction] },
    mask: out,
    voxels,
    sourceVoxelMm3: grid.spacing[0] * grid.spacing[1] * grid.spacing[2],
  };
}

/**
 * The coarse liver labelled by side: KEPT on the kept side of every cut (as splitMask decides for
 * the block centre), REST elsewhere; without cuts all of it is REST. The parts' volumes add up the
 * source liver voxels of their blocks, so they sum to the liver's volume exactly and differ from
 * the split at full resolution only by the blocks the planes pass through.
 */
export function splitPreviewVolume(liver: CoarseLiver, cuts: readonly SplitPlane[]): SplitPreviewVolume {
  const kept = cuts.length ? splitMask(liver.mask, liver.grid, cuts) : new Uint8Array(liver.mask.length);
  const labels = new Uint8Array(liver.mask.length);
  let keptVoxels = 0;
  let restVoxels = 0;
  for (let n = 0; n < labels.length; n++) {
    if (!liver.mask[n]) continue;
    if (kept[n]) {
      labels[n] = KEPT;
      keptVoxels += liver.voxels[n]!;
    } else {
      labels[n] = REST;
      restVoxels += liver.voxels[n]!;
    }
  }
  const ml = (v: number) => (v * liver.sourceVoxelMm3) / 1000;
  return { grid: liver.grid, labels, keptMl: ml(keptVoxels), restMl: ml(restVoxels) };
}

/** The 8 corners (LPS mm) of a grid's outer box: voxel faces, half a voxel beyond the centres. */
export function gridCorners(grid: Grid): Vec3[] {
  const corners: Vec3[] = [];
  for (let c = 0; c < 8; c++) {
    const idx = [0, 1, 2].map((a) => ((c >> a) & 1 ? grid.dims[a]! - 0.5 : -0.5)) as Vec3;
    corners.push(indexToPatient(grid, ...idx));
  }
  return corners;
}

/**
 * Where a plane cuts a box: the convex polygon (LPS mm, in order round its centre) through the
 * crossings of the box's 12 edges, or [] when the plane misses the box. Corners indexed as by
 * gridCorners (bit a set: the far side along axis a), so edges join corners one bit apart.
 */
export function planeInBox(plane: Plane, corners: readonly Vec3[]): Vec3[] {
  if (corners.length !== 8) throw new Error(`a box has 8 corners, got ${corners.length}`);
  const d = corners.map((p) => dot(plane.normal, p) - plane.offset);
  const hits: Vec3[] = [];
  for (let a = 0; a < 8; a++)
    for (const bit of [1, 2, 4]) {
      const b = a | bit;
      if (b === a) continue;
      const [da, db] = [d[a]!, d[b]!];
      if ((da < 0 && db < 0) || (da > 0 && db > 0) || da === db) continue;
      const t = da / (da - db);
      const [p, q] = [corners[a]!, corners[b]!];
      const x: Vec3 = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2])];
      // A plane through a corner crosses three edges there: keep the point once.
      if (!hits.some((h) => Math.hypot(...sub(h, x)) < 1e-6)) hits.push(x);
    }
  if (hits.length < 3) return [];
  const c = hits.reduce<Vec3>(
    (s, p) => [s[0] + p[0] / hits.length, s[1] + p[1] / hits.length, s[2] + p[2] / hits.length],
    [0, 0, 0],
  );
  // An in-plane basis (u, v) to order the crossings by angle.
  const u = unit(sub(hits[0]!, c));
  const v = cross(plane.normal, u);
  return hits
    .map((p) => ({ p, angle: Math.atan2(dot(sub(p, c), v), dot(sub(p, c), u)) }))
    .sort((x, y) => x.angle - y.angle)
    .map((x) => x.p);
}

/** What the 3D preview draws for one cut: its plane across the liver box, and an arrow into the kept side. */
export interface CutDrawing {
  polygon: Vec3[];
  /** From the polygon's centre towards the kept side, a fifth of the box diagonal long; null when the plane misses the box. */
  arrow: [Vec3, Vec3] | null;
}

/** Each cut drawn across the box of grid (the coarse liver's): the plane polygon and its kept-side arrow. */
export function cutDrawings(grid: Grid, cuts: readonly SplitPlane[]): CutDrawing[] {
  const corners = gridCorners(grid);
  const diagonal = Math.hypot(...sub(corners[7]!, corners[0]!));
  return cuts.map((cut) => {
    const plane = keptPlane(cut);
    const polygon = planeInBox(plane, corners);
    if (!polygon.length) return { polygon, arrow: null };
    const c = polygon.reduce<Vec3>(
      (s, p) => [s[0] + p[0] / polygon.length, s[1] + p[1] / polygon.length, s[2] + p[2] / polygon.length],
      [0, 0, 0],
    );
    const len = diagonal / 5;
    const tip: Vec3 = [c[0] + len * plane.normal[0], c[1] + len * plane.normal[1], c[2] + len * plane.normal[2]];
    return { polygon, arrow: [c, tip] };
  });
}

/** v turned by angle (radians) about a unit axis (Rodrigues). */
function rotate(v: Vec3, axis: Vec3, angle: number): Vec3 {
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const k = cross(axis, v);
  const d = dot(axis, v) * (1 - c);
  return [0, 1, 2].map((a) => v[a]! * c + k[a]! * s + axis[a]! * d) as Vec3;
}

/**
 * A camera turned about its focal point: azimuth about the view-up axis, then elevation about the
 * camera's right axis (degrees), so a plane seen edge-on from the front (a sagittal split in a
 * coronal view) is seen at an angle, as a face. Distance to the focal point is kept, and the focal
 * point is returned with the rest: a camera given a view-plane normal without it (Cornerstone's
 * setCamera, vtk's setDirectionOfProjection) moves its focal point along the new direction.
 */
export function turnCamera(
  camera: { position: Vec3; focalPoint: Vec3; viewUp: Vec3 },
  azimuthDeg: number,
  elevationDeg: number,
): { position: Vec3; focalPoint: Vec3; viewUp: Vec3; viewPlaneNormal: Vec3 } {
  const { focalPoint: f } = camera;
  const up = unit(camera.viewUp);
  let offset = rotate(sub(camera.position, f), up, (azimuthDeg * Math.PI) / 180);
  const right = unit(cross(offset, up));
  offset = rotate(offset, right, (elevationDeg * Math.PI) / 180);
  const viewUp = rotate(up, right, (elevationDeg * Math.PI) / 180);
  return {
    position: [f[0] + offset[0], f[1] + offset[1], f[2] + offset[2]],
    focalPoint: [...f],
    viewUp,
    viewPlaneNormal: unit(offset),
  };
}
