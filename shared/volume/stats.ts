import { indexToPatient, sameGrid, voxelVolumeMm3, type Labelmap, type ScalarVolume, type Vec3 } from './grid';
import { convexHull2d } from './hull2d';

export interface IntensityStats {
  phase: string;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export interface SegmentStats {
  label: number;
  voxelCount: number;
  /** Sum of segmented voxels x voxel volume (DCM 126030), in mL. */
  volumeMl: number;
  /** Mean voxel-centre position, LPS mm. */
  centroidLps: Vec3;
  /** Intensity statistics per phase (population SD). */
  intensity: IntensityStats[];
  /** Longest in-slice diameter (mm) over all slices, and the slice index holding it. */
  axialLongestMm: number;
  axialSlice: number;
  /** Longest chord perpendicular to that diameter in the same slice (mm). */
  axialPerpendicularMm: number;
  /** Largest distance between any two voxels of the segment (mm). */
  maxDiameter3dMm: number;
}

export interface Phase {
  name: string;
  volume: ScalarVolume;
}

/**
 * Per-segment statistics of a labelmap. Diameters are measured between voxel centres of
 * boundary voxels ("axial" means the slices of the grid, as read on screen); the 3D maximum
 * runs over the union of the per-slice convex-hull vertices, which contains every vertex of
 * the segment's 3D convex hull, so it is exact for the voxel centres.
 */
export function segmentStatistics(labelmap: Labelmap, phases: Phase[] = [], labels?: number[]): SegmentStats[] {
  const { grid, data } = labelmap;
  for (const p of phases) {
    if (!sameGrid(p.volume.grid, grid)) throw new Error(`phase '${p.name}' is not on the labelmap grid`);
  }
  const counts = new Map<number, number>();
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const wanted = (labels ?? [...counts.keys()].sort((a, b) => a - b)).filter((l) => counts.has(l));
  // voxel indices per label, one shared buffer
  const start = new Map<number, number>();
  let total = 0;
  for (const l of wanted) {
    start.set(l, total);
    total += counts.get(l)!;
  }
  const idx = new Int32Array(total);
  const fill = new Map(start);
  for (let n = 0; n < data.length; n++) {
    const f = fill.get(data[n]!);
    if (f === undefined) continue;
    idx[f] = n;
    fill.set(data[n]!, f + 1);
  }
  return wanted.map((l) => {
    const s = start.get(l)!;
    return statsOf(l, idx.subarray(s, s + counts.get(l)!), labelmap, phases);
  });
}

function statsOf(label: number, voxels: Int32Array, lm: Labelmap, phases: Phase[]): SegmentStats {
  const { grid, data } = lm;
  const [nx, ny] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const plane = nx * ny;
  let si = 0;
  let sj = 0;
  let sk = 0;
  for (const n of voxels) {
    const i = n % nx;
    si += i;
    sj += ((n - i) / nx) % ny;
    sk += Math.floor(n / plane);
  }
  const count = voxels.length;
  const intensity = phases.map(({ name, volume }) => {
    let sum = 0;
    let sum2 = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const n of voxels) {
      const v = volume.data[n]!;
      sum += v;
      sum2 += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = sum / count;
    return { phase: name, mean, sd: Math.sqrt(Math.max(0, sum2 / count - mean * mean)), min, max };
  });

  // Per slice: in-slice boundary voxels -> convex hull -> longest chord.
  let best = { len: -1, slice: -1, a: [0, 0], b: [0, 0] };
  const hull3d: number[] = [];
  let from = 0;
  while (from < count) {
    const k = Math.floor(voxels[from]! / plane);
    let to = from;
    while (to < count && Math.floor(voxels[to]! / plane) === k) to++;
    const xy: number[] = [];
    for (let s = from; s < to; s++) {
      const n = voxels[s]!;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const inside =
        i > 0 &&
        i < nx - 1 &&
        j > 0 &&
        j < ny - 1 &&
        data[n - 1] === label &&
        data[n + 1] === label &&
        data[n - nx] === label &&
        data[n + nx] === label;
      if (!inside) xy.push(i * sx, j * sy);
    }
    const hull = convexHull2d(xy);
    for (let p = 0; p < hull.length; p++) {
      const a = hull[p]!;
      hull3d.push(xy[2 * a]!, xy[2 * a + 1]!, k * sz);
      for (let q = p + 1; q < hull.length; q++) {
        const b = hull[q]!;
        const len = Math.hypot(xy[2 * a]! - xy[2 * b]!, xy[2 * a + 1]! - xy[2 * b + 1]!);
        if (len > best.len) {
          best = { len, slice: k, a: [xy[2 * a]!, xy[2 * a + 1]!], b: [xy[2 * b]!, xy[2 * b + 1]!] };
        }
      }
    }
    if (hull.length === 1 && best.len < 0) best = { len: 0, slice: k, a: [0, 0], b: [0, 0] };
    from = to;
  }
  const max3d = diameter3d(hull3d);
  return {
    label,
    voxelCount: count,
    volumeMl: (count * voxelVolumeMm3(grid)) / 1000,
    centroidLps: indexToPatient(grid, si / count, sj / count, sk / count),
    intensity,
    axialLongestMm: best.len,
    axialSlice: best.slice,
    axialPerpendicularMm: perpendicularChord(voxels, lm, best),
    maxDiameter3dMm: max3d,
  };
}

/**
 * Longest chord perpendicular to the long axis a-b in its slice: voxels are binned by their
 * position along the axis (bins of half the finer in-plane spacing) and the widest bin wins.
 */
function perpendicularChord(
  voxels: Int32Array,
  lm: Labelmap,
  best: { len: number; slice: number; a: number[]; b: number[] },
): number {
  if (best.len <= 0) return 0;
  const [nx, ny] = lm.grid.dims;
  const [sx, sy] = lm.grid.spacing;
  const plane = nx * ny;
  const ux = (best.b[0]! - best.a[0]!) / best.len;
  const uy = (best.b[1]! - best.a[1]!) / best.len;
  const w = Math.min(sx, sy) / 2;
  const bins = Math.ceil(best.len / w) + 3;
  const lo = new Float64Array(bins).fill(Infinity);
  const hi = new Float64Array(bins).fill(-Infinity);
  for (const n of voxels) {
    if (Math.floor(n / plane) !== best.slice) continue;
    const i = n % nx;
    const x = i * sx - best.a[0]!;
    const y = (((n - i) / nx) % ny) * sy - best.a[1]!;
    const bin = Math.round((x * ux + y * uy) / w) + 1;
    if (bin < 0 || bin >= bins) continue;
    const v = -x * uy + y * ux;
    if (v < lo[bin]!) lo[bin] = v;
    if (v > hi[bin]!) hi[bin] = v;
  }
  let widest = 0;
  for (let b = 0; b < bins; b++) if (hi[b]! - lo[b]! > widest) widest = hi[b]! - lo[b]!;
  return widest;
}

/**
 * Largest pairwise distance of flat xyz points. Points are sorted by distance r from their box
 * centre; a pair is at most r_p + r_q apart, so the search stops once that bound cannot beat
 * the best pair found (prunes nearly everything for compact shapes).
 */
function diameter3d(xyz: number[]): number {
  const n = xyz.length / 3;
  if (n < 2) return 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let p = 0; p < n; p++) {
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a]!, xyz[3 * p + a]!);
      hi[a] = Math.max(hi[a]!, xyz[3 * p + a]!);
    }
  }
  const c = [0, 1, 2].map((a) => (lo[a]! + hi[a]!) / 2);
  const r = Array.from({ length: n }, (_, p) =>
    Math.hypot(xyz[3 * p]! - c[0]!, xyz[3 * p + 1]! - c[1]!, xyz[3 * p + 2]! - c[2]!),
  );
  const order = Array.from({ length: n }, (_, p) => p).sort((a, b) => r[b]! - r[a]!);
  let best = 0;
  for (let s = 0; s < n; s++) {
    const p = order[s]!;
    if (2 * r[p]! <= best) break;
    for (let t = s + 1; t < n; t++) {
      const q = order[t]!;
      if (r[p]! + r[q]! <= best) break;
      const d = Math.hypot(
        xyz[3 * p]! - xyz[3 * q]!,
        xyz[3 * p + 1]! - xyz[3 * q + 1]!,
        xyz[3 * p + 2]! - xyz[3 * q + 2]!,
      );
      if (d > best) best = d;
    }
  }
  return best;
}
