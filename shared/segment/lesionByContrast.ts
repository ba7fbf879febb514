import type { IndexBox } from '../volume/crop';
import type { Grid, ScalarVolume, Vec3 } from '../volume/grid';
import { squaredDistanceToFeature } from '../volume/distance';
import { cutTubes } from './cutTubes';
import { boxMeanArray } from './localMean';
import { fillHoles3d, fillHolesPerSlice, labelComponents } from './morphology';
import { cropArray } from './workBox';

export interface ContrastInput {
  image: ScalarVolume;
  /** Voxels the lesion may hold (the liver), or undefined. */
  allowed: Uint8Array | undefined;
  click: number;
  /** Normal parenchyma on this image. */
  parenchyma: number;
  /** The lesion's main tissue on this image (bounds how far from parenchyma a voxel may lie). */
  lesionLevel: number;
  /** No lesion voxel lies farther (mm) from the click. */
  radiusMm: number;
  /**
   * Half-width (mm) of the box mean the contrast is read on; default 1 (against noise). Wider
   * (3-4 mm) reads a mottled tumour, whose patches range from necrosis to liver level, as one
   * tissue by its local mean; it is then averaged over liver voxels only, so fat beyond the
   * capsule and tissue outside the mask do not darken the liver next to them.
   */
  smoothMm?: number;
}

export interface ContrastCandidate {
  /** Mask in the box. */
  mask: Uint8Array;
  box: IndexBox;
  dims: Vec3;
  /** Box-mean image minus parenchyma, in the box. */
  deviation: Float32Array;
  /** Lesion-like threshold on |deviation| (noise of the box-mean image times 2.5). */
  threshold: number;
  spacing: Vec3;
}

/**
 * A lesion as everything round the click that differs from parenchyma, on either side: a
 * textured, rimmed or necrotic tumour holds tissue darker and brighter than the liver, which no
 * single window grown from the click takes whole. Voxels of the box-mean image beyond the noise
 * from parenchyma, within the radius, form components; the one with most voxels near the click
 * is the lesion; holes (an iso centre inside a rim, texture) are filled and tubes cut off.
 */
export function lesionByContrast(input: ContrastInput): ContrastCandidate {
  const { image, click, parenchyma: P } = input;
  const grid = image.grid;
  const [nx, ny] = grid.dims;
  const c = [click % nx, Math.floor(click / nx) % ny, Math.floor(click / (nx * ny))];
  const { box, dims, within, deviation, threshold } = contrastField(input);
  const { min } = box;
  const size = dims[0] * dims[1] * dims[2];
  // Far beyond the lesion's own contrast lies other tissue (fat, air, bone, contrast in vessels).
  const limit = Math.max(3 * Math.abs(input.lesionLevel - P), 6 * threshold);
  const centre = c[0]! - min[0] + dims[0] * (c[1]! - min[1] + dims[1] * (c[2]! - min[2]));
  const near = ballTest(dims, grid.spacing, centre);
  const inner = Math.max(0.5 * input.radiusMm, 1.5 * Math.max(grid.spacing[0], grid.spacing[1]));
  // Per side of parenchyma: its level among the lesion-like voxels within the lesion's likely
  // extent (three quarters of the reach), and an edge
  // half-way to it (the blurred edge's true position); a side holding few of them is not the
  // lesion's (a vessel crossing it).
  const sides = { pos: [] as number[], neg: [] as number[] };
  for (let n = 0; n < size; n++) {
    if ((within && !within[n]) || !near(n, 0.75 * input.radiusMm)) continue;
    const d = deviation[n]!;
    if (d > threshold && d <= limit) sides.pos.push(d);
    else if (d < -threshold && d >= -limit) sides.neg.push(-d);
  }
  const all = sides.pos.length + sides.neg.length;
  const edge = (v: number[]) =>
    v.length >= 0.15 * all && v.length > 0 ? Math.max(threshold, 0.5 * median(v)) : Infinity;
  const tauPos = edge(sides.pos);
  const tauNeg = edge(sides.neg);
  const like = new Uint8Array(size);
  for (let n = 0; n < size; n++) {
    if (within && !within[n]) continue;
    const d = deviation[n]!;
    if (((d >= tauPos && d <= limit) || (-d >= tauNeg && -d <= limit)) && near(n, input.radiusMm)) like[n] = 1;
  }
  let mask = mostAround(like, dims, (n) => near(n, inner));
  mask = fillHolesPerSlice(fillHoles3d(mask, dims), dims);
  if (within) for (let n = 0; n < size; n++) mask[n] = mask[n]! & within[n]!;
  mask = cutTubes(mask, dims, grid.spacing, { near: centre });
  return { mask, box, dims, deviation, threshold, spacing: grid.spacing };
}

/** The box-mean image minus parenchyma round the click, its lesion-like threshold and the liver in its box. */
export function contrastField(
  input: Pick<ContrastInput, 'image' | 'allowed' | 'click' | 'parenchyma' | 'radiusMm' | 'smoothMm'>,
): {
  box: IndexBox;
  dims: Vec3;
  within: Uint8Array | undefined;
  deviation: Float32Array;
  threshold: number;
} {
  const { image, allowed, click, parenchyma: P } = input;
  const grid = image.grid;
  const [nx, ny] = grid.dims;
  const c = [click % nx, Math.floor(click / nx) % ny, Math.floor(click / (nx * ny))];
  const min = [0, 1, 2].map((t) => Math.max(0, c[t]! - Math.ceil(input.radiusMm / grid.spacing[t]!) - 2)) as Vec3;
  const max = [0, 1, 2].map((t) =>
    Math.min(grid.dims[t]! - 1, c[t]! + Math.ceil(input.radiusMm / grid.spacing[t]!) + 2),
  ) as Vec3;
  const box = { min, max };
  const dims = [0, 1, 2].map((t) => max[t]! - min[t]! + 1) as Vec3;
  const size = dims[0] * dims[1] * dims[2];
  // A 1 mm box, at least 3 voxels in-plane; none across slices of 2 mm or more (a 3-slice mean
  // there stretches the lesion by a slice at each end). Wider boxes likewise never span more
  // than the smoothing width across slices.
  const smoothMm = input.smoothMm ?? 1;
  const r = grid.spacing.map((s, a) =>
    Math.max(a < 2 ? 1 : 0, a < 2 ? Math.round(smoothMm / s - 1e-6) : Math.floor(smoothMm / (2 * s) + 0.5 - 1e-6)),
  ) as Vec3;
  const raw = cropArray(image.data, grid.dims, box, new Float32Array(size));
  const within = allowed ? cropArray(allowed, grid.dims, box, new Uint8Array(size)) : undefined;
  const smooth = smoothMm > 1 && within ? maskedBoxMean(raw, within, dims, r) : boxMeanArray(raw, dims, r);
  const deviation = smooth.map((v) => v - P);
  const threshold = 2.5 * boxNoise(smooth, within, dims, r[0]);
  return { box, dims, within, deviation, threshold };
}

/**
 * How well a mask outlines a lesion: the share of a layer just inside its edge that differs from
 * parenchyma plus the share of a layer just outside that looks like parenchyma (2 at best). A
 * core without its rim has rim outside it; a region run into the liver has liver inside its
 * edge. `skip`: the layers leave out the first voxel on either side, where the box mean mixes
 * both (fairer to a core inside a rim, harsher on small lesions; callers ask both ways).
 */
export function outlineScore(mask: Uint8Array, cand: ContrastCandidate, allowed?: Uint8Array, skip = true): number {
  const { inside, outside } = outlineShares(mask, cand, allowed, skip);
  return inside + outside;
}

/** The two halves of outlineScore: lesion-like share inside the edge, parenchyma share outside. */
export function outlineShares(
  mask: Uint8Array,
  cand: ContrastCandidate,
  allowed?: Uint8Array,
  skip = true,
  /** Distances (mm) of the outer layer from the edge, when the field is smoothed wider than a voxel. */
  outerMm?: [number, number],
): { inside: number; outside: number } {
  const spacing = cand.spacing;
  const grid: Grid = { dims: cand.dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const step = Math.max(spacing[0], spacing[1]);
  const lo = skip ? (1.5 * step) ** 2 : 0;
  const hi = (skip ? 3 * step : 1.5 * step) ** 2;
  const outLo = outerMm ? outerMm[0] ** 2 : lo;
  const outHi = outerMm ? outerMm[1] ** 2 : hi;
  const depth = squaredDistanceToFeature(mask, grid, true);
  const away = squaredDistanceToFeature(mask, grid, false);
  let inner = 0;
  let innerLike = 0;
  let outer = 0;
  let outerParen = 0;
  for (let n = 0; n < mask.length; n++) {
    const differs = Math.abs(cand.deviation[n]!) > cand.threshold;
    if (mask[n]) {
      if (depth[n]! > lo && depth[n]! <= hi) {
        inner++;
        if (differs) innerLike++;
      }
    } else if ((!allowed || allowed[n]) && away[n]! > outLo && away[n]! <= outHi) {
      outer++;
      if (!differs) outerParen++;
    }
  }
  return { inside: inner ? innerLike / inner : 0, outside: outer ? outerParen / outer : 1 };
}

function mostAround(mask: Uint8Array, dims: Vec3, inCore: (n: number) => boolean): Uint8Array {
  const { labels, sizes } = labelComponents(mask, dims);
  const hits = new Array<number>(sizes.length).fill(0);
  for (let n = 0; n < mask.length; n++) if (labels[n] && inCore(n)) hits[labels[n]!]!++;
  let best = 0;
  for (let l = 1; l < hits.length; l++) if (hits[l]! > hits[best]!) best = l;
  const out = new Uint8Array(mask.length);
  if (best) for (let n = 0; n < out.length; n++) out[n] = labels[n] === best ? 1 : 0;
  return out;
}

function ballTest(dims: Vec3, spacing: Grid['spacing'], centre: number): (n: number, rMm: number) => boolean {
  const [nx, ny] = dims;
  const ci = centre % nx;
  const cj = Math.floor(centre / nx) % ny;
  const ck = Math.floor(centre / (nx * ny));
  return (n, r) => {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    return ((i - ci) * spacing[0]) ** 2 + ((j - cj) * spacing[1]) ** 2 + ((k - ck) * spacing[2]) ** 2 <= r * r + 1e-6;
  };
}

/** Box mean over the allowed voxels only (normalised convolution); the plain mean where none are. */
function maskedBoxMean(raw: Float32Array, within: Uint8Array, dims: Vec3, r: Vec3): Float32Array {
  const weighted = boxMeanArray(
    raw.map((v, n) => (within[n] ? v : 0)),
    dims,
    r,
  );
  const share = boxMeanArray(within, dims, r);
  const plain = boxMeanArray(raw, dims, r);
  return weighted.map((v, n) => (share[n]! > 1e-3 ? v / share[n]! : plain[n]!));
}

/** Noise SD of a box-mean image: MAD of differences between boxes one box-width apart along i. */
function boxNoise(smooth: Float32Array, within: Uint8Array | undefined, dims: Vec3, ri: number): number {
  const nx = dims[0];
  const off = 2 * ri + 1;
  const diffs: number[] = [];
  const step = Math.max(1, Math.floor(smooth.length / 40000));
  for (let n = 0; n < smooth.length; n += step) {
    if (n % nx >= nx - off) continue;
    if (within && (!within[n] || !within[n + off])) continue;
    diffs.push(Math.abs(smooth[n + off]! - smooth[n]!));
  }
  if (diffs.length < 10) return 1;
  diffs.sort((a, b) => a - b);
  return Math.max(1e-3, diffs[diffs.length >> 1]! / (0.6745 * Math.SQRT2));
}

function median(v: number[]): number {
  const s = Float64Array.from(v).sort();
  return s[s.length >> 1]!;
}
