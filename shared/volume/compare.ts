import { cropMask, maskBounds, subGrid } from './crop';
import { distanceTransformMm } from './distance';
import type { Grid } from './grid';
import { quantileSorted } from './quantile';
import { extractSurface } from './surface';

export interface MaskComparison {
  dice: number;
  jaccard: number;
  /** Symmetric surface Hausdorff distance (mm). */
  hausdorffMm: number;
  /** max of the two directed 95th-percentile surface distances (mm). */
  hd95Mm: number;
  /** 100 x (V_test - V_ref) / V_ref. */
  volumeDifferencePercent: number;
}

/**
 * Overlap and surface-distance agreement of two binary masks on one grid. Surfaces are each
 * mask minus its 6-connected erosion; a surface voxel's distance is the exact Euclidean distance
 * (mm, anisotropic) to the nearest surface voxel of the other mask. Work is cropped to the
 * masks' joint bounding box, which leaves every distance unchanged.
 */
export function compareMasks(reference: ArrayLike<number>, test: ArrayLike<number>, grid: Grid): MaskComparison {
  const box = maskBounds([reference, test], grid.dims);
  if (!box) throw new Error('both masks are empty');
  const g = subGrid(grid, box);
  const a = cropMask(reference, grid.dims, box);
  const b = cropMask(test, grid.dims, box);
  let na = 0;
  let nb = 0;
  let both = 0;
  for (let n = 0; n < a.length; n++) {
    na += a[n]!;
    nb += b[n]!;
    both += a[n]! & b[n]!;
  }
  if (na === 0) throw new Error('reference mask is empty');
  if (nb === 0) throw new Error('test mask is empty');
  const sa = extractSurface(a, g.dims);
  const sb = extractSurface(b, g.dims);
  const ab = directedSurfaceDistances(sa, distanceTransformMm(sb, g));
  const ba = directedSurfaceDistances(sb, distanceTransformMm(sa, g));
  return {
    dice: (2 * both) / (na + nb),
    jaccard: both / (na + nb - both),
    hausdorffMm: Math.max(ab[ab.length - 1]!, ba[ba.length - 1]!),
    hd95Mm: Math.max(quantileSorted(ab, 0.95), quantileSorted(ba, 0.95)),
    volumeDifferencePercent: (100 * (nb - na)) / na,
  };
}

/** Sorted distances of the surface voxels of one mask to the other mask's surface. */
function directedSurfaceDistances(surface: Uint8Array, dtOther: Float32Array): Float32Array {
  let count = 0;
  for (let n = 0; n < surface.length; n++) count += surface[n]!;
  const out = new Float32Array(count);
  let o = 0;
  for (let n = 0; n < surface.length; n++) if (surface[n]) out[o++] = dtOther[n]!;
  return out.sort();
}
