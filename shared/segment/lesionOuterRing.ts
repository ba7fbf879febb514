import type { ScalarVolume } from '../volume/grid';
import { squaredDistanceToFeature } from '../volume/distance';
import { median } from './localMean';
import { fillHoles3d, fillHolesPerSlice } from './morphology';
import { cropArray, paddedBox, pasteMask } from './workBox';

export interface OuterRingInput {
  image: ScalarVolume;
  /** The liver: only its voxels are read and added. */
  liver: Uint8Array;
  /** The lesion found so far (whole grid). */
  mask: Uint8Array;
  /** Normal parenchyma round the lesion on this image. */
  parenchyma: number;
  /** Noise SD of the image. */
  noise: number;
}

export interface OuterRing {
  /** The lesion with its outer ring (whole grid). */
  mask: Uint8Array;
  /** Thickness (mm) of the ring added. */
  thicknessMm: number;
}

export const OUTER_RING_DEFAULTS = {
  /**
   * A layer differs from parenchyma when its median lies this many noise SDs off it: the
   * enhancing outer rims of the hybrid target and necrotic lesions lie 1.6-2.2 SD above the
   * liver, their blurred first layer about 1.2 SD; liver layers round solid lesions stay
   * within 0.3 SD.
   */
  ringSd: 0.6,
  /** Share of the ring's voxels on its side of parenchyma: all round, not a vessel on one side (noise alone gives a half). */
  allRound: 0.7,
  /** The ring is at most this share of the lesion's equivalent radius (a target's rim is 0.3 of its inner part, a necrotic rim 0.6 of its core). */
  maxThicknessOfRadius: 0.7,
  /** Layers right outside the mask that may still be its own tissue before the ring starts (the grow stops a voxel or two short of a blurred edge). */
  leadLayers: 3,
};

/**
 * The outer ring of a lesion whose inner part alone was found: a target lesion's enhancing rim
 * round its dark ring, a necrotic lesion's viable rim round its core. The layers round the mask
 * (liver voxels only, by distance from it) are read outwards: when the first ones all round lie
 * on the other side of parenchyma from the mask's own edge layer and the profile then returns to
 * parenchyma within a fraction of the lesion's radius, those layers are the lesion's rim and are
 * added. Returns null when there is no such ring (a solid lesion: the liver starts at its edge;
 * a darker liver region round it: the profile never returns).
 */
export function outerRing(input: OuterRingInput, options: Partial<typeof OUTER_RING_DEFAULTS> = {}): OuterRing | null {
  const o = { ...OUTER_RING_DEFAULTS, ...options };
  const { image, liver, mask, parenchyma: P, noise } = input;
  const grid = image.grid;
  const spacing = grid.spacing;
  let count = 0;
  for (let n = 0; n < mask.length; n++) count += mask[n]!;
  if (count === 0) return null;
  const radius = Math.cbrt((3 * count * spacing[0] * spacing[1] * spacing[2]) / (4 * Math.PI));
  // Layers one voxel thick (at least 1 mm) out to the largest ring allowed and one layer beyond.
  const width = Math.max(1, Math.min(...spacing));
  const maxThickness = Math.max(2 * width, o.maxThicknessOfRadius * radius);
  const layers = Math.ceil(maxThickness / width) + 1;
  const work = paddedBox(mask, grid, layers * width + width);
  if (!work) return null;
  const dims = work.grid.dims;
  const size = dims[0] * dims[1] * dims[2];
  const m = cropArray(mask, grid.dims, work.box, new Uint8Array(size));
  const within = cropArray(liver, grid.dims, work.box, new Uint8Array(size));
  const raw = cropArray(image.data, grid.dims, work.box, new Float32Array(size));
  const away = squaredDistanceToFeature(m, work.grid, false);
  const depth = squaredDistanceToFeature(m, work.grid, true);
  // Voxels per layer outside (liver only), and the mask's own edge layer inside.
  const outside: number[][] = Array.from({ length: layers }, () => []);
  const edge: number[] = [];
  for (let n = 0; n < size; n++) {
    if (m[n]) {
      if (Math.sqrt(depth[n]!) <= width + 1e-6) edge.push(n);
    } else if (within[n]) {
      const b = Math.ceil(Math.sqrt(away[n]!) / width - 1e-6) - 1;
      if (b >= 0 && b < layers) outside[b]!.push(n);
    }
  }
  if (edge.length < 8) return null;
  const at = (n: number) => raw[n]!;
  const edgeSide = Math.sign(median(edge, at) - P);
  const t = o.ringSd * noise;
  // The layers right outside the mask may still be its own tissue, or straddle the step from
  // it to the ring (the grow stops short of a blurred edge): the ring starts within the first few.
  const level = outside.map((voxels) => (voxels.length >= 8 ? median(voxels, at) - P : NaN));
  let first = 0;
  while (
    first < Math.min(o.leadLayers, layers - 1) &&
    !(Math.abs(level[first]!) > t && Math.sign(level[first]!) !== edgeSide)
  )
    first++;
  const side = Math.sign(level[first]!);
  // The ring is of another tissue than the mask's edge: a solid lesion's blurred edge lies on its own side.
  if (!(Math.abs(level[first]!) > t) || side === edgeSide) return null;
  // It ends where the profile falls to half its peak on the way back to parenchyma.
  let peak = 0;
  let same = 0;
  let all = 0;
  let thickness = 0;
  let ended = false;
  for (let b = first; b < layers; b++) {
    const d = level[b]!;
    if (!Number.isFinite(d)) break;
    if (Math.sign(d) === side && Math.abs(d) > Math.max(t, peak / 2)) {
      for (const n of outside[b]!) if (Math.sign(raw[n]! - P) === side) same++;
      all += outside[b]!.length;
      peak = Math.max(peak, Math.abs(d));
      thickness = (b + 1) * width;
      continue;
    }
    ended = true;
    break;
  }
  if (!ended || thickness === 0 || thickness > maxThickness || same < o.allRound * all) return null;
  const grown = new Uint8Array(size);
  for (let n = 0; n < size; n++) grown[n] = m[n] || (within[n] && Math.sqrt(away[n]!) <= thickness + 1e-6) ? 1 : 0;
  const filled = fillHolesPerSlice(fillHoles3d(grown, dims), dims);
  for (let n = 0; n < size; n++) filled[n] = filled[n]! & (within[n]! | m[n]!);
  return { mask: pasteMask(filled, grid.dims, work.box, new Uint8Array(mask.length)), thicknessMm: thickness };
}
