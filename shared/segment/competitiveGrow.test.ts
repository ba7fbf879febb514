import { describe, expect, it } from 'vitest';
import type { ScalarVolume, Vec3 } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { competitiveGrow, type CompetitiveGrowOptions } from './competitiveGrow';
import { seededRandom } from './testing/randomMasks';

/**
 * The plain form of the algorithm, voxel by voxel with a closure per claim and whole-grid scans
 * for the seeds and the walls: the optimised one must give the same labels, tie for tie (both
 * pop the cheapest bucket, background first, last in first out).
 */
function plainCompetitiveGrow(volume: ScalarVolume, options: CompetitiveGrowOptions): Uint8Array {
  const [nx, ny, nz] = volume.grid.dims;
  const total = nx * ny * nz;
  const [lo, hi] = options.window;
  const label = new Uint8Array(total);
  const queued = new Uint8Array(total);
  const buckets: number[][][] = [[], []];
  const mean = [options.objectMean!, options.backgroundMean!];
  let lowest = 512;
  const enqueue = (n: number, l: 0 | 1, value: number) => {
    if (queued[n]! & (1 << l)) return;
    queued[n]! |= 1 << l;
    const c = Math.min(511, Math.round(Math.abs(value - mean[l]!)));
    (buckets[l]![c] ??= []).push(n);
    lowest = Math.min(lowest, c);
  };
  const claim = (n: number, l: 0 | 1) => {
    label[n] = l + 1;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    const offer = (m: number) => {
      if (label[m] || queued[m]! & (1 << l)) return;
      const v = options.sample(m);
      if (v >= lo && v <= hi) enqueue(m, l, v);
      else label[m] = 3;
    };
    if (i > 0) offer(n - 1);
    if (i < nx - 1) offer(n + 1);
    if (j > 0) offer(n - nx);
    if (j < ny - 1) offer(n + nx);
    if (k > 0) offer(n - nx * ny);
    if (k < nz - 1) offer(n + nx * ny);
  };
  for (const s of options.backgroundSeeds) if (s >= 0 && s < total) label[s] = 2;
  for (const s of options.objectSeeds) if (s >= 0 && s < total && !label[s]) label[s] = 1;
  for (let n = 0; n < total; n++) if (label[n] === 1 || label[n] === 2) claim(n, (label[n]! - 1) as 0 | 1);
  while (lowest < 512) {
    let popped = false;
    for (const l of [1, 0] as const) {
      const b = buckets[l]![lowest];
      if (b && b.length > 0) {
        const n = b.pop()!;
        if (!label[n]) claim(n, l);
        popped = true;
        break;
      }
    }
    if (!popped) lowest++;
  }
  return label.map((v) => (v === 3 ? 0 : v));
}

describe('competitiveGrow', () => {
  it('splits two touching plateaus at their intensity edge, background strokes winning', () => {
    const dims: Vec3 = [20, 10, 6];
    const grid = axialGrid(dims, [0.8, 0.8, 2.5]);
    const data = new Float32Array(20 * 10 * 6);
    for (let n = 0; n < data.length; n++) data[n] = n % 20 < 10 ? 100 : 60;
    const labels = competitiveGrow(
      { grid, data },
      {
        objectSeeds: [2, 5],
        backgroundSeeds: [18, 5],
        window: [50, 110],
        sample: (n) => data[n]!,
        objectMean: 100,
        backgroundMean: 60,
      },
    );
    for (let n = 0; n < data.length; n++) expect(labels[n]).toBe(n === 5 ? 2 : n % 20 < 10 ? 1 : 2);
  });

  it('equals the plain voxel-by-voxel grow on random anisotropic volumes (ties, walls, scattered seeds)', () => {
    const shapes: [Vec3, Vec3][] = [
      [
        [24, 18, 9],
        [0.75, 0.75, 2.01],
      ],
      [
        [11, 30, 16],
        [1.5, 1.2, 0.8],
      ],
    ];
    for (const [dims, spacing] of shapes)
      for (let seed = 1; seed <= 6; seed++) {
        const rand = seededRandom(seed * 7717);
        const total = dims[0] * dims[1] * dims[2];
        const grid = axialGrid(dims, spacing);
        // Integer intensities: many equal costs, so the tie order is tested too.
        const data = Float32Array.from({ length: total }, () => Math.round(40 + rand() * 120));
        const pick = (count: number) => Array.from({ length: count }, () => Math.floor(rand() * (total + 4)) - 2);
        const options: CompetitiveGrowOptions = {
          objectSeeds: pick(1 + (seed % 4)),
          backgroundSeeds: seed % 3 === 0 ? [] : pick(seed % 5),
          window: [50 + seed, 150 - seed],
          sample: (n) => data[n]!,
          objectMean: 95,
          backgroundMean: 70,
        };
        // A shared seed voxel: the background stroke wins it.
        if (options.backgroundSeeds.length > 0) options.objectSeeds.push(options.backgroundSeeds[0]!);
        expect(competitiveGrow({ grid, data }, options)).toEqual(plainCompetitiveGrow({ grid, data }, options));
      }
  });
});
