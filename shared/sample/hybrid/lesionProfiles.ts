import type { Vec3 } from '../../volume/grid';
import type { Rng } from '../random';
import { randomTexture, textureAt, type TextureField } from './lesionTexture';

/** The appearances the segmentation tools must handle (issue 15, point 1). */
export type LesionKind = 'hypo' | 'hyper' | 'rimIso' | 'necrotic' | 'target' | 'heterogeneous';

export const LESION_KINDS: readonly LesionKind[] = ['hypo', 'hyper', 'rimIso', 'necrotic', 'target', 'heterogeneous'];

/**
 * Concentric rings from the centre out: ring m holds `hu` for normalised radius t up to
 * `until` (the last ring ends at 1, the lesion surface). Steps between rings are softened over
 * the same width as the outer edge, so rims are blurred like a real reconstruction.
 */
export interface LesionProfile {
  kind: LesionKind;
  rings: { until: number; hu: number }[];
  /** Mottled interior (heterogeneous kind): HU += sd * field, clamped to [lo, hi]. */
  texture?: { field: TextureField; sd: number; lo: number; hi: number };
}

/** HU offsets and fractions per kind; each range is drawn from with the lesion's rng. */
export interface ProfileOverrides {
  /** Main (viable or only) lesion HU, absolute. */
  coreHu?: number;
  /** Rim HU, absolute (rimIso, necrotic, target outer ring). */
  rimHu?: number;
  /** Rim thickness as a fraction of the radius. */
  rimFraction?: number;
}

/**
 * Default profile of a kind in a liver of median liverHu. Contrasts are relative to the liver
 * measured in each scan (portal-venous in the Siemens slab, unenhanced in the 3 mm crop), so
 * the same recipe gives plausible lesions in both:
 * - hypo: liver - 40..55 HU, never below 45% of the liver (colorectal metastasis; 30-70 HU
 *   in a portal-venous liver of ~90-130 HU);
 * - hyper: liver + 55..75 HU (arterial-rich NET / HCC metastasis);
 * - rimIso: core within 5 HU of the liver, enhancing rim + 35..45 HU;
 * - necrotic: viable rim + 20..30 HU, core 10-30 HU water-like necrosis;
 * - target: bright centre + 35 HU, hypo ring - 40 HU, enhancing outer rim + 25 HU;
 * - heterogeneous: a large metastasis as seen on real scans, mottled rather than uniform: mean
 *   0.75 of the hypo contrast c below the liver, texture SD 0.55 c in blobs of 3-7 mm
 *   (wavelengths 6-14 mm), clamped to liver - 1.6 c (necrotic patches, near water) ..
 *   liver + 0.45 c (viable parts at and above liver level): 20-140 HU in a 100 HU liver.
 */
export function defaultProfile(kind: LesionKind, liverHu: number, rng: Rng, o: ProfileOverrides = {}): LesionProfile {
  const hypoHu = () => Math.max(liverHu - rng.range(40, 55), liverHu * 0.45);
  switch (kind) {
    case 'hypo':
      return { kind, rings: [{ until: 1, hu: o.coreHu ?? hypoHu() }] };
    case 'hyper':
      return { kind, rings: [{ until: 1, hu: o.coreHu ?? liverHu + rng.range(55, 75) }] };
    case 'rimIso': {
      const rim = o.rimFraction ?? rng.range(0.18, 0.25);
      return {
        kind,
        rings: [
          { until: 1 - rim, hu: o.coreHu ?? liverHu + rng.range(-5, 5) },
          { until: 1, hu: o.rimHu ?? liverHu + rng.range(35, 45) },
        ],
      };
    }
    case 'necrotic': {
      const rim = o.rimFraction ?? rng.range(0.3, 0.4);
      return {
        kind,
        rings: [
          { until: 1 - rim, hu: o.coreHu ?? rng.range(10, 30) },
          { until: 1, hu: o.rimHu ?? liverHu + rng.range(20, 30) },
        ],
      };
    }
    case 'heterogeneous': {
      const c = liverHu - hypoHu();
      const mean = o.coreHu ?? liverHu - 0.75 * c;
      const field = randomTexture(rng, [6, 14]);
      return {
        kind,
        rings: [{ until: 1, hu: mean }],
        texture: { field, sd: 0.55 * c, lo: liverHu - 1.6 * c, hi: liverHu + 0.45 * c },
      };
    }
    case 'target': {
      const rim = o.rimFraction ?? 0.22;
      return {
        kind,
        rings: [
          { until: 0.4, hu: o.coreHu ?? liverHu + rng.range(30, 40) },
          { until: 1 - rim, hu: hypoHu() },
          { until: 1, hu: o.rimHu ?? liverHu + rng.range(20, 30) },
        ],
      };
    }
  }
}

/** Normalised radius of the middle of the most conspicuous ring a user would click. */
export function clickRadius(profile: LesionProfile): number {
  if (profile.kind === 'rimIso' || profile.kind === 'necrotic') {
    const inner = profile.rings[profile.rings.length - 2]!.until;
    return (inner + 1) / 2;
  }
  return 0;
}

/** Smooth 0..1 ramp: 0 for x <= -1, 1 for x >= 1, cubic in between. */
export function smoothRamp(x: number): number {
  if (x <= -1) return 0;
  if (x >= 1) return 1;
  const s = (x + 1) / 2;
  return s * s * (3 - 2 * s);
}

/**
 * HU of the profile at normalised radius t on a ray of radius radiusMm, with ring steps softened
 * over +-halfWidthMm (capped at half the thinner ring so thin rims keep their peak).
 */
export function profileHu(profile: LesionProfile, t: number, radiusMm: number, halfWidthMm: number): number {
  const rings = profile.rings;
  let hu = rings[0]!.hu;
  for (let m = 1; m < rings.length; m++) {
    const edge = rings[m - 1]!.until;
    const thinner = Math.min(edge - (m > 1 ? rings[m - 2]!.until : 0), rings[m]!.until - edge) * radiusMm;
    const h = Math.max(0.25, Math.min(halfWidthMm, thinner / 2));
    hu += (rings[m]!.hu - rings[m - 1]!.hu) * smoothRamp(((t - edge) * radiusMm) / h);
  }
  return hu;
}

/**
 * HU of the profile at offset q (mm) from the lesion centre, normalised radius t: the rings
 * (profileHu) plus, for a textured lesion, its mottling (clamped to the texture's range).
 */
export function lesionHu(profile: LesionProfile, q: Vec3, t: number, radiusMm: number, halfWidthMm: number): number {
  const hu = profileHu(profile, t, radiusMm, halfWidthMm);
  const tx = profile.texture;
  if (!tx) return hu;
  return Math.min(tx.hi, Math.max(tx.lo, hu + tx.sd * textureAt(tx.field, q)));
}

/** Volume-weighted mean HU of the rings (for reports; blur and noise aside). */
export function nominalHu(profile: LesionProfile): number {
  let prev = 0;
  let sum = 0;
  for (const r of profile.rings) {
    sum += r.hu * (r.until ** 3 - prev ** 3);
    prev = r.until;
  }
  return sum;
}
