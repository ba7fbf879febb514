import type { Grid, ScalarVolume, Vec3 } from '../volume/grid';
import { squaredDistanceToFeature } from '../volume/distance';
import { boxMeanArray, forEachWithin } from './localMean';
import { fillHoles3d, fillHolesPerSlice, keepComponentsAt } from './morphology';
import { cropArray, pasteMask } from './workBox';

export interface TextureInput {
  image: ScalarVolume;
  /** The liver: statistics are read over its voxels only, and the reading stays in it. */
  liver: Uint8Array;
  click: number;
  /** Normal parenchyma round the lesion: the tumour's local mean lies below it. */
  parenchyma: number;
  /** No lesion voxel lies farther (mm) from the click. */
  radiusMm: number;
}

export interface TextureReading {
  /** The mottled tumour (whole grid). */
  mask: Uint8Array;
  voxelCount: number;
  /** Share of the liver just outside the reading that is smooth (not textured): 1 when closed. */
  closed: number;
  /** The click itself lies on textured tissue (not only near it: a smooth necrotic core's edge reads as texture too). */
  atClick: boolean;
}

export const TEXTURE_DEFAULTS = {
  /**
   * Half-width (mm) of the box the local mean and SD are read in: a mottled tumour's blobs are
   * 3-7 mm across, so a 5x5x3 box on 1 mm x 2 mm voxels holds several of them.
   */
  halfMm: 2,
  /** Fewest liver voxels in the box for a trustworthy SD (3 mm voxels give 9: no texture reading there). */
  minBoxVoxels: 50,
  /**
   * Textured: local SD above this many times the liver's own (its median over the box). In the
   * Siemens slab the hybrid heterogeneous tumours read 20/25/32 HU (10th/50th/90th centiles)
   * against 11/14/19 in the darker liver the window grow ran into and 9/13/25 over the liver.
   */
  ratio: 1.5,
  /** Least half-width (mm) of the box the liver's own SD is read in (the lesion stays within radiusMm). */
  referenceMm: 50,
  /** Textured voxels this near the click (mm) seed the reading (the click may fall on a smooth patch). */
  seedMm: 4,
  /** A reading with less smooth liver than this just outside it is not closed (it runs on along vessels or edges). */
  minClosed: 0.7,
};

/**
 * A mottled (heterogeneous) tumour read by its texture: real metastases hold necrotic patches
 * and viable parts from water to above liver level, so no intensity window grown from one patch
 * takes them whole, and next to a darker liver region their mean alone does not end them. Their
 * local SD does: liver voxels whose local SD (box over liver voxels only, so the capsule and fat
 * do not count) is well above the liver's own, with a local mean below parenchyma (bright
 * vessels are textured too), form the reading; the component at the click, holes filled.
 * Returns null where the voxels are too coarse to see texture, or nothing textured lies at the
 * click.
 */
export function lesionByTexture(
  input: TextureInput,
  options: Partial<typeof TEXTURE_DEFAULTS> = {},
): TextureReading | null {
  const o = { ...TEXTURE_DEFAULTS, ...options };
  const { image, liver, click, parenchyma: P, radiusMm } = input;
  const grid = image.grid;
  const spacing = grid.spacing;
  // In-plane at least one voxel each side; across slices only as far as the half-width reaches.
  const r = spacing.map((s, a) =>
    a < 2 ? Math.max(1, Math.round(o.halfMm / s)) : Math.floor(o.halfMm / (2 * s) + 0.5),
  ) as Vec3;
  if ((2 * r[0] + 1) * (2 * r[1] + 1) * (2 * r[2] + 1) < o.minBoxVoxels) return null;
  const [nx, ny] = grid.dims;
  const c = [click % nx, Math.floor(click / nx) % ny, Math.floor(click / (nx * ny))];
  // The liver's own SD is read over a box at least referenceMm wide: a drag's tight box is
  // mostly tumour, whose texture would raise the median.
  const boxMm = Math.max(radiusMm, o.referenceMm);
  const min = [0, 1, 2].map((t) => Math.max(0, c[t]! - Math.ceil(boxMm / spacing[t]!))) as Vec3;
  const max = [0, 1, 2].map((t) => Math.min(grid.dims[t]! - 1, c[t]! + Math.ceil(boxMm / spacing[t]!))) as Vec3;
  const box = { min, max };
  const dims = [0, 1, 2].map((t) => max[t]! - min[t]! + 1) as Vec3;
  const size = dims[0] * dims[1] * dims[2];
  const raw = cropArray(image.data, grid.dims, box, new Float32Array(size));
  const within = cropArray(liver, grid.dims, box, new Uint8Array(size));
  const { mean, sd, share } = maskedMoments(raw, within, dims, r);
  const inLiver: number[] = [];
  for (let n = 0; n < size; n++) if (within[n] && share[n]! > 0.9) inLiver.push(sd[n]!);
  if (inLiver.length < 100) return null;
  const liverSd = medianOf(inLiver);
  const textured = new Uint8Array(size);
  const [ci, cj, ck] = [c[0]! - min[0], c[1]! - min[1], c[2]! - min[2]];
  for (let n = 0; n < size; n++) {
    if (!within[n] || share[n]! <= 0.5 || sd[n]! <= o.ratio * liverSd || mean[n]! >= P) continue;
    const i = n % dims[0];
    const j = Math.floor(n / dims[0]) % dims[1];
    const k = Math.floor(n / (dims[0] * dims[1]));
    if (((i - ci) * spacing[0]) ** 2 + ((j - cj) * spacing[1]) ** 2 + ((k - ck) * spacing[2]) ** 2 <= radiusMm ** 2)
      textured[n] = 1;
  }
  const centre = ci + dims[0] * (cj + dims[1] * ck);
  const sub: Grid = { ...grid, dims };
  const seeds: number[] = [];
  forEachWithin(sub, centre, o.seedMm, (n) => {
    if (textured[n]) seeds.push(n);
  });
  if (!seeds.length) return null;
  let mask = keepComponentsAt(textured, dims, textured[centre] ? [centre] : seeds);
  mask = fillHolesPerSlice(fillHoles3d(mask, dims), dims);
  for (let n = 0; n < size; n++) mask[n] = mask[n]! & within[n]!;
  // Closed: the liver in a layer just beyond the box's reach round it is mostly smooth.
  const away = squaredDistanceToFeature(mask, sub, false);
  const lo = (o.halfMm + Math.max(spacing[0], spacing[1])) ** 2;
  const hi = (o.halfMm + Math.max(spacing[0], spacing[1]) + 3) ** 2;
  let outer = 0;
  let smooth = 0;
  let count = 0;
  for (let n = 0; n < size; n++) {
    if (mask[n]) count++;
    else if (within[n] && away[n]! > lo && away[n]! <= hi) {
      outer++;
      if (sd[n]! <= o.ratio * liverSd) smooth++;
    }
  }
  const closed = outer ? smooth / outer : 1;
  if (closed < o.minClosed) return null;
  return {
    mask: pasteMask(mask, grid.dims, box, new Uint8Array(liver.length)),
    voxelCount: count,
    closed,
    atClick: textured[centre] === 1,
  };
}

/** Local mean, SD and liver share of a box round every voxel, over liver voxels only. */
function maskedMoments(
  raw: Float32Array,
  within: Uint8Array,
  dims: Vec3,
  r: Vec3,
): { mean: Float32Array; sd: Float32Array; share: Float32Array } {
  const share = boxMeanArray(Float32Array.from(within), dims, r);
  const s1 = boxMeanArray(
    raw.map((v, n) => (within[n] ? v : 0)),
    dims,
    r,
  );
  const s2 = boxMeanArray(
    raw.map((v, n) => (within[n] ? v * v : 0)),
    dims,
    r,
  );
  const mean = new Float32Array(raw.length);
  const sd = new Float32Array(raw.length);
  for (let n = 0; n < raw.length; n++) {
    if (share[n]! < 1e-3) continue;
    mean[n] = s1[n]! / share[n]!;
    sd[n] = Math.sqrt(Math.max(0, s2[n]! / share[n]! - mean[n]! ** 2));
  }
  return { mean, sd, share };
}

function medianOf(v: number[]): number {
  const s = Float64Array.from(v).sort();
  return s[s.length >> 1]!;
}
