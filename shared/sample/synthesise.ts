import type { PhaseSpec } from './enhancement';
import { gaussianBlur } from './blur';
import type { Phantom } from './rasterise';
import { createRng } from './random';
import { LESION_BASE, MAX_LESIONS, NECROSIS_BASE, TISSUES } from './tissues';

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
 * Signal image of one phase: tissue means from the phase table, blurred by
 * the point-spread function, plus seeded Gaussian noise, rounded to integers.
 */
export function synthesisePhase(phantom: Phantom, spec: PhaseSpec, options: SynthesisOptions): Float32Array {
  const lut = new Float32Array(256);
  TISSUES.forEach((t, n) => (lut[n] = spec.signal[t]));
  for (let n = 0; n < MAX_LESIONS; n++) {
    lut[LESION_BASE + n] = spec.signal.lesion;
    lut[NECROSIS_BASE + n] = spec.signal.necrosis;
  }
  const { labels } = phantom;
  const out = new Float32Array(labels.length);
  for (let v = 0; v < labels.length; v++) out[v] = lut[labels[v]!]!;
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
