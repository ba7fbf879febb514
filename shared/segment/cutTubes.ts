import { squaredDistanceToFeature } from '../volume/distance';
import type { Grid, Vec3 } from '../volume/grid';
import { growMm, labelComponents, openMm } from './morphology';

/** A part the opening parted off stays when this deep (times the body's depth) and this large. */
const PART_DEPTH = 0.8;
const PART_SIZE = 0.25;

/**
 * Cuts vessels and other tubes off a lesion mask by a shape prior: a lesion is a roundish body,
 * a vessel running on from it is thinner than the body is deep. The mask is opened with a ball
 * of `fraction` times the depth of the body's deepest voxel (so any tube thinner than that
 * falls away), the opened part holding that voxel is kept, and the mask's own outline is given
 * back within the ball's radius of it (lobulations and the partial-volume rim survive; a vessel
 * keeps at most a stub that long). Masks shallower than minDepthMm are left alone.
 */
export function cutTubes(
  mask: Uint8Array,
  dims: Vec3,
  spacing: Vec3,
  options: { fraction?: number; minDepthMm?: number; near?: number } = {},
): Uint8Array {
  const fraction = options.fraction ?? 0.6;
  const grid: Grid = { dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const depth2 = squaredDistanceToFeature(mask, grid, true, true);
  // The body: the deepest voxel of the component holding `near` (the click), else of the mask.
  const { labels } = labelComponents(mask, dims);
  const own = options.near !== undefined && labels[options.near] ? labels[options.near] : 0;
  let deepest = -1;
  for (let n = 0; n < mask.length; n++)
    if (mask[n] && (!own || labels[n] === own) && (deepest < 0 || depth2[n]! > depth2[deepest]!)) deepest = n;
  if (deepest < 0) return mask;
  const depth = Math.sqrt(depth2[deepest]!);
  if (depth < (options.minDepthMm ?? 3)) return mask;
  const radius = fraction * depth;
  const opened = openMm(mask, grid, radius);
  if (!opened[deepest]) return mask;
  const body = labelComponents(opened, dims);
  const id = body.labels[deepest]!;
  // Another part the opening parted from the body is kept when it is as deep as a lesion body
  // (not a tube): the lesion itself pinched at a slice where its outline is open (a necrotic
  // lesion's rim on one slice of the slab cut its lower five slices away, Dice 0.79).
  const partDepth2 = new Float64Array(body.sizes.length);
  for (let n = 0; n < opened.length; n++) {
    const l = body.labels[n]!;
    if (l && depth2[n]! > partDepth2[l]!) partDepth2[l] = depth2[n]!;
  }
  const keep = body.sizes.map(
    (size, l) =>
      l === id || (l > 0 && partDepth2[l]! >= (PART_DEPTH * depth) ** 2 && size >= PART_SIZE * body.sizes[id]!),
  );
  const kept = new Uint8Array(mask.length);
  for (let n = 0; n < kept.length; n++) kept[n] = keep[body.labels[n]!] ? 1 : 0;
  const near = growMm(kept, grid, radius + Math.max(...spacing));
  const out = new Uint8Array(mask.length);
  for (let n = 0; n < out.length; n++) out[n] = mask[n]! & near[n]!;
  return out;
}
