import type { Vec3 } from '../volume/grid';

export interface TrajectoryReadout {
  /** Entry-to-tip length (mm): the insertion depth. */
  depthMm: number;
  /** Unit vector from entry to tip (LPS). */
  direction: Vec3;
  /**
   * Craniocaudal tilt (degrees) out of the axial plane: positive when the tip lies caudal to
   * the entry (the usual subcostal approach), 0 for an in-plane axial path.
   */
  craniocaudalDeg: number;
  /**
   * In-plane angle (degrees) of the path's axial projection from the anteroposterior axis,
   * positive towards patient left; NaN for a purely craniocaudal path.
   */
  axialFromApDeg: number;
  /** Angle (degrees) between the path and each patient axis (L, P, S), 0..180. */
  toAxesDeg: Vec3;
}

const deg = (rad: number) => (rad * 180) / Math.PI;

/**
 * Depth and angles of an applicator path from its entry and tip in patient LPS millimetres, as
 * a radiologist reads them off the planning CT: gantry-style craniocaudal tilt and the in-plane
 * angle on the axial image, referred to the patient axes (never to the image grid, which may be
 * oblique).
 */
export function describeTrajectory(entry: Vec3, tip: Vec3): TrajectoryReadout {
  const d: Vec3 = [tip[0] - entry[0], tip[1] - entry[1], tip[2] - entry[2]];
  const depthMm = Math.hypot(...d);
  if (!(depthMm > 0)) throw new Error('entry and tip are the same point');
  const u: Vec3 = [d[0] / depthMm, d[1] / depthMm, d[2] / depthMm];
  const inPlane = Math.hypot(u[0], u[1]);
  // S is +z in LPS: a caudal tip has u[2] < 0.
  const craniocaudalDeg = deg(Math.atan2(-u[2], inPlane));
  // Anterior is -P; measure from the AP line whichever way the path runs along it.
  const axialFromApDeg = inPlane < 1e-9 ? NaN : deg(Math.atan2(u[0], Math.abs(u[1])));
  const toAxesDeg = u.map((c) => deg(Math.acos(Math.max(-1, Math.min(1, c))))) as Vec3;
  return { depthMm, direction: u, craniocaudalDeg, axialFromApDeg, toAxesDeg };
}
