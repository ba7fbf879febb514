import type { Grid } from '../volume/grid';
import { blurMask } from './morphology';
import { nonzeroBounds, pasteMask } from './workBox';

/**
 * The outline of a grown lesion follows the image noise voxel by voxel; tumours are smooth at the
 * scale of a millimetre or two. The mask is blurred by a Gaussian and thresholded at the level
 * that keeps its voxel count (smoothing reshapes, it does not resize), with sigma sigmaMm, at least
 * sigmaPerSpacing in-plane voxels on coarse grids, and at most sigmaPerDiameter of the lesion's
 * equivalent diameter.
 *
 * On the 24 hybrid lesions (bench segmentation-real) with 1.5 mm / 0.7 / 0.1 the mean Dice over
 * clicks and drags went 0.794 -> 0.806 and two more lesions met the target (18 mm hypo 0.81 ->
 * 0.86-0.88, 13 mm hyper 0.85 -> 0.87); the sample cases' lesions kept their Dice (within
 * 0.004). Thresholding at one half instead gave 0.808 but took 1.2-1.5 % off the sample cases'
 * smooth lesions; 3D majority voting lost drags on the 3 mm grid (a target 0.66 -> 0.60).
 */
export const LESION_OUTLINE_SMOOTHING = {
  sigmaMm: 1.5,
  sigmaPerSpacing: 0.7,
  sigmaPerDiameter: 0.1,
  /** Lesions fewer voxels across than this on any axis are left as they are. */
  minVoxelsAcross: 6,
};

/**
 * The mask smoothed as above, kept within `allowed` (the liver) when given; the mask itself when
 * it is too small or smoothing would empty it.
 */
export function smoothLesionOutline(
  mask: Uint8Array,
  grid: Grid,
  allowed?: Uint8Array,
  o = LESION_OUTLINE_SMOOTHING,
): Uint8Array {
  const bounds = nonzeroBounds(mask, grid.dims);
  if (!bounds) return mask;
  for (let a = 0; a < 3; a++) if (bounds.max[a]! - bounds.min[a]! + 1 < o.minVoxelsAcross) return mask;
  let count = 0;
  for (let k = bounds.min[2]; k <= bounds.max[2]; k++)
    for (let j = bounds.min[1]; j <= bounds.max[1]; j++) {
      const row = grid.dims[0] * (j + grid.dims[1] * k);
      for (let i = bounds.min[0]; i <= bounds.max[0]; i++) count += mask[row + i]!;
    }
  const [sx, sy, sz] = grid.spacing;
  const diameterMm = Math.cbrt((6 * count * sx * sy * sz) / Math.PI);
  const sigma = Math.min(Math.max(o.sigmaMm, o.sigmaPerSpacing * Math.max(sx, sy)), o.sigmaPerDiameter * diameterMm);
  const b = blurMask(mask, grid, sigma)!;
  // The level that keeps the voxel count: one half would shrink every convex outline by its
  // curvature (a smooth synthetic ellipsoid lost 3 % of its volume).
  const level = Math.max(1e-3, kthLargest(b.values, count));
  const crop = Uint8Array.from(b.values, (v) => (v >= level ? 1 : 0));
  const out = pasteMask(crop, grid.dims, b.box, new Uint8Array(mask.length));
  let kept = 0;
  for (let n = 0; n < out.length; n++) {
    if (!out[n]) continue;
    if (allowed && !allowed[n]) out[n] = 0;
    else kept++;
  }
  return kept > 0 ? out : mask;
}

/** The k-th largest value (k from 1); only values above zero are sorted. */
function kthLargest(values: Float32Array, k: number): number {
  let positive = 0;
  for (const v of values) if (v > 0) positive++;
  const sorted = new Float32Array(positive);
  let at = 0;
  for (const v of values) if (v > 0) sorted[at++] = v;
  sorted.sort();
  return sorted[Math.max(0, positive - k)] ?? 0;
}
