import type { Vec3 } from './orientationLabels';

const POS = ['L', 'P', 'S'] as const;
const NEG = ['R', 'A', 'I'] as const;

/**
 * Where a view plane sits in the patient, for the overlay: along a main axis
 * it reads like the scanner console ('S 12.5 mm'), for an oblique plane as
 * the signed distance of the plane from the patient origin along its normal.
 */
export function slicePositionLabel(focalPoint: Vec3, viewPlaneNormal: Vec3, digits = 1): string {
  const len = Math.hypot(viewPlaneNormal[0], viewPlaneNormal[1], viewPlaneNormal[2]);
  if (!(len > 0)) return '';
  const n = viewPlaneNormal.map((c) => c / len) as unknown as Vec3;
  const axis = [0, 1, 2].find((a) => Math.abs(n[a]!) > 0.999);
  if (axis !== undefined) {
    const v = focalPoint[axis]!;
    // 0 prints as the positive letter, as consoles print 'S 0.0'.
    return `${v < 0 ? NEG[axis as 0 | 1 | 2] : POS[axis as 0 | 1 | 2]} ${Math.abs(v).toFixed(digits)} mm`;
  }
  // The normal's sign is a camera convention; report along its superior/left/posterior-facing sense.
  const dominant = [0, 1, 2].reduce((b, a) => (Math.abs(n[a]!) > Math.abs(n[b]!) ? a : b), 0);
  const s = n[dominant]! < 0 ? -1 : 1;
  const d = s * (focalPoint[0] * n[0] + focalPoint[1] * n[1] + focalPoint[2] * n[2]);
  return `${d.toFixed(digits)} mm oblique`;
}
