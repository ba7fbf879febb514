import { squaredDistanceToFeature } from '../volume/distance';
import type { Grid } from '../volume/grid';
import { growMm, keepComponentsAt, keepLargestComponent, labelComponents, shrinkMm } from './morphology';

/**
 * Leak cut for a region grown in an organ of liver-like intensity neighbours.
 *
 * On real CT the grow escapes through thin tissue of the same HU: intercostal muscle, the
 * diaphragm and its crura, a partial-volume shell along a fat plane. Those leaks are thinner
 * than the liver almost everywhere, and they run far from it as sheets round the body wall.
 * 1. The body: the part of the region within radiusMm of the cores (the region shrunk by
 *    radiusMm) that hold the anchors, i.e. an opening limited to the organ's own cores.
 * 2. What the opening removed falls into pieces. A piece that ends within maxExtentMm of the
 *    body is a thin part of the organ (a lobe tip, an edge, a surface notch) and is kept; one
 *    that reaches further is a sheet of another tissue and goes.
 * Returns the mask unchanged when the shrink leaves nothing at the anchors (a small organ).
 */
export function cutThinLeaks(
  mask: Uint8Array,
  grid: Grid,
  radiusMm: number,
  maxExtentMm: number,
  anchors: number[],
  minContact = 0,
): Uint8Array {
  const dims = grid.dims;
  const core = shrinkMm(mask, grid, radiusMm);
  const hit = anchors.some((a) => core[a]);
  const kept = hit ? keepComponentsAt(core, dims, anchors) : keepLargestComponent(core, dims);
  if (!anyNonzero(kept)) return mask;
  const near = growMm(kept, grid, radiusMm);
  const body = new Uint8Array(mask.length);
  const rest = new Uint8Array(mask.length);
  let restCount = 0;
  for (let n = 0; n < mask.length; n++) {
    if (!mask[n]) continue;
    if (near[n]) body[n] = 1;
    else {
      rest[n] = 1;
      restCount++;
    }
  }
  if (restCount === 0) return mask;
  // Squared distances to the body; the root (as the Float32 distance transform holds it) is taken
  // at the removed voxels only.
  const d2 = squaredDistanceToFeature(body, grid, false);
  const { labels, sizes } = labelComponents(rest, dims);
  const extent = new Float32Array(sizes.length);
  for (let n = 0; n < labels.length; n++) {
    const l = labels[n]!;
    if (!l) continue;
    const distance = Math.fround(Math.sqrt(d2[n]!));
    if (distance > extent[l]!) extent[l] = distance;
  }
  // Contact with the body: a lobe tip was cut off across its whole width, a blob of muscle
  // beyond a rib hangs on by a thin bridge.
  const contact = new Float64Array(sizes.length);
  const [nx, ny] = dims;
  const plane = nx * ny;
  for (let n = 0; n < labels.length; n++) {
    const l = labels[n]!;
    if (!l) continue;
    const touches =
      body[n - 1] === 1 ||
      body[n + 1] === 1 ||
      body[n - nx] === 1 ||
      body[n + nx] === 1 ||
      body[n - plane] === 1 ||
      body[n + plane] === 1;
    if (touches) contact[l]!++;
  }
  const out = body;
  const keep = sizes.map(
    (size, l) => l > 0 && extent[l]! <= maxExtentMm && contact[l]! >= minContact * Math.pow(size, 2 / 3),
  );
  for (let n = 0; n < labels.length; n++) if (keep[labels[n]!]) out[n] = 1;
  return out;
}

function anyNonzero(mask: Uint8Array): boolean {
  for (let n = 0; n < mask.length; n++) if (mask[n]) return true;
  return false;
}
