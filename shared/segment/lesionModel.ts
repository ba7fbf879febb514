import { squaredDistanceToFeature } from '../volume/distance';
import type { Grid, Vec3 } from '../volume/grid';
import { labelComponents } from './morphology';

/**
 * Shape models for splitting confluent lesions.
 *
 * Touching metastases of the same enhancement form one connected region with no intensity edge
 * between them, so the split has to come from shape. Each lesion is modelled as a star-shaped
 * body around a centre, its radius a smooth function of direction (a constant plus first- and
 * second-order terms: sphere, offset, ellipsoid-like elongation), fitted robustly to the points
 * where rays from the centre leave the region into surrounding tissue. Points where a ray runs on
 * into a neighbour (far too long) do not fit and are outvoted; where it leaves through the liver
 * capsule the lesion is truncated there, not rounded off, so such points only bound the model
 * from below. The lesion must fill its model: rays ending well inside a candidate count against it. Where two models overlap, the larger lesion
 * keeps the voxels: a smaller deposit pressed against a larger one is read as indented by it
 * (the dominant mass keeps its convex outline).
 *
 * Geometry runs in a millimetre frame aligned with the voxel axes: q = (i*sx, j*sy, k*sz).
 */

export interface RadialModel {
  /** Centre in the millimetre frame. */
  centre: Vec3;
  /** Radius as a function of direction: coefficients of the radial basis (see basis()). */
  coef: Float64Array;
  /** Mean radius (mm) over directions (= coef[0]). */
  radius: number;
}

const BASIS_SIZE = 9;
/** A sphere hypothesis must hold the seed within this fraction of its radius. */
const HOLD = 0.85;

/** Radial basis: constant, first order (offset), second order (elongation, tilt). */
function basis(ux: number, uy: number, uz: number, out: Float64Array): Float64Array {
  out[0] = 1;
  out[1] = ux;
  out[2] = uy;
  out[3] = uz;
  out[4] = ux * uy;
  out[5] = ux * uz;
  out[6] = uy * uz;
  out[7] = ux * ux - uy * uy;
  out[8] = 3 * uz * uz - 1;
  return out;
}

const scratch = new Float64Array(BASIS_SIZE);

/** Model radius (mm) in the direction of the point q (millimetre frame). */
export function modelRadiusTowards(model: RadialModel, q: Vec3): number {
  const dx = q[0] - model.centre[0];
  const dy = q[1] - model.centre[1];
  const dz = q[2] - model.centre[2];
  const d = Math.hypot(dx, dy, dz);
  if (d < 1e-9) return model.radius;
  const b = basis(dx / d, dy / d, dz / d, scratch);
  let r = 0;
  for (let t = 0; t < BASIS_SIZE; t++) r += model.coef[t]! * b[t]!;
  return Math.max(0.25 * model.radius, r);
}

/** Signed distance-like excess (mm): |q - c| minus the model radius towards q; negative inside. */
export function modelExcess(model: RadialModel, q: Vec3): number {
  const d = Math.hypot(q[0] - model.centre[0], q[1] - model.centre[1], q[2] - model.centre[2]);
  return d - modelRadiusTowards(model, q);
}

/** Evenly spread unit vectors (Fibonacci sphere). */
export function sphereDirections(count: number): Vec3[] {
  const out: Vec3[] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let n = 0; n < count; n++) {
    const z = 1 - (2 * (n + 0.5)) / count;
    const r = Math.sqrt(Math.max(0, 1 - z * z));
    const phi = n * golden;
    out.push([r * Math.cos(phi), r * Math.sin(phi), z]);
  }
  return out;
}

export interface RayHits {
  /** Exit points (millimetre frame) of rays that left the region into tissue. */
  points: Vec3[];
  /** Directions whose ray left through the boundary of `within` (or the grid) instead. */
  truncated: number;
  /** Where those rays left: the lesion reaches at least that far in their directions. */
  truncatedPoints: Vec3[];
  /** Directions whose ray reached maxMm without leaving the region. */
  unfinished: number;
}

/**
 * Casts rays from voxel `from` through the region; each ray stops at the first sample outside
 * it. Exits into voxels outside `within` (the liver), or within a voxel and a half of leaving it,
 * or beyond the grid are counted as truncated and returned apart: the lesion ends there because
 * the organ does.
 */
export function castRays(
  region: Uint8Array,
  dims: Vec3,
  spacing: Vec3,
  from: number,
  directions: Vec3[],
  maxMm: number,
  within?: Uint8Array,
): RayHits {
  const [nx, ny, nz] = dims;
  const [sx, sy, sz] = spacing;
  const i0 = from % nx;
  const j0 = Math.floor(from / nx) % ny;
  const k0 = Math.floor(from / (nx * ny));
  const c: Vec3 = [i0 * sx, j0 * sy, k0 * sz];
  const step = 0.5 * Math.min(sx, sy, sz);
  const points: Vec3[] = [];
  const truncatedPoints: Vec3[] = [];
  let truncated = 0;
  let unfinished = 0;
  // The region's edge often stops a voxel short of the organ's (partial volume at the capsule):
  // a ray that leaves `within` soon after the region counts as cut by the organ too.
  const margin = 1.5 * Math.max(sx, sy, sz);
  let u: Vec3 = [0, 0, 0];
  const leavesWithin = (t0: number) => {
    for (let t = t0; t <= t0 + margin; t += step) {
      const i = Math.round((c[0] + u[0] * t) / sx);
      const j = Math.round((c[1] + u[1] * t) / sy);
      const k = Math.round((c[2] + u[2] * t) / sz);
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return true;
      if (!within![i + nx * (j + ny * k)]) return true;
    }
    return false;
  };
  for (u of directions) {
    let t = step;
    let done = false;
    for (; t <= maxMm; t += step) {
      const i = Math.round((c[0] + u[0] * t) / sx);
      const j = Math.round((c[1] + u[1] * t) / sy);
      const k = Math.round((c[2] + u[2] * t) / sz);
      const e = t - step / 2;
      const exit: Vec3 = [c[0] + u[0] * e, c[1] + u[1] * e, c[2] + u[2] * e];
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
        truncated++;
        truncatedPoints.push(exit);
        done = true;
        break;
      }
      const n = i + nx * (j + ny * k);
      if (region[n]) continue;
      if (within && leavesWithin(t)) {
        truncated++;
        truncatedPoints.push(exit);
      } else points.push(exit);
      done = true;
      break;
    }
    if (!done) unfinished++;
  }
  return { points, truncated, truncatedPoints, unfinished };
}

/** Least-squares sphere through points (algebraic fit); null when degenerate. */
export function fitSphere(points: Vec3[]): { centre: Vec3; radius: number } | null {
  if (points.length < 4) return null;
  // 2 c.p + e = |p|^2, unknowns cx, cy, cz, e.
  const A = new Float64Array(16);
  const b = new Float64Array(4);
  const row = new Float64Array(4);
  for (const p of points) {
    row[0] = 2 * p[0];
    row[1] = 2 * p[1];
    row[2] = 2 * p[2];
    row[3] = 1;
    const rhs = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
    for (let a = 0; a < 4; a++) {
      b[a]! += row[a]! * rhs;
      for (let c = 0; c < 4; c++) A[a * 4 + c]! += row[a]! * row[c]!;
    }
  }
  const x = solve(A, b, 4);
  if (!x) return null;
  const centre: Vec3 = [x[0]!, x[1]!, x[2]!];
  const r2 = x[3]! + centre[0] ** 2 + centre[1] ** 2 + centre[2] ** 2;
  if (!(r2 > 0)) return null;
  return { centre, radius: Math.sqrt(r2) };
}

/**
 * Robust radial model through boundary points: a sphere first (RANSAC over spheres holding the
 * start point, then trimmed least-squares refits), then the radial terms around its centre with
 * a ridge pulling the higher terms to zero (so directions with no points stay near the sphere).
 * `reachesAtLeast`: points the lesion is known to extend to (rays cut by the organ's surface).
 */
export function fitRadialModel(
  points: Vec3[],
  start: Vec3,
  startRadius: number,
  reachesAtLeast: Vec3[] = [],
): RadialModel | null {
  if (points.length < 12) return null;
  const tolOf = (r: number) => Math.max(2, 0.1 * r);
  // Points on the sphere count for it. Against it count exits into tissue well inside it (the
  // lesion fills its own outline) and points the lesion is known to reach (where the organ's
  // surface cuts it) lying well outside it.
  const score = (c: Vec3, r: number) => {
    const tol = tolOf(r);
    let v = 0;
    for (const p of points) {
      const d = dist(p, c) - r;
      if (Math.abs(d) < tol) v++;
      else if (d < -tol) v--;
    }
    for (const p of reachesAtLeast) if (dist(p, c) > r + tol) v--;
    return v;
  };
  // The start guess (sphere round the seed), then RANSAC: spheres through 4 random points that
  // hold the seed; the best score wins. Rays into a neighbour or a vessel end far off and are
  // outvoted; a seed off the lesion's centre does not bias it; a larger neighbour whose far side
  // many rays reach is not taken for the lesion, as the lesion's own outline lies inside it.
  let centre = start;
  let radius = startRadius;
  let best = score(centre, radius);
  let seed = 0x9e3779b9;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = (): Vec3 => points[Math.floor(random() * points.length)]!;
  for (let trial = 0; trial < 300; trial++) {
    const s = fitSphere([pick(), pick(), pick(), pick()]);
    if (!s || s.radius < 1 || dist(s.centre, start) >= HOLD * s.radius) continue;
    const v = score(s.centre, s.radius);
    if (v > best) {
      best = v;
      centre = s.centre;
      radius = s.radius;
    }
  }
  let inliers: Vec3[] = [];
  for (let iter = 0; iter < 4; iter++) {
    const tol = tolOf(radius);
    const next = points.filter((p) => Math.abs(dist(p, centre) - radius) < tol);
    if (next.length < 12) break;
    const s = fitSphere(next);
    if (!s || dist(s.centre, start) >= HOLD * s.radius) break;
    inliers = next;
    centre = s.centre;
    radius = s.radius;
  }
  if (inliers.length < 12) return null;
  const fitRadial = (pts: Vec3[]) => {
    const A = new Float64Array(BASIS_SIZE * BASIS_SIZE);
    const rhs = new Float64Array(BASIS_SIZE);
    const b = new Float64Array(BASIS_SIZE);
    for (const p of pts) {
      const dx = p[0] - centre[0];
      const dy = p[1] - centre[1];
      const dz = p[2] - centre[2];
      const d = Math.hypot(dx, dy, dz);
      if (d < 1e-9) continue;
      basis(dx / d, dy / d, dz / d, b);
      for (let a = 0; a < BASIS_SIZE; a++) {
        rhs[a]! += b[a]! * d;
        for (let c = 0; c < BASIS_SIZE; c++) A[a * BASIS_SIZE + c]! += b[a]! * b[c]!;
      }
    }
    // Ridge on the shape terms, scaled to the number of points.
    const lambda = 0.05 * pts.length;
    for (let a = 1; a < BASIS_SIZE; a++) A[a * BASIS_SIZE + a]! += lambda;
    return solve(A, rhs, BASIS_SIZE);
  };
  let coef = fitRadial(inliers);
  if (!coef) return { centre, coef: sphereCoef(radius), radius };
  let model: RadialModel = { centre, coef, radius: coef[0]! };
  // One trimmed refit against the radial model itself.
  const tol = Math.max(2, 0.1 * model.radius);
  const kept = points.filter((p) => Math.abs(modelExcess(model, p)) < tol);
  if (kept.length >= 12) {
    coef = fitRadial(kept);
    if (coef) model = { centre, coef, radius: coef[0]! };
  }
  return model;
}

export function sphereModel(centre: Vec3, radius: number): RadialModel {
  return { centre, coef: sphereCoef(radius), radius };
}

function sphereCoef(radius: number): Float64Array {
  const c = new Float64Array(BASIS_SIZE);
  c[0] = radius;
  return c;
}

function dist(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Gaussian elimination with partial pivoting on an n x n system; null when singular. */
function solve(Ain: Float64Array, bin: Float64Array, n: number): Float64Array | null {
  const A = Float64Array.from(Ain);
  const b = Float64Array.from(bin);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]!) > Math.abs(A[p * n + c]!)) p = r;
    if (Math.abs(A[p * n + c]!) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = A[c * n + k]!;
        A[c * n + k] = A[p * n + k]!;
        A[p * n + k] = t;
      }
      const t = b[c]!;
      b[c] = b[p]!;
      b[p] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c]! / A[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k]! -= f * A[c * n + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= A[r * n + k]! * x[k]!;
    x[r] = s / A[r * n + r]!;
  }
  return x;
}

export interface SplitOptions {
  /** Rays per model fit. */
  rays?: number;
  /** Longest ray (mm). */
  maxMm?: number;
  /** The organ: rays leaving it mark truncation, not the lesion's own outline. */
  within?: Uint8Array;
  /** Most neighbouring lesions modelled. */
  maxModels?: number;
}

export interface SplitResult {
  /** The clicked lesion's voxels (subset of the region). */
  mask: Uint8Array;
  models: RadialModel[];
}

/**
 * The part of `region` (one connected blob that may hold several confluent lesions) belonging to
 * the lesion at `click`. Models the clicked lesion, then every sizeable part of the region its
 * model leaves over that touches it (one model per part, centred on the part's deepest voxel,
 * repeated on what the new model leaves over); then each voxel goes to the largest model that
 * contains it, or, outside all, to the model it lies least far beyond.
 */
export function splitConfluent(
  region: Uint8Array,
  dims: Vec3,
  spacing: Vec3,
  click: number,
  options: SplitOptions = {},
): SplitResult {
  const rays = sphereDirections(options.rays ?? 400);
  const maxMm = options.maxMm ?? 150;
  const maxModels = options.maxModels ?? 12;
  const [nx, ny] = dims;
  const plane = nx * ny;
  const [sx, sy, sz] = spacing;
  const total = region.length;
  const qOf = (n: number): Vec3 => {
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    return [i * sx, j * sy, Math.floor(n / plane) * sz];
  };
  const grid: Grid = { dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const depth2 = squaredDistanceToFeature(region, grid, true);
  const modelAt = (seed: number): RadialModel => {
    const start = qOf(seed);
    const r0 = Math.sqrt(depth2[seed]!);
    const hits = castRays(region, dims, spacing, seed, rays, maxMm, options.within);
    const sorted = hits.points.map((p) => dist(p, start)).sort((a, b) => a - b);
    const med = sorted.length ? sorted[sorted.length >> 1]! : r0;
    return (
      fitRadialModel(hits.points, start, Math.max(r0, med), hits.truncatedPoints) ??
      sphereModel(start, Math.max(r0, med))
    );
  };
  const clickModel = modelAt(click);
  const models: RadialModel[] = [clickModel];
  const reach = (m: RadialModel) => 3 + 0.1 * m.radius;
  // Voxels of the region the models do not yet explain; repeat on the largest touching part.
  const claimed = new Uint8Array(total);
  const claim = (m: RadialModel) => {
    const slack = reach(m);
    const [lo, hi] = modelBox(m, slack + 1, dims, spacing);
    for (let k = lo[2]; k <= hi[2]; k++)
      for (let j = lo[1]; j <= hi[1]; j++)
        for (let i = lo[0]; i <= hi[0]; i++) {
          const n = i + nx * (j + ny * k);
          if (region[n] && !claimed[n] && modelExcess(m, [i * sx, j * sy, k * sz]) <= slack) claimed[n] = 1;
        }
  };
  claim(clickModel);
  const clickReach = reach(clickModel);
  // Voxels near the clicked lesion's model: only parts of the region reaching here compete with it.
  const zone = new Uint8Array(total);
  {
    const [lo, hi] = modelBox(clickModel, clickReach + 3, dims, spacing);
    for (let k = lo[2]; k <= hi[2]; k++)
      for (let j = lo[1]; j <= hi[1]; j++)
        for (let i = lo[0]; i <= hi[0]; i++) {
          const n = i + nx * (j + ny * k);
          if (region[n] && modelExcess(clickModel, [i * sx, j * sy, k * sz]) <= clickReach + 2) zone[n] = 1;
        }
  }
  const minVoxels = Math.max(20, (0.02 * (4 / 3) * Math.PI * clickModel.radius ** 3) / (sx * sy * sz));
  while (models.length < maxModels) {
    const rest = new Uint8Array(total);
    for (let n = 0; n < total; n++) rest[n] = region[n]! & (claimed[n]! ^ 1);
    const { labels, sizes } = labelComponents(rest, dims);
    // Parts that come within the click model's reach plus a margin: only they can compete.
    const near = new Set<number>();
    const best = new Map<number, number>();
    for (let n = 0; n < total; n++) {
      const l = labels[n]!;
      if (!l || sizes[l]! < minVoxels) continue;
      if (zone[n]) near.add(l);
      const b = best.get(l);
      if (b === undefined || depth2[n]! > depth2[b]!) best.set(l, n);
    }
    if (near.size === 0) break;
    let added = false;
    for (const l of near) {
      if (models.length >= maxModels) break;
      const m = modelAt(best.get(l)!);
      // A neighbour model that swallows the clicked lesion's centre is a bad fit: shrink it.
      const cq = clickModel.centre;
      const e = modelExcess(m, cq);
      const fixed = e < 0 ? sphereModel(m.centre, Math.max(1, dist(m.centre, cq) - clickModel.radius / 2)) : m;
      models.push(fixed);
      claim(fixed);
      added = true;
    }
    if (!added) break;
  }
  const mask = new Uint8Array(total);
  const [lo, hi] = modelBox(clickModel, clickReach + 1, dims, spacing);
  for (let k = lo[2]; k <= hi[2]; k++)
    for (let j = lo[1]; j <= hi[1]; j++)
      for (let i = lo[0]; i <= hi[0]; i++) {
        const n = i + nx * (j + ny * k);
        if (!region[n]) continue;
        const q: Vec3 = [i * sx, j * sy, k * sz];
        if (modelExcess(clickModel, q) > clickReach) continue;
        let winner = -1;
        let winnerSize = -1;
        let nearest = -1;
        let nearestExcess = Infinity;
        models.forEach((m, t) => {
          const e = modelExcess(m, q);
          if (e <= 0 && m.radius > winnerSize) {
            winner = t;
            winnerSize = m.radius;
          }
          if (e < nearestExcess) {
            nearest = t;
            nearestExcess = e;
          }
        });
        if ((winner < 0 ? nearest : winner) === 0) mask[n] = 1;
      }
  return { mask, models };
}

/** Index box (clamped) around a model's extent plus slack mm. */
function modelBox(m: RadialModel, slackMm: number, dims: Vec3, spacing: Vec3): [Vec3, Vec3] {
  let rmax = 0;
  for (const u of sphereDirections(200)) {
    const q: Vec3 = [m.centre[0] + u[0], m.centre[1] + u[1], m.centre[2] + u[2]];
    rmax = Math.max(rmax, modelRadiusTowards(m, q));
  }
  const r = rmax + slackMm;
  const lo: Vec3 = [0, 0, 0];
  const hi: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    lo[a] = Math.max(0, Math.floor((m.centre[a]! - r) / spacing[a]!));
    hi[a] = Math.min(dims[a]! - 1, Math.ceil((m.centre[a]! + r) / spacing[a]!));
  }
  return [lo, hi];
}
