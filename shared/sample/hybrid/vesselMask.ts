import { labelComponents } from '../../volume/components';
import { voxelVolumeMm3, type ScalarVolume } from '../../volume/grid';
import type { LiverTexture } from './liverTexture';

/** TotalSegmentator labels of the large vessels that lesions may abut: IVC and portal/splenic vein. */
export const LARGE_VESSEL_LABELS: readonly number[] = [63, 64];

/** Bright intrahepatic clusters smaller than this are noise, not vessels. */
const MIN_BRIGHT_CLUSTER_MM3 = 60;

/**
 * Large vessels a lesion may touch but must not paint over: the labelled IVC and portal vein
 * (when labels are given) plus connected clusters of bright liver voxels (enhanced hepatic and
 * portal branches; above the parenchyma range, at least MIN_BRIGHT_CLUSTER_MM3).
 */
export function vesselMask(
  image: ScalarVolume,
  liver: ArrayLike<number>,
  texture: LiverTexture,
  labels?: ArrayLike<number>,
): Uint8Array {
  const n = image.data.length;
  const bright = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (liver[v] && !texture.parenchyma[v] && image.data[v]! > texture.medianHu) bright[v] = 1;
  }
  const comps = labelComponents(bright, image.grid.dims, 26);
  const minVoxels = MIN_BRIGHT_CLUSTER_MM3 / voxelVolumeMm3(image.grid);
  const out = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const c = comps.labels[v]!;
    if (c && comps.sizes[c - 1]! >= minVoxels) out[v] = 1;
    if (labels && LARGE_VESSEL_LABELS.includes(labels[v]!)) out[v] = 1;
  }
  return out;
}
