import type { ScalarVolume } from '../volume/grid';
import { IntStack } from './intStack';

export interface CompetitiveGrowOptions {
  /** Voxels of the object (label 1). */
  objectSeeds: number[];
  /** Voxels of the background (label 2): user exclude strokes. */
  backgroundSeeds: number[];
  /** Only voxels whose sampled intensity lies in [lo, hi] can be claimed by either label. */
  window: [number, number];
  /** Intensity sampler (raw or locally smoothed). */
  sample: (n: number) => number;
  /** Reference intensity of each label; default: median of its seeds. */
  objectMean?: number;
  backgroundMean?: number;
}

/** Priority resolution: costs are |intensity - label mean| rounded to 1 unit and capped. */
const BUCKETS = 512;
/** Internal mark for voxels outside the window (cleared to 0 on return). */
const WALL = 3;

/**
 * Competitive seeded region growing (Adams & Bischof 1994 style) with a bucket queue: object and
 * background fronts advance together, each voxel going to the label that reaches it with the
 * smallest intensity difference to that label's mean, so the two regions meet at the intensity
 * edge between them rather than wherever one front happens to arrive first. Voxels outside the
 * window are walls for both. Returns labels per voxel: 1 object, 2 background, 0 unclaimed.
 */
export function competitiveGrow(volume: ScalarVolume, options: CompetitiveGrowOptions): Uint8Array {
  const { grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const total = nx * ny * nz;
  const [lo, hi] = options.window;
  const { sample } = options;
  const label = new Uint8Array(total);
  // Bit 1: queued for the object, bit 2: queued for the background; each voxel queued once per label.
  const queued = new Uint8Array(total);
  const buckets: IntStack[][] = [[], []];
  const mean = [
    options.objectMean ?? seedMedian(options.objectSeeds, sample),
    options.backgroundMean ?? seedMedian(options.backgroundSeeds, sample),
  ];
  let lowest = BUCKETS;
  // Voxels marked WALL, cleared on return (far fewer than the grid holds).
  const walls = new IntStack();
  const enqueue = (n: number, l: 0 | 1, value: number) => {
    const c = Math.min(BUCKETS - 1, Math.round(Math.abs(value - mean[l]!)));
    (buckets[l]![c] ??= new IntStack(256)).push(n);
    if (c < lowest) lowest = c;
  };
  // Offers the unlabelled, not yet queued neighbour m to label l: queued when its value lies in
  // the window, a wall otherwise.
  const offer = (m: number, l: 0 | 1, bit: number) => {
    if (label[m] || queued[m]! & bit) return;
    const v = sample(m);
    if (v >= lo && v <= hi) {
      queued[m]! |= bit;
      enqueue(m, l, v);
    } else {
      label[m] = WALL;
      walls.push(m);
    }
  };
  const claim = (n: number, l: 0 | 1) => {
    label[n] = l + 1;
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = (n - i - nx * j) / plane;
    const bit = 1 << l;
    if (i > 0) offer(n - 1, l, bit);
    if (i < nx - 1) offer(n + 1, l, bit);
    if (j > 0) offer(n - nx, l, bit);
    if (j < ny - 1) offer(n + nx, l, bit);
    if (k > 0) offer(n - plane, l, bit);
    if (k < nz - 1) offer(n + plane, l, bit);
  };
  // Background strokes win over object seeds on the same voxel: the user drew them to exclude it.
  for (const s of options.backgroundSeeds) if (s >= 0 && s < total) label[s] = 2;
  for (const s of options.objectSeeds) if (s >= 0 && s < total && !label[s]) label[s] = 1;
  // Seeds may be scattered strokes; offering from each (in index order, once each) seeds both fronts.
  const seeds = Float64Array.from(
    [...options.backgroundSeeds, ...options.objectSeeds].filter((s) => label[s] === 1 || label[s] === 2),
  ).sort();
  for (let s = 0; s < seeds.length; s++) {
    const n = seeds[s]!;
    if (s === 0 || n !== seeds[s - 1]) claim(n, (label[n]! - 1) as 0 | 1);
  }
  const objectBuckets = buckets[0]!;
  const backgroundBuckets = buckets[1]!;
  while (lowest < BUCKETS) {
    // Background first at equal cost, so ties at a shared edge favour exclusion.
    const b = backgroundBuckets[lowest];
    if (b && b.length > 0) {
      const n = b.pop();
      if (!label[n]) claim(n, 1);
      continue;
    }
    const o = objectBuckets[lowest];
    if (o && o.length > 0) {
      const n = o.pop();
      if (!label[n]) claim(n, 0);
      continue;
    }
    lowest++;
  }
  while (walls.length > 0) label[walls.pop()] = 0;
  return label;
}

/** Median, not mean: a stroke brushing the organ's edge must not drag the reference away. */
function seedMedian(seeds: number[], sample: (n: number) => number): number {
  if (seeds.length === 0) return NaN;
  const values = Float64Array.from(seeds, sample).sort();
  return values[values.length >> 1]!;
}
