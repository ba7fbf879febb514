import type { Vec3 } from '../../volume/grid';
import type { Rng } from '../random';

/**
 * A lesion's geometry in patient space (LPS mm): a rotated ellipsoid whose radius is modulated
 * by a few smooth bumps, so lesions are mildly oval and lumpy rather than perfect spheres. The
 * surface is star-shaped about the centre, which gives an exact inside test (|q| <= R(u)) and
 * a radial signed distance that is close to Euclidean for the mild shapes made here.
 */
export interface LesionShape {
  centreLps: Vec3;
  /** Semi-axes (mm) along axes[0], axes[1], axes[2]. */
  radiiMm: Vec3;
  /** Orthonormal principal directions in LPS. */
  axes: [Vec3, Vec3, Vec3];
  /** Radius factor 1 + sum(amp * exp((u.dir - 1) / width)) over these bumps. */
  lumps: { dir: Vec3; amp: number; width: number }[];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Uniform random direction (normalised Gaussian triple). */
export function randomDirection(rng: Rng): Vec3 {
  for (;;) {
    const v: Vec3 = [rng.gaussian(), rng.gaussian(), rng.gaussian()];
    if (Math.hypot(v[0], v[1], v[2]) > 1e-6) return normalise(v);
  }
}

/** Radius (mm) of the shape along unit direction u (LPS). */
export function radiusAlong(shape: LesionShape, u: Vec3): number {
  const [a, b, c] = shape.axes;
  const [ra, rb, rc] = shape.radiiMm;
  const e = 1 / Math.sqrt((dot(u, a) / ra) ** 2 + (dot(u, b) / rb) ** 2 + (dot(u, c) / rc) ** 2);
  let f = 1;
  for (const l of shape.lumps) f += l.amp * Math.exp((dot(u, l.dir) - 1) / l.width);
  return e * f;
}

/**
 * Radial signed distance (mm, negative inside) of p to the surface, and t = |q| / R(u): the
 * normalised radius that ring profiles are drawn on (0 at the centre, 1 on the surface).
 */
export function radialDistance(shape: LesionShape, p: Vec3): { signedMm: number; t: number; radiusMm: number } {
  const q: Vec3 = [p[0] - shape.centreLps[0], p[1] - shape.centreLps[1], p[2] - shape.centreLps[2]];
  const r = Math.hypot(q[0], q[1], q[2]);
  if (r < 1e-9) {
    const r0 = radiusAlong(shape, shape.axes[0]);
    return { signedMm: -r0, t: 0, radiusMm: r0 };
  }
  const radius = radiusAlong(shape, [q[0] / r, q[1] / r, q[2] / r]);
  return { signedMm: r - radius, t: r / radius, radiusMm: radius };
}

/** Upper bound of R(u) over all directions (for bounding boxes and placement clearances). */
export function maxRadiusMm(shape: LesionShape): number {
  const lumpMax = shape.lumps.reduce((s, l) => s + Math.max(0, l.amp), 0);
  return Math.max(...shape.radiiMm) * (1 + lumpMax);
}

/** Radius of the sphere of equal (lump-free) volume. */
export function meanRadiusMm(shape: LesionShape): number {
  return Math.cbrt(shape.radiiMm[0] * shape.radiiMm[1] * shape.radiiMm[2]);
}

/** Volume (mL) enclosed by the surface: (1/3) * integral of R(u)^3 over directions (Fibonacci sphere). */
export function shapeVolumeMl(shape: LesionShape, samples = 4000): number {
  const golden = Math.PI * (3 - Math.sqrt(5));
  let sum = 0;
  for (let n = 0; n < samples; n++) {
    const z = 1 - (2 * (n + 0.5)) / samples;
    const rho = Math.sqrt(1 - z * z);
    const u: Vec3 = [rho * Math.cos(golden * n), rho * Math.sin(golden * n), z];
    sum += radiusAlong(shape, u) ** 3;
  }
  return (((4 * Math.PI) / 3) * (sum / samples)) / 1000;
}

export interface ShapeOptions {
  /** Largest / smallest axis ratio (1 = sphere); default 1.1-1.3 at random. */
  elongation?: number;
  /** Bump amplitude as a fraction of the radius; default 0.04-0.08, 0 for a smooth ellipsoid. */
  lumpiness?: number;
}

/**
 * A random shape whose lump-free volume equals a sphere of diameterMm: the axes are scaled by
 * e^(1/2), 1, e^(-1/2) of the elongation e (product 1) and oriented at random.
 */
export function randomShape(rng: Rng, centreLps: Vec3, diameterMm: number, options: ShapeOptions = {}): LesionShape {
  const e = options.elongation ?? rng.range(1.1, 1.3);
  const r = diameterMm / 2;
  const a = randomDirection(rng);
  const b = normalise(cross(a, randomDirection(rng)));
  const c = cross(a, b);
  const lumpiness = options.lumpiness ?? rng.range(0.04, 0.08);
  const lumps =
    lumpiness > 0
      ? Array.from({ length: 5 }, () => ({
          dir: randomDirection(rng),
          amp: lumpiness * rng.range(-0.6, 1),
          width: rng.range(0.15, 0.35),
        }))
      : [];
  return { centreLps, radiiMm: [r * Math.sqrt(e), r, r / Math.sqrt(e)], axes: [a, b, c], lumps };
}
