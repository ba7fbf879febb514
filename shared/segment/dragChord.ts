import type { IndexBox } from '../volume/crop';
import type { Vec3 } from '../volume/grid';

/**
 * Length (mm) of a mask along the user's drag: the run of mask voxels on the drag's line through
 * its midpoint, both ways until the mask ends. The drag was made from edge to edge of the lesion,
 * so a reading whose chord is far from the drag's length has missed part of the lesion or run on.
 */
export function chordAlongDrag(mask: Uint8Array, dims: Vec3, box: IndexBox, spacing: Vec3, ends: [Vec3, Vec3]): number {
  const [a, b] = ends;
  const mid: Vec3 = [0, 1, 2].map((t) => (a[t]! + b[t]!) / 2 - box.min[t]!) as Vec3;
  const dirMm: Vec3 = [0, 1, 2].map((t) => (b[t]! - a[t]!) * spacing[t]!) as Vec3;
  const length = Math.hypot(...dirMm);
  if (length === 0) return 0;
  const step = 0.25 * Math.min(...spacing);
  const unit: Vec3 = [0, 1, 2].map((t) => dirMm[t]! / length / spacing[t]!) as Vec3;
  const inside = (r: number) => {
    const p = [0, 1, 2].map((t) => Math.round(mid[t]! + r * unit[t]!));
    if (p.some((v, t) => v < 0 || v >= dims[t]!)) return false;
    return mask[p[0]! + dims[0] * (p[1]! + dims[1] * p[2]!)] === 1;
  };
  if (!inside(0)) return 0;
  let out = 0;
  for (const sign of [1, -1]) {
    let r = 0;
    while (inside(sign * (r + step)) && r < 4 * length) r += step;
    out += r;
  }
  return out + step;
}
