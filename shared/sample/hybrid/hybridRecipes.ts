import { makeHybridPhantom } from './makeHybridPhantom';
import { measureLiverTexture } from './liverTexture';
import type { HybridBackground, HybridPhantom, LesionRequest } from './types';

/** One phantom: a name, a seed and what to insert. */
export interface HybridRecipe {
  name: string;
  seed: string;
  requests: LesionRequest[];
}

/** The real backgrounds recipes exist for (../shared/data/real-ct; see its README). */
export type HybridBackgroundName = 'siemens-slab' | 'crop-3mm';

/**
 * Three phantoms per real case. The first two together hold 2+ hypo, 2+ hyper, a rim-enhancing iso,
 * a necrotic and a target lesion; sizes 8-10, 15-25 and 30-60 mm; one against the capsule, one
 * against a large vessel and one confluent pair. The third holds two large mottled metastases
 * (heterogeneous: HU spanning necrosis to above liver, as on real scans). The Siemens slab is 40 mm thick, so lesions of
 * 28 mm and more there may be cut by its first/last slice (allowed and flagged in the truth).
 */
export const HYBRID_RECIPES: Record<HybridBackgroundName, HybridRecipe[]> = {
  'siemens-slab': [
    {
      name: 'slab-mixed',
      seed: 'hybrid:slab-mixed',
      requests: [
        { kind: 'necrotic', diameterMm: 32, elongation: 1.1, allowVolumeEdge: true },
        { kind: 'target', diameterMm: 28, elongation: 1.1, allowVolumeEdge: true },
        { kind: 'rimIso', diameterMm: 24, placement: 'vessel' },
        { kind: 'hyper', diameterMm: 20 },
        { kind: 'hypo', diameterMm: 9 },
      ],
    },
    {
      name: 'slab-capsule-confluent',
      seed: 'hybrid:slab-capsule-confluent',
      requests: [
        { kind: 'hypo', diameterMm: 45, placement: 'capsule', allowVolumeEdge: true },
        { kind: 'hyper', diameterMm: 16 },
        { kind: 'hyper', diameterMm: 13, confluentWith: 1, overlapMm: 4 },
        { kind: 'hyper', diameterMm: 8 },
        { kind: 'hypo', diameterMm: 18 },
      ],
    },
    {
      name: 'slab-heterogeneous',
      seed: 'hybrid:slab-heterogeneous',
      requests: [
        { kind: 'heterogeneous', diameterMm: 50, allowVolumeEdge: true },
        { kind: 'heterogeneous', diameterMm: 40, allowVolumeEdge: true },
      ],
    },
  ],
  'crop-3mm': [
    {
      name: 'crop-mixed',
      seed: 'hybrid:crop-mixed',
      requests: [
        { kind: 'hypo', diameterMm: 50 },
        { kind: 'necrotic', diameterMm: 40 },
        { kind: 'target', diameterMm: 30 },
        { kind: 'rimIso', diameterMm: 22, placement: 'capsule' },
        { kind: 'hyper', diameterMm: 10 },
      ],
    },
    {
      name: 'crop-vessel-confluent',
      seed: 'hybrid:crop-vessel-confluent',
      requests: [
        { kind: 'hypo', diameterMm: 20 },
        { kind: 'hypo', diameterMm: 17, confluentWith: 0, overlapMm: 5 },
        { kind: 'hyper', diameterMm: 15, placement: 'vessel' },
        { kind: 'hypo', diameterMm: 9 },
        { kind: 'hyper', diameterMm: 25 },
      ],
    },
    {
      name: 'crop-heterogeneous',
      seed: 'hybrid:crop-heterogeneous',
      requests: [
        { kind: 'heterogeneous', diameterMm: 55, elongation: 1.1 },
        { kind: 'heterogeneous', diameterMm: 42, placement: 'capsule' },
      ],
    },
  ],
};

/** Builds every recipe of a background (texture measured once). */
export function hybridCases(
  name: HybridBackgroundName,
  bg: HybridBackground,
): { name: string; phantom: HybridPhantom }[] {
  const texture = measureLiverTexture(bg.image, bg.liver);
  return HYBRID_RECIPES[name].map((r) => ({
    name: r.name,
    phantom: makeHybridPhantom(bg, r.requests, r.seed, texture),
  }));
}
