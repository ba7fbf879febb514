import type { Vec3 } from '../volume/grid';

/**
 * Row-major 4x4 rigid transform x' = R x + t with R = Rs * Rp * Rl: rotations
 * (degrees, right-handed) about the patient L, P and S axes, the one about L
 * applied first. How a patient lying differently on a second visit is modelled.
 */
export function rigidMatrix(rotationDeg: Vec3, translationMm: Vec3): number[] {
  const [a, b, c] = rotationDeg.map((d) => (d * Math.PI) / 180) as Vec3;
  const rl = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
  const rp = [Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)];
  const rs = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
  const r = mul3(rs, mul3(rp, rl));
  const [tx, ty, tz] = translationMm;
  return [r[0]!, r[1]!, r[2]!, tx, r[3]!, r[4]!, r[5]!, ty, r[6]!, r[7]!, r[8]!, tz, 0, 0, 0, 1];
}

/** Inverse of a rigid row-major 4x4: [R^T | -R^T t]. */
export function invertRigid(m: number[]): number[] {
  const r = [m[0]!, m[4]!, m[8]!, m[1]!, m[5]!, m[9]!, m[2]!, m[6]!, m[10]!];
  const t = [m[3]!, m[7]!, m[11]!];
  const it = [0, 1, 2].map((row) => -(r[3 * row]! * t[0]! + r[3 * row + 1]! * t[1]! + r[3 * row + 2]! * t[2]!));
  return [r[0]!, r[1]!, r[2]!, it[0]!, r[3]!, r[4]!, r[5]!, it[1]!, r[6]!, r[7]!, r[8]!, it[2]!, 0, 0, 0, 1];
}

function mul3(x: number[], y: number[]): number[] {
  const out = new Array<number>(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      out[3 * i + j] = x[3 * i]! * y[j]! + x[3 * i + 1]! * y[3 + j]! + x[3 * i + 2]! * y[6 + j]!;
  return out;
}
