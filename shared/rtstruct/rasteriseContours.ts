import { patientToIndex, type Grid } from '../volume/grid';
import type { RtContour } from './readRtstruct';

/** What became of an ROI's contours on the grid. */
export interface RasterisedRoi {
  /** 0/1 per voxel of the grid. */
  mask: Uint8Array;
  voxels: number;
  /** Closed planar contours filled onto some slice. */
  placed: number;
  /** POINT, OPEN_PLANAR, OPEN_NONPLANAR or fewer than 3 points: no area to fill. */
  notClosed: number;
  /** Not parallel to the grid's slices (drawn on another orientation). */
  notParallel: number;
  /** Parallel, but on no slice of the grid (beyond its ends). */
  offGrid: number;
}

/** A contour in continuous voxel index coordinates of the grid: i j interleaved, and its slice position. */
interface PlanarContour {
  ij: Float64Array;
  k: number;
}

/**
 * Fills an ROI's CLOSED_PLANAR contours onto the grid with the rule of 3D
 * Slicer's planar-contour -> labelmap conversion: a voxel belongs to the ROI
 * when its centre lies inside the contour on its slice. Points are projected
 * into the grid through its origin, direction cosines and (anisotropic)
 * spacing, so any orientation works. All contours of a plane are combined by
 * the even-odd rule, so a contour nested in another cuts a hole (XOR).
 *
 * Contours drawn on this grid's images fill exactly their own slices. Drawn on
 * other planes (another series of the frame of reference), each slice takes
 * the ROI's nearest contour plane within half a contour step: nearest
 * neighbour along the normal.
 * Hand-written: dcmjs reads RTSTRUCT but does not rasterise, and the
 * Cornerstone adapters need a running viewer (cache, metadata providers).
 */
export function rasteriseContours(contours: RtContour[], grid: Grid): RasterisedRoi {
  const [nx, ny, nz] = grid.dims;
  const mask = new Uint8Array(nx * ny * nz);
  const out: RasterisedRoi = { mask, voxels: 0, placed: 0, notClosed: 0, notParallel: 0, offGrid: 0 };
  const planar: PlanarContour[] = [];
  // Half a millimetre, or a tenth of a slice when slices are thinner: rounding in ContourData stays within.
  const kTolerance = Math.min(0.5 / grid.spacing[2], 0.1);
  for (const c of contours) {
    const n = c.points.length / 3;
    if (c.geometricType !== 'CLOSED_PLANAR' || n < 3) {
      out.notClosed++;
      continue;
    }
    const ij = new Float64Array(2 * n);
    let kMin = Infinity;
    let kMax = -Infinity;
    let kSum = 0;
    for (let p = 0; p < n; p++) {
      const [i, j, k] = patientToIndex(grid, [c.points[3 * p]!, c.points[3 * p + 1]!, c.points[3 * p + 2]!]);
      ij[2 * p] = i;
      ij[2 * p + 1] = j;
      kMin = Math.min(kMin, k);
      kMax = Math.max(kMax, k);
      kSum += k;
    }
    if (kMax - kMin > kTolerance) {
      out.notParallel++;
      continue;
    }
    planar.push({ ij, k: kSum / n });
  }
  if (!planar.length) return out;

  // Distinct contour planes of the ROI, and the step between neighbours (the drawing's slice step).
  const planes: { k: number; contours: PlanarContour[] }[] = [];
  for (const c of [...planar].sort((a, b) => a.k - b.k)) {
    const last = planes[planes.length - 1];
    if (last && c.k - last.k <= kTolerance) last.contours.push(c);
    else planes.push({ k: c.k, contours: [c] });
  }
  // Contours drawn on this grid's own images fill exactly their slices (a slice without a contour
  // is empty); contours drawn on other planes fill the slices nearest them, half a step each way.
  const aligned = planes.every((p) => Math.abs(p.k - Math.round(p.k)) <= kTolerance);
  const steps = planes.slice(1).map((p, n) => p.k - planes[n]!.k);
  const reach = aligned ? 0.5 : Math.max(1, steps.length ? median(steps) : 1) / 2 + 1e-6;

  const used = new Set<number>();
  for (let k = 0; k < nz; k++) {
    let best = -1;
    for (let p = 0; p < planes.length; p++)
      if (best < 0 || Math.abs(planes[p]!.k - k) < Math.abs(planes[best]!.k - k)) best = p;
    if (Math.abs(planes[best]!.k - k) > reach) continue;
    used.add(best);
    out.voxels += fillSlice(
      planes[best]!.contours.map((c) => c.ij),
      mask.subarray(k * nx * ny, (k + 1) * nx * ny),
      nx,
      ny,
    );
  }
  for (let p = 0; p < planes.length; p++) {
    if (used.has(p)) out.placed += planes[p]!.contours.length;
    else out.offGrid += planes[p]!.contours.length;
  }
  return out;
}

/**
 * Even-odd scanline fill of polygons (continuous i, j) into one slice: voxel
 * (i, j) is set when its centre is inside. Crossings are taken on half-open
 * edges so a vertex on a scanline counts once; a centre exactly on a left
 * edge is inside, on a right edge outside. Returns the voxels set.
 */
function fillSlice(polygons: Float64Array[], slice: Uint8Array, nx: number, ny: number): number {
  const rows: number[][] = Array.from({ length: ny }, () => []);
  for (const ij of polygons) {
    const n = ij.length / 2;
    for (let p = 0; p < n; p++) {
      const q = (p + 1) % n;
      const x0 = ij[2 * p]!;
      const y0 = ij[2 * p + 1]!;
      const x1 = ij[2 * q]!;
      const y1 = ij[2 * q + 1]!;
      if (y0 === y1) continue;
      const lo = Math.max(0, Math.ceil(Math.min(y0, y1)));
      const hi = Math.min(ny - 1, Math.ceil(Math.max(y0, y1)) - 1);
      for (let j = lo; j <= hi; j++) rows[j]!.push(x0 + ((j - y0) * (x1 - x0)) / (y1 - y0));
    }
  }
  let set = 0;
  for (let j = 0; j < ny; j++) {
    const xs = rows[j]!.sort((a, b) => a - b);
    for (let m = 0; m + 1 < xs.length; m += 2) {
      const from = Math.max(0, Math.ceil(xs[m]!));
      const to = Math.min(nx, Math.ceil(xs[m + 1]!));
      // Crossings of every contour of the plane sorted together: pairing them is the even-odd rule.
      for (let i = from; i < to; i++) slice[i + nx * j] = 1;
    }
  }
  for (let v = 0; v < slice.length; v++) set += slice[v]!;
  return set;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
