import type { ScalarVolume } from './grid';

/**
 * CT holds fat and air (HU below zero); MR intensities are never negative. Read from 20,000
 * evenly spaced voxels, so it stays cheap on a whole series. Click checks use it to apply HU
 * limits (air, fat, bone) only where HU mean something.
 */
export function looksLikeCt(volume: ScalarVolume): boolean {
  const d = volume.data;
  const step = Math.max(1, Math.floor(d.length / 20000));
  for (let n = 0; n < d.length; n += step) if (d[n]! < -50) return true;
  return false;
}
