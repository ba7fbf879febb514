import type { Vec3 } from '../volume/grid';
import { HILUM, liverShape, type LesionSpec } from './anatomy';
import { createRng } from './random';
import { shapeBounds, signedDistance, type Shape } from './shapes';

export interface PlacementOptions {
  seed: string;
  diametersMm: number[];
  liverScale: number;
  /** How deep (as a fraction of its radius) a lesion centre must lie inside the liver. */
  minDepthFraction: number;
  /** The lesion centre must lie this deep inside (as for the liver, plus `marginMm`). */
  container: Shape;
  /** Organs the lesion centre must keep the same clearance from. */
  obstacles: Shape[];
  marginMm: number;
  /** Indices of lesions placed in the left lobe (bilobar by construction); the rest go right. */
  leftLobe: number[];
  idPrefix?: string;
  /**
   * How far (fraction of its radius) a lesion may run into a larger neighbour:
   * 0 keeps lesions apart; > 0 makes confluent masses, while each centre stays
   * in its own lesion (earlier, larger lesions keep the shared voxels).
   */
  overlapFraction: number;
  /** Leave out a lesion that finds no room instead of failing. */
  skipWhenFull?: boolean;
  /** Candidate centres tried per lesion. */
  candidates: number;
  necrosisAboveMm?: number;
}

/**
 * Seeded rejection sampling of non-overlapping lesions inside the liver,
 * largest first, some forced into the left lobe so the disease is bilobar. Deterministic
 * for a seed; throws (or skips, if asked) when the liver cannot hold one.
 */
export function placeLesions(options: PlacementOptions): LesionSpec[] {
  const rng = createRng(options.seed);
  const liver = liverShape(options.liverScale);
  const [lo, hi] = shapeBounds(liver);
  const placed: LesionSpec[] = [];
  options.diametersMm.forEach((diameterMm, n) => {
    const r = diameterMm / 2;
    const mustBeLeft = options.leftLobe.includes(n);
    // Tight packing: among feasible candidates keep the one with the least slack
    // (closest to the capsule or a neighbour), as confluent NET deposits sit.
    let best: Vec3 | null = null;
    let bestSlack = Infinity;
    for (let attempt = 0; attempt < options.candidates; attempt++) {
      const c: Vec3 = [rng.range(lo[0], hi[0]), rng.range(lo[1], hi[1]), rng.range(lo[2], hi[2])];
      if (mustBeLeft ? c[0] < HILUM[0] + 30 : c[0] > HILUM[0] + 20) continue;
      let slack = -signedDistance(liver, c) - r * options.minDepthFraction;
      if (slack < 0) continue;
      for (const q of placed)
        slack = Math.min(slack, distance(q.centreLps, c) - (r * (1 - options.overlapFraction) + q.diameterMm / 2 + 2));
      // Organs may clip a lesion's edge (it is painted over liver only), never its centre.
      const clear = r * options.minDepthFraction + options.marginMm;
      slack = Math.min(slack, -signedDistance(options.container, c) - clear);
      for (const o of options.obstacles) slack = Math.min(slack, signedDistance(o, c) - clear);
      if (slack >= 0 && slack < bestSlack) {
        best = c;
        bestSlack = slack;
      }
    }
    if (best) {
      const necrosis = options.necrosisAboveMm && diameterMm >= options.necrosisAboveMm ? 0.45 : 0;
      placed.push({
        id: `${options.idPrefix ?? 'L'}${placed.length + 1}`,
        centreLps: best.map((v) => Math.round(v * 10) / 10) as Vec3,
        diameterMm,
        necrosis,
      });
      return;
    }
    if (!options.skipWhenFull) throw new Error(`placeLesions: no room for a ${diameterMm} mm lesion`);
  });
  return placed;
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
