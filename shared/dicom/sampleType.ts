import type { VolumeOpenInfo } from './volumeOpenInfo';

/** The sample types a decoded series can be held in, smallest first. */
export type SampleType = 'int16' | 'uint16' | 'float32';

/**
 * The smallest type that holds every modality value (stored value x slope + intercept) a series'
 * pixel format allows: int16, else uint16, else float32. A CT with an integer rescale is held in
 * int16 even when its format would allow more (16 unsigned bits and intercept -1024 is common):
 * HU beyond +-32767 is not a tissue, and the values a scanner writes stay within -1024..~30000.
 */
export function sampleTypeFor(
  info: Pick<VolumeOpenInfo, 'modality' | 'bitsStored' | 'pixelRepresentation' | 'rescaleSlope' | 'rescaleIntercept'>,
): SampleType {
  const { rescaleSlope: slope, rescaleIntercept: icpt } = info;
  if (!Number.isInteger(slope) || !Number.isInteger(icpt)) return 'float32';
  const bits = Math.min(Math.max(info.bitsStored, 1), 32);
  const [lo, hi] = info.pixelRepresentation === 1 ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
  const a = lo * slope + icpt;
  const b = hi * slope + icpt;
  const [min, max] = a < b ? [a, b] : [b, a];
  if (min >= -32768 && max <= 32767) return 'int16';
  if (min >= 0 && max <= 65535) return 'uint16';
  return info.modality === 'CT' ? 'int16' : 'float32';
}
