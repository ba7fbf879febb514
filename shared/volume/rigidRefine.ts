import { indexToPatient, patientToIndex, type Grid, type ScalarArray, type ScalarVolume, type Vec3 } from './grid';
import { applyTransform } from './registration';

/**
 * Intensity-based refinement of a rigid registration (moving -> fixed, row-major 4x4, LPS mm),
 * typically started from landmark registration. Hand-written because npm has no maintained
 * pure-JS rigid registration that runs offline in a browser worker (ITK-wasm is a heavy
 * download and build for six parameters).
 *
 * - Metric: normalised cross-correlation between the fixed image at random points of the region
 *   and the moving image (trilinear) at inverse(matrix)·p. CT against CT in HU, so a linear
 *   relation holds; an ablation zone changes a small part of an ~80 mm region only. Points that
 *   leave the moving image are dropped; too few left and the pose is rejected.
 * - Parameters: a rotation vector about the region centre and a translation, composed in fixed
 *   space after the initial transform; rotations are scaled by the region radius so every
 *   parameter is in mm of displacement.
 * - Coarse to fine: on coarse levels both images are block-averaged to about the level's
 *   spacing, cropped to the region and reading at most 2x2x2 voxels per block; the finest level
 *   reads the originals (a 512x512x300 series is never copied). Each level draws a bounded
 *   number of points from a seeded generator, so results are deterministic.
 * - Optimiser: Powell's direction-set method with a bracketing parabolic line search of step h;
 *   h halves once a sweep moves less than h. Gradient-free, deterministic, bounded sweeps.
 * - Never worse: the finest level starts from the initial pose if the coarse levels' result
 *   scores lower there, and a result that does not beat the initial metric is discarded.
 *
 * Synchronous: the signal is honoured between sweeps (callers in a worker terminate it).
 */
export interface RigidRefineOptions {
  /**
   * Region of interest: a sphere in fixed LPS mm, or a mask on the fixed grid. Default: the whole
   * overlap. Keep the post-ablation change a small part of it (radius >= ~55 mm around a 2 cm
   * zone): in tests a 40 mm sphere let a zone with rim and gas bias the result by ~2 mm.
   */
  region?: { centre: Vec3; radiusMm: number } | { mask: Uint8Array };
  /** Points per level (default 30 000). */
  sampleCount?: number;
  /**
   * Sampling (mm) per level, coarse to fine (default [6, 3, 1.5]): block size of the images,
   * point density and optimiser steps. The last level reads the images at native resolution.
   */
  levels?: number[];
  /** Sweeps per level (default 40). */
  maxIterations?: number;
  /** Fraction of the points that must stay inside the moving image (default 0.5). */
  minOverlap?: number;
  signal?: AbortSignal;
  onProgress?(fraction: number): void;
}

export interface RigidRefineResult {
  /** Row-major 4x4 moving -> fixed; the initial matrix (converged false) when nothing improved. */
  matrix: number[];
  /** NCC of the initial and of the returned matrix at the finest level (same points). */
  metricBefore: number;
  metricAfter: number;
  /** Optimiser sweeps over all levels. */
  iterations: number;
  /** How far the refinement moved the region centre (mm), and its rotation (degrees). */
  changeMm: number;
  rotationDeg: number;
  /** Every level reached its finest step and the metric improved. */
  converged: boolean;
}

/** A refinement, not a search: parameters beyond this (mm) are rejected. */
const MAX_CHANGE_MM = 25;
/** Moving crop margin (mm) beyond the fixed region mapped by the initial transform. */
const MARGIN_MM = 40;
const MIN_POINTS = 500;
const regionOutside =
  'the region of interest does not overlap the moving image enough under the initial transform ' +
  '(or shows no contrast): check the landmarks and the region';

export function refineRigid(
  fixed: ScalarVolume,
  moving: ScalarVolume,
  initial: number[],
  options: RigidRefineOptions = {},
): RigidRefineResult {
  const levels = options.levels ?? [6, 3, 1.5];
  const sampleCount = options.sampleCount ?? 30_000;
  const maxIterations = options.maxIterations ?? 40;
  const minOverlap = options.minOverlap ?? 0.5;
  const signal = options.signal;
  const progress = options.onProgress ?? (() => {});
  if (levels.length === 0 || levels.some((l) => !(l > 0))) throw new Error('levels must be positive millimetres');
  signal?.throwIfAborted();
  for (const v of [fixed, moving]) {
    if (v.grid.dims.some((n) => n < 2)) throw new Error('volumes need at least two voxels along every axis');
  }
  const region = describeRegion(fixed.grid, moving.grid, initial, options.region);
  const problem: Problem = { fixed, moving, initial, region, sampleCount, minOverlap };
  const zero = [0, 0, 0, 0, 0, 0];
  let x = zero;
  let best = Infinity;
  let before = NaN;
  let iterations = 0;
  let converged = true;
  for (let l = 0; l < levels.length; l++) {
    const mm = levels[l]!;
    const finest = l === levels.length - 1;
    const metric = levelMetric(problem, mm, finest, l);
    best = metric.cost(x);
    if (finest) {
      // The coarse levels' pose may score lower here than the start: never end up worse.
      before = -metric.cost(zero);
      if (-before < best) [x, best] = [zero, -before];
    }
    const r = powell(metric.cost, x, best, mm, maxIterations, signal, (f) => progress((l + f) / levels.length));
    [x, best] = [r.x, r.cost];
    iterations += r.sweeps;
    converged &&= r.converged;
  }
  signal?.throwIfAborted();
  const after = -best;
  progress(1);
  if (!(after > before)) {
    return {
      matrix: [...initial],
      metricBefore: before,
      metricAfter: before,
      iterations,
      changeMm: 0,
      rotationDeg: 0,
      converged: false,
    };
  }
  return {
    matrix: refined(initial, x, region.centre, region.lever),
    metricBefore: before,
    metricAfter: after,
    iterations,
    changeMm: Math.hypot(x[3]!, x[4]!, x[5]!),
    rotationDeg: (Math.hypot(x[0]!, x[1]!, x[2]!) / region.lever) * (180 / Math.PI),
    converged,
  };
}

/**
 * Powell's direction-set method from x with line-search step h = mm/2 down to mm/16: after each
 * sweep the net move joins the set (it learns the valley where rotation and translation couple,
 * i.e. when the region's content is off-centre); h halves once a sweep moves less than h.
 */
function powell(
  cost: (x: number[]) => number,
  x: number[],
  best: number,
  mm: number,
  maxSweeps: number,
  signal: AbortSignal | undefined,
  onSweep: (fraction: number) => void,
) {
  let h = mm / 2;
  const minH = mm / 16;
  const dirs: number[][] = [0, 1, 2, 3, 4, 5].map((d) => x.map((_, n) => (n === d ? 1 : 0)));
  let sweeps = 0;
  for (; sweeps < maxSweeps && h >= minH; sweeps++) {
    signal?.throwIfAborted();
    const x0 = x;
    const c0 = best;
    let biggest = 0;
    let biggestAt = 0;
    for (let d = 0; d < 6; d++) {
      const r = lineMin(cost, x, dirs[d]!, h, best);
      if (best - r.cost > biggest) [biggest, biggestAt] = [best - r.cost, d];
      [x, best] = [r.x, r.cost];
    }
    const delta = x.map((v, n) => v - x0[n]!);
    const moved = Math.hypot(...delta);
    if (moved > h / 4 && best < c0) {
      const u = delta.map((v) => v / moved);
      const r = lineMin(cost, x, u, h, best);
      [x, best] = [r.x, r.cost];
      dirs.splice(biggestAt, 1);
      dirs.push(u);
    }
    if (Math.hypot(...x.map((v, n) => v - x0[n]!)) < h) h /= 2;
    onSweep(Math.min(1, Math.log2(mm / 2 / h) / 3));
  }
  return { x, cost: best, sweeps, converged: h < minH };
}

/**
 * Minimises along unit direction u from x: probes ±h, doubles the step while it keeps
 * improving (gaps h, 2h, 4h, 8h), then tries the vertex of the parabola through the best three points.
 */
function lineMin(cost: (x: number[]) => number, x: number[], u: number[], h: number, c0: number) {
  const at = (t: number) => x.map((v, n) => v + t * u[n]!);
  const f = (t: number) => cost(at(t));
  let [ta, fa, tb, fb] = [-h, f(-h), 0, c0];
  let [tc, fc] = [h, f(h)];
  if (fa < fb && fa < fc) [ta, fa, tc, fc] = [tc, fc, ta, fa]; // walk towards -h
  if (fc < fb) {
    // expand: (a, b, c) -> (b, c, c + 2(c - b)) while c improves
    for (let n = 0; n < 3 && fc < fb; n++) {
      const tn = tc + 2 * (tc - tb);
      [ta, fa, tb, fb, tc, fc] = [tb, fb, tc, fc, tn, f(tn)];
    }
    if (fc < fb) return { x: at(tc), cost: fc };
  }
  // Vertex of the parabola through (ta, fa), (tb, fb), (tc, fc) with fb the lowest.
  const p = (tb - ta) * (fb - fc);
  const q = (tb - tc) * (fb - fa);
  const denom = 2 * (p - q);
  if (Number.isFinite(denom) && denom !== 0) {
    const tv = tb - ((tb - ta) * p - (tb - tc) * q) / denom;
    if (Number.isFinite(tv) && Math.abs(tv - tb) > h / 16 && (tv - ta) * (tv - tc) < 0) {
      const fv = f(tv);
      if (fv < fb) return { x: at(tv), cost: fv };
    }
  }
  return { x: at(tb), cost: fb };
}

interface Region {
  centre: Vec3;
  /** Radius (mm) that scales rotations to displacements. */
  lever: number;
  volumeMm3: number;
  /** Fixed index-space box [lo, hi) holding the region. */
  lo: Vec3;
  hi: Vec3;
  /** A random point of the region in fixed LPS, or null to reject the draw. */
  draw(random: () => number): Vec3 | null;
  /** Error when too few draws succeed. */
  empty: string;
}

function describeRegion(fixed: Grid, moving: Grid, initial: number[], spec: RigidRefineOptions['region']): Region {
  const dims = fixed.dims;
  const voxelMm3 = fixed.spacing[0] * fixed.spacing[1] * fixed.spacing[2];
  const inFixed = (p: Vec3) => inside(fixed, patientToIndex(fixed, p));
  if (spec && 'centre' in spec) {
    const { centre: c, radiusMm: r } = spec;
    if (!(r > 0)) throw new Error('region radius must be positive');
    const corners = cubeCorners(c, r).map((p) => patientToIndex(fixed, p));
    const [lo, hi] = boxOf(corners, dims);
    return {
      centre: c,
      lever: r,
      volumeMm3: (4 / 3) * Math.PI * r ** 3,
      lo,
      hi,
      draw: (random) => {
        const p: Vec3 = [c[0] + r * (2 * random() - 1), c[1] + r * (2 * random() - 1), c[2] + r * (2 * random() - 1)];
        return (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2 <= r * r && inFixed(p) ? p : null;
      },
      empty: 'the region of interest lies (almost) outside the fixed image',
    };
  }
  if (spec && 'mask' in spec) {
    const mask = spec.mask;
    if (mask.length !== dims[0] * dims[1] * dims[2]) throw new Error('region mask does not match the fixed grid');
    const lo: Vec3 = [Infinity, Infinity, Infinity];
    const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
    const sum: Vec3 = [0, 0, 0];
    let count = 0;
    for (let k = 0, n = 0; k < dims[2]; k++)
      for (let j = 0; j < dims[1]; j++)
        for (let i = 0; i < dims[0]; i++, n++) {
          if (!mask[n]) continue;
          const ijk: Vec3 = [i, j, k];
          for (let a = 0; a < 3; a++) {
            lo[a] = Math.min(lo[a], ijk[a]!);
            hi[a] = Math.max(hi[a], ijk[a]! + 1);
            sum[a] += ijk[a]!;
          }
          count++;
        }
    if (count === 0) throw new Error('region mask is empty');
    const centre = indexToPatient(fixed, sum[0] / count, sum[1] / count, sum[2] / count);
    const volumeMm3 = count * voxelMm3;
    return {
      centre,
      lever: Math.max(10, Math.cbrt(volumeMm3 / ((4 / 3) * Math.PI))),
      volumeMm3,
      lo,
      hi,
      draw: (random) => {
        const ijk = [0, 1, 2].map((a) => lo[a]! - 0.5 + (hi[a]! - lo[a]!) * random()) as Vec3;
        const [i, j, k] = ijk.map((v, a) => Math.min(dims[a]! - 1, Math.max(0, Math.round(v))));
        return mask[i! + dims[0] * (j! + dims[1] * k!)] && inside(fixed, ijk) ? indexToPatient(fixed, ...ijk) : null;
      },
      empty: 'the region mask is too small',
    };
  }
  // Whole overlap: fixed points that the initial transform maps inside the moving image.
  const inverse = invertAffine(initial);
  const inMoving = (p: Vec3) => inside(moving, patientToIndex(moving, applyTransform(inverse, p)));
  const centre = indexToPatient(fixed, (dims[0] - 1) / 2, (dims[1] - 1) / 2, (dims[2] - 1) / 2);
  const extent = dims.map((n, a) => n * fixed.spacing[a]!);
  return {
    centre,
    lever: Math.hypot(...extent) / 4,
    volumeMm3: extent[0]! * extent[1]! * extent[2]!,
    lo: [0, 0, 0],
    hi: [...dims],
    draw: (random) => {
      const p = indexToPatient(fixed, (dims[0] - 1) * random(), (dims[1] - 1) * random(), (dims[2] - 1) * random());
      return inMoving(p) ? p : null;
    },
    empty: regionOutside,
  };
}

interface Problem {
  fixed: ScalarVolume;
  moving: ScalarVolume;
  initial: number[];
  region: Region;
  sampleCount: number;
  minOverlap: number;
}

/**
 * Builds a level's images and points; cost(x) = -NCC, Infinity when overlap is lost or x is out
 * of range. The finest level reads both images at native resolution (no copy).
 */
function levelMetric(problem: Problem, mm: number, finest: boolean, level: number): { cost(x: number[]): number } {
  const { fixed, moving, initial, region, sampleCount, minOverlap } = problem;
  const block = finest ? 0 : mm;
  const fixedImage = blockAverage(fixed, region.lo, region.hi, block);
  const [mlo, mhi] = boxOf(
    boxCorners(fixed.grid, region.lo, region.hi).map((p) =>
      patientToIndex(moving.grid, applyTransform(invertAffine(initial), p)),
    ),
    moving.grid.dims,
    moving.grid.spacing.map((s) => MARGIN_MM / s) as Vec3,
  );
  if (mlo.some((v, a) => v >= mhi[a]!)) throw new Error(regionOutside);
  const movingImage = blockAverage(moving, mlo, mhi, block);

  // Points: uniform in the region, seeded per level.
  const wanted = Math.min(sampleCount, Math.max(2000, Math.ceil((2 * region.volumeMm3) / mm ** 3)));
  const random = mulberry32(0x9e3779b9 ^ (level + 1));
  const pts: number[] = [];
  const values: number[] = [];
  for (let tries = 0; pts.length < 3 * wanted && tries < 50 * wanted; tries++) {
    const p = region.draw(random);
    if (!p) continue;
    const v = trilinear(fixedImage, patientToIndex(fixedImage.grid, p));
    if (Number.isNaN(v)) continue;
    pts.push(p[0], p[1], p[2]);
    values.push(v);
  }
  const count = values.length;
  if (count < MIN_POINTS) throw new Error(region.empty);
  const px = new Float64Array(count);
  const py = new Float64Array(count);
  const pz = new Float64Array(count);
  const fv = new Float64Array(count);
  const mean = values.reduce((s, v) => s + v, 0) / count;
  // Visit points in slabs and rows of ~2 blocks: neighbouring reads hit the cache (~2x faster).
  const cell = 2 * mm;
  const key = (n: number) =>
    (Math.floor(pts[3 * n + 2]! / cell) * 2048 + Math.floor(pts[3 * n + 1]! / cell)) * 4096 + pts[3 * n]! / cell;
  const order = Array.from({ length: count }, (_, n) => [key(n), n] as const).sort((a, b) => a[0] - b[0]);
  order.forEach(([, n], s) => {
    px[s] = pts[3 * n]!;
    py[s] = pts[3 * n + 1]!;
    pz[s] = pts[3 * n + 2]!;
    fv[s] = values[n]! - mean;
  });

  const g = movingImage.grid;
  const [nx, ny, nz] = g.dims;
  const nxy = nx * ny;
  const data = movingImage.data;
  const toIndex = patientToIndexMatrix(g);
  const minCount = Math.max(MIN_POINTS, minOverlap * count);
  const cost = (x: number[]): number => {
    if (x.some((v) => Math.abs(v) > MAX_CHANGE_MM)) return Infinity;
    const a = multiply(toIndex, invertAffine(refined(initial, x, region.centre, region.lever)));
    let n = 0;
    let sf = 0;
    let sm = 0;
    let sff = 0;
    let smm = 0;
    let sfm = 0;
    for (let s = 0; s < count; s++) {
      const X = px[s]!;
      const Y = py[s]!;
      const Z = pz[s]!;
      let u = a[0]! * X + a[1]! * Y + a[2]! * Z + a[3]!;
      let v = a[4]! * X + a[5]! * Y + a[6]! * Z + a[7]!;
      let w = a[8]! * X + a[9]! * Y + a[10]! * Z + a[11]!;
      if (u < 0 || v < 0 || w < 0 || u > nx - 1 || v > ny - 1 || w > nz - 1) continue;
      const i = Math.min(Math.floor(u), nx - 2);
      const j = Math.min(Math.floor(v), ny - 2);
      const k = Math.min(Math.floor(w), nz - 2);
      u -= i;
      v -= j;
      w -= k;
      const b = i + nx * j + nxy * k;
      const c00 = data[b]! + (data[b + 1]! - data[b]!) * u;
      const c10 = data[b + nx]! + (data[b + nx + 1]! - data[b + nx]!) * u;
      const c01 = data[b + nxy]! + (data[b + nxy + 1]! - data[b + nxy]!) * u;
      const c11 = data[b + nxy + nx]! + (data[b + nxy + nx + 1]! - data[b + nxy + nx]!) * u;
      const c0 = c00 + (c10 - c00) * v;
      const m = c0 + (c01 + (c11 - c01) * v - c0) * w;
      const f = fv[s]!;
      n++;
      sf += f;
      sm += m;
      sff += f * f;
      smm += m * m;
      sfm += f * m;
    }
    if (n < minCount) return Infinity;
    const varF = sff - (sf * sf) / n;
    const varM = smm - (sm * sm) / n;
    if (!(varF > 0 && varM > 0)) return Infinity;
    return -(sfm - (sf * sm) / n) / Math.sqrt(varF * varM);
  };
  if (!Number.isFinite(cost([0, 0, 0, 0, 0, 0]))) throw new Error(regionOutside);
  return { cost };
}

/** Most voxels read per block and axis: a coarse level samples its blocks instead of reading every voxel. */
const READS_PER_AXIS = 2;

/**
 * Crop [lo, hi) of a volume averaged in blocks of about mm per axis, as a volume on its own
 * grid; each block averages up to 2x2x2 evenly spread voxels and its grid point is their mean
 * position, so sampling shifts nothing. Blocks of one voxel return the volume itself (no copy).
 */
function blockAverage(vol: ScalarVolume, lo: Vec3, hi: Vec3, mm: number): { grid: Grid; data: ScalarArray } {
  const { grid } = vol;
  const len = [0, 1, 2].map((a) => hi[a]! - lo[a]!);
  if (!(mm > 0) || len.some((v) => v < 2)) return vol;
  // Blocks no larger than half the crop, so trilinear interpolation always has two planes.
  const f = grid.spacing.map((s, a) => Math.max(1, Math.min(Math.round(mm / s), Math.floor(len[a]! / 2)))) as Vec3;
  const n = [0, 1, 2].map((a) => Math.floor(len[a]! / f[a]!)) as Vec3;
  if (f.every((v) => v === 1)) return vol;
  const reads = f.map((fa) => {
    const m = Math.min(fa, READS_PER_AXIS);
    return Array.from({ length: m }, (_, q) => Math.floor(((q + 0.5) * fa) / m));
  });
  const [rx, ry, rz] = reads as [number[], number[], number[]];
  // Source column and output column of every read along a row.
  const srcI = new Int32Array(n[0] * rx.length);
  const outI = new Int32Array(n[0] * rx.length);
  for (let b = 0, t = 0; b < n[0]; b++) for (const o of rx) [srcI[t], outI[t++]] = [lo[0] + b * f[0] + o, b];
  const out = new Float32Array(n[0] * n[1] * n[2]);
  const [sx, sy] = grid.dims;
  const src = vol.data;
  for (let bk = 0; bk < n[2]; bk++)
    for (const oz of rz)
      for (let bj = 0; bj < n[1]; bj++)
        for (const oy of ry) {
          const row = sx * (lo[1] + bj * f[1] + oy + sy * (lo[2] + bk * f[2] + oz));
          const orow = n[0] * (bj + n[1] * bk);
          for (let t = 0; t < srcI.length; t++) out[orow + outI[t]!]! += src[row + srcI[t]!]!;
        }
  const scale = 1 / (rx.length * ry.length * rz.length);
  for (let v = 0; v < out.length; v++) out[v]! *= scale;
  const mean = (r: number[]) => r.reduce((acc, v) => acc + v, 0) / r.length;
  return {
    grid: {
      dims: n,
      spacing: [grid.spacing[0] * f[0], grid.spacing[1] * f[1], grid.spacing[2] * f[2]],
      origin: indexToPatient(grid, lo[0] + mean(rx), lo[1] + mean(ry), lo[2] + mean(rz)),
      direction: grid.direction,
    },
    data: out,
  };
}

/** Trilinear value at a continuous index, NaN outside [0, n-1]. */
function trilinear(vol: { grid: Grid; data: ScalarArray }, [x, y, z]: Vec3): number {
  const [nx, ny, nz] = vol.grid.dims;
  if (x < 0 || y < 0 || z < 0 || x > nx - 1 || y > ny - 1 || z > nz - 1) return NaN;
  const i = Math.min(Math.floor(x), nx - 2);
  const j = Math.min(Math.floor(y), ny - 2);
  const k = Math.min(Math.floor(z), nz - 2);
  let v = 0;
  for (let c = 0; c < 8; c++) {
    const di = c & 1;
    const dj = (c >> 1) & 1;
    const dk = (c >> 2) & 1;
    const w = (di ? x - i : 1 - x + i) * (dj ? y - j : 1 - y + j) * (dk ? z - k : 1 - z + k);
    if (w !== 0) v += w * vol.data[i + di + nx * (j + dj + ny * (k + dk))]!;
  }
  return v;
}

/** Initial transform followed by a rotation (vector x[0..2]/lever rad) about c and translation x[3..5]. */
function refined(initial: number[], x: number[], c: Vec3, lever: number): number[] {
  const r = rotationMatrix(x[0]! / lever, x[1]! / lever, x[2]! / lever);
  const t = [0, 1, 2].map((a) => c[a]! + x[3 + a]! - (r[3 * a]! * c[0] + r[3 * a + 1]! * c[1] + r[3 * a + 2]! * c[2]));
  const d = [...r.slice(0, 3), t[0]!, ...r.slice(3, 6), t[1]!, ...r.slice(6, 9), t[2]!, 0, 0, 0, 1];
  return multiply(d, initial);
}

/** Rodrigues: row-major 3x3 rotation for a rotation vector (radians). */
function rotationMatrix(wx: number, wy: number, wz: number): number[] {
  const angle = Math.hypot(wx, wy, wz);
  if (angle < 1e-12) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const [x, y, z] = [wx / angle, wy / angle, wz / angle];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
  ];
}

/** Row-major 4x4 product a·b. */
function multiply(a: number[], b: number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) out[4 * r + c]! += a[4 * r + k]! * b[4 * k + c]!;
  return out;
}

/** Inverse of a row-major 4x4 affine (general 3x3 part, so a non-rigid initial still works). */
function invertAffine(m: number[]): number[] {
  const [a, b, c, , d, e, f, , g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (!(Math.abs(det) > 1e-12)) throw new Error('initial transform is singular');
  const r = [
    (e * i - f * h) / det,
    (c * h - b * i) / det,
    (b * f - c * e) / det,
    (f * g - d * i) / det,
    (a * i - c * g) / det,
    (c * d - a * f) / det,
    (d * h - e * g) / det,
    (b * g - a * h) / det,
    (a * e - b * d) / det,
  ];
  const t = [m[3]!, m[7]!, m[11]!];
  const ti = [0, 1, 2].map((row) => -(r[3 * row]! * t[0]! + r[3 * row + 1]! * t[1]! + r[3 * row + 2]! * t[2]!));
  return [...r.slice(0, 3), ti[0]!, ...r.slice(3, 6), ti[1]!, ...r.slice(6, 9), ti[2]!, 0, 0, 0, 1];
}

/** Row-major 3x4 (as 4x4) taking LPS mm to continuous voxel index of grid (orthonormal direction). */
function patientToIndexMatrix(g: Grid): number[] {
  const d = g.direction;
  const out: number[] = [];
  for (let a = 0; a < 3; a++) {
    const row = [d[3 * a]! / g.spacing[a]!, d[3 * a + 1]! / g.spacing[a]!, d[3 * a + 2]! / g.spacing[a]!];
    out.push(...row, -(row[0]! * g.origin[0] + row[1]! * g.origin[1] + row[2]! * g.origin[2]));
  }
  return [...out, 0, 0, 0, 1];
}

function inside(g: Grid, [x, y, z]: Vec3): boolean {
  const [nx, ny, nz] = g.dims;
  return x >= 0 && y >= 0 && z >= 0 && x <= nx - 1 && y <= ny - 1 && z <= nz - 1;
}

function cubeCorners(c: Vec3, r: number): Vec3[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((n) => [
    c[0] + (n & 1 ? r : -r),
    c[1] + (n & 2 ? r : -r),
    c[2] + (n & 4 ? r : -r),
  ]);
}

/** Patient corners of the index box [lo, hi). */
function boxCorners(g: Grid, lo: Vec3, hi: Vec3): Vec3[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((n) =>
    indexToPatient(g, n & 1 ? hi[0] - 1 : lo[0], n & 2 ? hi[1] - 1 : lo[1], n & 4 ? hi[2] - 1 : lo[2]),
  );
}

/** Integer index box [lo, hi) around continuous indices, padded and clamped to the grid. */
function boxOf(ps: Vec3[], dims: Vec3, pad: Vec3 = [1, 1, 1]): [Vec3, Vec3] {
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(Math.min(...ps.map((p) => p[a]!)) - pad[a]!))) as Vec3;
  const hi = [0, 1, 2].map((a) =>
    Math.min(dims[a]!, Math.ceil(Math.max(...ps.map((p) => p[a]!)) + pad[a]!) + 1),
  ) as Vec3;
  return [lo, hi];
}

/** Small seeded PRNG (Mulberry32): deterministic points, no dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
