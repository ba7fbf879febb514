import type { Vec3 } from '../../volume/grid';
import type { Rng } from '../random';
import { randomDirection } from './lesionShape';

/**
 * A smooth random field of unit variance in patient space: a sum of plane waves with random
 * directions, wavelengths and phases (a band-limited Gaussian field). It gives a tumour's interior
 * a mottled texture of blobs about half a wavelength across, deterministic in the rng and the
 * same on any grid, orientation or spacing (it is evaluated in mm, not voxels).
 */
export interface TextureField {
  /** Wave vectors (radians per mm) and phases. */
  waves: { k: Vec3; phase: number }[];
}

/** Number of plane waves: enough for the sum to look Gaussian, few enough to stay cheap per voxel. */
const WAVES = 48;

export function randomTexture(rng: Rng, wavelengthMm: [number, number]): TextureField {
  const [lo, hi] = wavelengthMm;
  if (!(lo > 0 && hi >= lo)) throw new Error(`texture wavelengths must be positive and ordered, got ${lo}..${hi} mm`);
  const waves = Array.from({ length: WAVES }, () => {
    const u = randomDirection(rng);
    const k = (2 * Math.PI) / rng.range(lo, hi);
    return { k: [u[0] * k, u[1] * k, u[2] * k] as Vec3, phase: rng.range(0, 2 * Math.PI) };
  });
  return { waves };
}

/** Field value at offset q (mm) from the lesion centre; mean 0, SD 1 over space. */
export function textureAt(field: TextureField, q: Vec3): number {
  let s = 0;
  for (const w of field.waves) s += Math.cos(w.k[0] * q[0] + w.k[1] * q[1] + w.k[2] * q[2] + w.phase);
  // Each cosine has variance 1/2.
  return s * Math.sqrt(2 / field.waves.length);
}
