import { cropMask, maskBounds, padBox, subGrid } from '../volume/crop';
import type { Grid } from '../volume/grid';
import { closeMm } from './morphology';
import { pasteMask } from './workBox';

/**
 * "Add to liver" for a lesion the liver segmentation left out: the voxels that join the liver
 * outline to the lesion (the gap of capsule and partial volume between them, and any notch the
 * lesion leaves in the outline), found by closing liver and lesion together around the lesion.
 * The lesion keeps its own segment: whole-liver volume is liver plus lesions, so after this the
 * outline is one organ again. Work is cropped to the lesion's box padded by twice the radius.
 */
export function liverBridgeToLesion(
  grid: Grid,
  liver: Uint8Array,
  lesion: Uint8Array,
  closeRadiusMm = 5,
): { mask: Uint8Array; count: number } {
  const out = new Uint8Array(liver.length);
  const bounds = maskBounds([lesion], grid.dims);
  if (!bounds) return { mask: out, count: 0 };
  const pad = Math.ceil((2 * closeRadiusMm) / Math.min(...grid.spacing)) + 1;
  const box = padBox(bounds, pad, grid.dims);
  const g = subGrid(grid, box);
  const lv = cropMask(liver, grid.dims, box);
  const ls = cropMask(lesion, grid.dims, box);
  const both = Uint8Array.from(lv, (v, n) => v | ls[n]!);
  const closed = closeMm(both, g, closeRadiusMm);
  const bridge = Uint8Array.from(closed, (v, n) => (v && !both[n] ? 1 : 0));
  pasteMask(bridge, grid.dims, box, out);
  let count = 0;
  for (let n = 0; n < out.length; n++) count += out[n]!;
  return { mask: out, count };
}
