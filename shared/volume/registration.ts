import type { Vec3 } from './grid';
import { symmetricEigen } from './symmetricEigen';

export interface LandmarkRegistration {
  /** Row-major 4x4 rigid transform taking moving-space points (LPS mm) to fixed space. */
  matrix: number[];
  /** Distance (mm) between each transformed moving point and its fixed partner. */
  residualsMm: number[];
  rmsMm: number;
}

/**
 * Rigid (rotation + translation, no scaling) landmark registration by Horn's closed-form unit
 * quaternion method (JOSA A 1987): the rotation is the top eigenvector of a 4x4 symmetric
 * matrix built from the cross-covariance of the centred point sets. Refuses fewer than three
 * pairs and (near-)collinear point sets, whose rotation about the line is undetermined.
 */
export function registerLandmarks(fixed: Vec3[], moving: Vec3[]): LandmarkRegistration {
  if (fixed.length !== moving.length) {
    throw new Error(`landmark counts differ: ${fixed.length} fixed vs ${moving.length} moving`);
  }
  if (fixed.length < 3) throw new Error(`need at least 3 landmark pairs, got ${fixed.length}`);
  const cf = centroid(fixed);
  const cm = centroid(moving);
  assertNotCollinear(fixed, cf, 'fixed');
  assertNotCollinear(moving, cm, 'moving');
  const s = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let p = 0; p < fixed.length; p++) {
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) s[a]![b]! += (moving[p]![a]! - cm[a]) * (fixed[p]![b]! - cf[b]);
    }
  }
  const [[sxx, sxy, sxz], [syx, syy, syz], [szx, szy, szz]] = s as [Vec3, Vec3, Vec3];
  const n = [
    [sxx + syy + szz, syz - szy, szx - sxz, sxy - syx],
    [syz - szy, sxx - syy - szz, sxy + syx, szx + sxz],
    [szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy],
    [sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz],
  ];
  const [q0, qx, qy, qz] = symmetricEigen(n).vectors[0]! as [number, number, number, number];
  const r = [
    [q0 * q0 + qx * qx - qy * qy - qz * qz, 2 * (qx * qy - q0 * qz), 2 * (qx * qz + q0 * qy)],
    [2 * (qy * qx + q0 * qz), q0 * q0 - qx * qx + qy * qy - qz * qz, 2 * (qy * qz - q0 * qx)],
    [2 * (qz * qx - q0 * qy), 2 * (qz * qy + q0 * qx), q0 * q0 - qx * qx - qy * qy + qz * qz],
  ];
  const t = [0, 1, 2].map((a) => cf[a]! - (r[a]![0]! * cm[0] + r[a]![1]! * cm[1] + r[a]![2]! * cm[2]));
  const matrix = [...r[0]!, t[0]!, ...r[1]!, t[1]!, ...r[2]!, t[2]!, 0, 0, 0, 1];
  const residualsMm = moving.map((m, p) => {
    const x = applyTransform(matrix, m);
    return Math.hypot(x[0] - fixed[p]![0], x[1] - fixed[p]![1], x[2] - fixed[p]![2]);
  });
  const rmsMm = Math.sqrt(residualsMm.reduce((acc, e) => acc + e * e, 0) / residualsMm.length);
  return { matrix, residualsMm, rmsMm };
}

/** Applies a row-major 4x4 affine to a point. */
export function applyTransform(m: number[], p: Vec3): Vec3 {
  return [
    m[0]! * p[0] + m[1]! * p[1] + m[2]! * p[2] + m[3]!,
    m[4]! * p[0] + m[5]! * p[1] + m[6]! * p[2] + m[7]!,
    m[8]! * p[0] + m[9]! * p[1] + m[10]! * p[2] + m[11]!,
  ];
}

function centroid(ps: Vec3[]): Vec3 {
  const c: Vec3 = [0, 0, 0];
  for (const p of ps) for (let a = 0; a < 3; a++) c[a] += p[a]! / ps.length;
  return c;
}

/** Second principal spread below 1e-3 of the first (or all points coincide) = collinear. */
function assertNotCollinear(ps: Vec3[], c: Vec3, which: string): void {
  const cov = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (const p of ps) {
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) cov[a]![b]! += (p[a]! - c[a]!) * (p[b]! - c[b]!);
  }
  const [l1, l2] = symmetricEigen(cov).values as [number, number, number];
  if (!(l1 > 0) || Math.sqrt(Math.max(l2, 0) / l1) < 1e-3) {
    throw new Error(`${which} landmarks are collinear (or coincide): pick points not on one line`);
  }
}
