import { zoneCentre, type Applicator } from '../volume/ablationZone';
import type { Vec3 } from '../volume/grid';

/**
 * Points on an applicator's ellipsoidal zone surface (LPS mm), rings about the applicator axis.
 * Projected onto any view, their convex hull is the zone's outline: the projection of a convex
 * body is convex, under parallel and (in front of the camera) perspective projection alike.
 */
export function zoneSurfacePoints(a: Applicator, rings = 12, perRing = 24): Vec3[] {
  const { centre, axis } = zoneCentre(a);
  // Any unit vector not parallel to the axis, made orthogonal: the ring basis u, v.
  const seed: Vec3 = Math.abs(axis[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const dot = seed[0] * axis[0] + seed[1] * axis[1] + seed[2] * axis[2];
  const u0: Vec3 = [seed[0] - dot * axis[0], seed[1] - dot * axis[1], seed[2] - dot * axis[2]];
  const un = Math.hypot(...u0);
  const u: Vec3 = [u0[0] / un, u0[1] / un, u0[2] / un];
  const v: Vec3 = [axis[1] * u[2] - axis[2] * u[1], axis[2] * u[0] - axis[0] * u[2], axis[0] * u[1] - axis[1] * u[0]];
  const L = a.longAxisMm / 2;
  const S = a.shortAxisMm / 2;
  const out: Vec3[] = [];
  for (let r = 0; r <= rings; r++) {
    const theta = (Math.PI * r) / rings;
    const along = L * Math.cos(theta);
    const radius = S * Math.sin(theta);
    const count = r === 0 || r === rings ? 1 : perRing;
    for (let p = 0; p < count; p++) {
      const phi = (2 * Math.PI * p) / count;
      const c = radius * Math.cos(phi);
      const s = radius * Math.sin(phi);
      out.push([
        centre[0] + along * axis[0] + c * u[0] + s * v[0],
        centre[1] + along * axis[1] + c * u[1] + s * v[1],
        centre[2] + along * axis[2] + c * u[2] + s * v[2],
      ]);
    }
  }
  return out;
}
