import type { PhaseSpec } from './enhancement';
import { indexToPatient } from '../volume/grid';
import { gaussianBlur } from './blur';
import { parenchymaOffset } from './parenchymaTexture';
import type { Phantom } from './rasterise';
import { createRng } from './random';
import { LESION_BASE, MAX_LESIONS, NECROSIS_BASE, TISSUE_ID, TISSUES } from './tissues';

export interface SynthesisOptions {
  /** Point-spread sigma per axis in mm (partial-volume blur). */
  blurSigmaMm: [number, number, number];
  /** Seed for the noise stream. */
  seed: string;
  /** Output range, after rounding (stored values are clamped to it). */
  min: number;
  max: number;
}

/**
 * Signal image of one phase: tissue means from the phase table (liver
 * parenchyma with its smooth texture and dependent gradient, lesion rims at
 * the rim signal), blurred by the point-spread function, plus seeded Gaussian
 * noise, rounded to integers.
 */
export function synthesisePhase(phantom: Phantom, spec: PhaseSpec, options: SynthesisOptions): Float32Array {
  const lut = new Float32Array(256);
  TISSUES.forEach((t, n) => (lut[n] = spec.signal[t]));
  for (let n = 0; n < MAX_LESIONS; n++) {
    lut[LESION_BASE + n] = spec.signal.lesion;
    lut[NECROSIS_BASE + n] = spec.signal.necrosis;
  }
  const { labels, rim, grid } = phantom;
  const out = new Float32Array(labels.length);
  const liver = TISSUE_ID.liver;
  const [nx, ny] = grid.dims;
  for (let v = 0; v < labels.length; v++) {
    const label = labels[v]!;
    if (label === liver) {
      const i = v % nx;
      const j = Math.floor(v / nx) % ny;
      const k = Math.floor(v / (nx * ny));
      out[v] = spec.signal.liver + spec.noiseSd * parenchymaOffset(indexToPatient(grid, i, j, k));
    } else out[v] = rim?.[v] ? spec.signal.lesionRim : lut[label]!;
  }
  gaussianBlur(out, phantom.grid, options.blurSigmaMm);
  // Noise from a seeded table of normal deviates picked by a seeded index
  // stream: ~10x faster than Box-Muller per voxel and just as white to the eye.
  const rng = createRng(options.seed);
  const table = new Float32Array(1 << 16);
  for (let t = 0; t < table.length; t++) table[t] = rng.gaussian() * spec.noiseSd;
  let state = (rng.next() * 4294967296) >>> 0 || 1;
  for (let v = 0; v < out.length; v++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const value = Math.round(out[v]! + table[(state >>> 0) & 0xffff]!);
    out[v] = value < options.min ? options.min : value > options.max ? options.max : value;
  }
  return out;
}
