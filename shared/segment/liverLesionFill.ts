import type { Grid, Vec3 } from '../volume/grid';
import { convexHull2d } from '../volume/hull2d';
import { growMm, labelComponents, openMm } from './morphology';
import { forEachRowSpan } from './workBox';

/**
 * Per slice, the convex hull of the mask's voxel centres, rasterised (a voxel is in when its
 * centre lies inside or on the hull). Built from each row's first and last voxel, so it costs one
 * pass over the box.
 */
export function sliceHulls(mask: Uint8Array, dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(mask.length);
  // Per slice, flat x, y of each row's ends.
  const bySlice: number[][] = Array.from({ length: nz }, () => []);
  forEachRowSpan(mask, dims, (j, k, first, last) => bySlice[k]!.push(first, j, last, j));
  for (let k = 0; k < nz; k++) {
    const xy = bySlice[k]!;
    if (xy.length === 0) continue;
    const hull = convexHull2d(xy).map((p): [number, number] => [xy[2 * p]!, xy[2 * p + 1]!]);
    // Each row's span from the edges that cross it: one pass over the edges, not one per row.
    const lo = new Float64Array(ny).fill(Infinity);
    const hi = new Float64Array(ny).fill(-Infinity);
    const widen = (j: number, x: number) => {
      if (x < lo[j]!) lo[j] = x;
      if (x > hi[j]!) hi[j] = x;
    };
    for (let n = 0; n < hull.length; n++) {
      const a = hull[n]!;
      const b = hull[(n + 1) % hull.length]!;
      if (a[1] === b[1]) {
        widen(a[1], a[0]);
        widen(a[1], b[0]);
        continue;
      }
      for (let j = Math.min(a[1], b[1]); j <= Math.max(a[1], b[1]); j++)
        widen(j, a[0] + ((j - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
    for (let j = 0; j < ny; j++) {
      if (lo[j]! > hi[j]!) continue;
      const row = nx * (j + ny * k);
      const end = Math.min(nx - 1, Math.floor(hi[j]! + 1e-9));
      for (let i = Math.max(0, Math.ceil(lo[j]! - 1e-9)); i <= end; i++) out[row + i] = 1;
    }
  }
  return out;
}

export interface LesionFillOptions {
  /** Values (smoothed) a lesion may have: above fat, at most the parenchyma window's top. */
  band: [number, number];
  /** Least share of a region's faces that must touch the mask for it to be taken in. */
  minContact: number;
  /** Voxels never taken in (exclude strokes, heart walls). */
  blocked?: Uint8Array;
  /** Opening radius (mm) of the candidates. */
  openMm: number;
}

/**
 * Regions the liver mask wraps round that a lesion could be: 6-connected regions of voxels
 * outside the mask, inside its per-slice convex hull, with lesion-like values (band), of which at
 * least minContact of the faces touch the mask. A tumour at the capsule bulges the surface and is
 * no hole; the hull closes its mouth, and the liver round it gives it most of its faces, where
 * organs beside the liver's concave side touch it on one side only. Adds them to mask in place;
 * returns the number of voxels added.
 */
export function fillLesionBites(mask: Uint8Array, values: ArrayLike<number>, grid: Grid, o: LesionFillOptions): number {
  const dims = grid.dims;
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const hull = sliceHulls(mask, dims);
  const cand = new Uint8Array(mask.length);
  for (let n = 0; n < mask.length; n++) {
    if (!hull[n] || mask[n] || o.blocked?.[n]) continue;
    const v = values[n]!;
    if (v >= o.band[0] && v <= o.band[1]) cand[n] = 1;
  }
  const { labels, sizes } = labelComponents(o.openMm > 0 ? openMm(cand, grid, o.openMm) : cand, dims);
  const liverFaces = new Float64Array(sizes.length);
  const otherFaces = new Float64Array(sizes.length);
  const face = (l: number, m: number, inside: boolean) => {
    if (!inside) otherFaces[l]++;
    else if (mask[m]) liverFaces[l]++;
    else if (labels[m] !== l) otherFaces[l]++;
  };
  for (let n = 0; n < mask.length; n++) {
    const l = labels[n]!;
    if (!l) continue;
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = (n - i - nx * j) / plane;
    face(l, n - 1, i > 0);
    face(l, n + 1, i < nx - 1);
    face(l, n - nx, j > 0);
    face(l, n + nx, j < ny - 1);
    face(l, n - plane, k > 0);
    face(l, n + plane, k < nz - 1);
  }
  const take = sizes.map((_, l) => l > 0 && liverFaces[l]! >= o.minContact * (liverFaces[l]! + otherFaces[l]!));
  const taken = new Uint8Array(mask.length);
  let any = false;
  for (let n = 0; n < mask.length; n++)
    if (take[labels[n]!]) {
      taken[n] = 1;
      any = true;
    }
  if (!any) return 0;
  // The opening rounded the taken regions' corners off: what it removed next to them comes back.
  const back = o.openMm > 0 ? growMm(taken, grid, o.openMm) : taken;
  let added = 0;
  for (let n = 0; n < mask.length; n++)
    if (back[n] && cand[n]) {
      mask[n] = 1;
      added++;
    }
  return added;
}
