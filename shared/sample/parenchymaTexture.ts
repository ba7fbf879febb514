import type { Vec3 } from '../volume/grid';

/**
 * Liver parenchyma is not flat on real scans: perfusion varies over centimetres, and the
 * dependent (posterior) liver of a supine patient is a few HU denser. Both are modelled as an
 * offset that depends only on the patient-space position, so every phase and the post-ablation
 * study (a moved grid over the same anatomy) agree. The offset is in units of the phase's noise
 * SD: CT HU and MR scanner units then get the same modest conspicuity (~3.6 HU SD on CT).
 */
export const PARENCHYMA_TEXTURE = {
  /** Standard deviation of the smooth variation, in noise SDs. */
  textureSd: 0.3,
  /** Lattice spacings (mm) of the two octaves of value noise: lobar and sub-segmental scale. */
  octavesMm: [28, 12] as const,
  /** Weights of the octaves. */
  octaveWeights: [0.8, 0.6] as const,
  /** Signal rise per 100 mm towards the back, in noise SDs (3 HU on CT). */
  dependentPer100Mm: 0.25,
  /** y (mm) where the gradient is zero: about the middle of the liver front to back. */
  dependentZeroY: 15,
} as const;

/**
 * Normalises the summed octaves to unit standard deviation (measured over a large volume of
 * this value noise: trilinear smoothstep interpolation of uniform lattice values in [-1, 1]).
 */
const OCTAVE_SD = 0.32;

/** Offset of liver signal at patient point p, in noise SDs of the phase. */
export function parenchymaOffset(p: Vec3): number {
  const t = PARENCHYMA_TEXTURE;
  let noise = 0;
  let norm = 0;
  for (let o = 0; o < t.octavesMm.length; o++) {
    noise += t.octaveWeights[o]! * valueNoise(p, t.octavesMm[o]!, o + 1);
    norm += t.octaveWeights[o]! ** 2;
  }
  const texture = (noise / (OCTAVE_SD * Math.sqrt(norm))) * t.textureSd;
  return texture + ((p[1] - t.dependentZeroY) / 100) * t.dependentPer100Mm;
}

/** Smooth noise in [-1, 1]: lattice values at `cellMm` spacing, interpolated with smoothstep. */
function valueNoise(p: Vec3, cellMm: number, salt: number): number {
  const x = p[0] / cellMm;
  const y = p[1] / cellMm;
  const z = p[2] / cellMm;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const z0 = Math.floor(z);
  const fx = smooth(x - x0);
  const fy = smooth(y - y0);
  const fz = smooth(z - z0);
  let sum = 0;
  for (let c = 0; c < 8; c++) {
    const dx = c & 1;
    const dy = (c >> 1) & 1;
    const dz = (c >> 2) & 1;
    const w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
    sum += w * latticeValue(x0 + dx, y0 + dy, z0 + dz, salt);
  }
  return sum;
}

function smooth(f: number): number {
  return f * f * (3 - 2 * f);
}

/** A fixed pseudo-random value in [-1, 1] per lattice point (integer hash; no state, so deterministic). */
function latticeValue(i: number, j: number, k: number, salt: number): number {
  let h = Math.imul(i, 0x8da6b343) ^ Math.imul(j, 0xd8163841) ^ Math.imul(k, 0xcb1ab31f) ^ Math.imul(salt, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) / 2147483647.5 - 1;
}
