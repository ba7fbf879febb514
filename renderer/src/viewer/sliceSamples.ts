import type { SampleType } from '../../../shared/dicom/sampleType';

/** The array type of each sample type the host decodes slices into (/slices/?as=...). */
export const SAMPLE_ARRAYS = { int16: Int16Array, uint16: Uint16Array, float32: Float32Array } as const;

/** [min, max] of each plane of `samples`, one pair after the other (every cached image carries its range). */
export function planeRanges(samples: Int16Array | Uint16Array | Float32Array, plane: number): Float64Array {
  const n = Math.floor(samples.length / plane);
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = k * plane, end = i + plane; i < end; i++) {
      const v = samples[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out[2 * k] = lo;
    out[2 * k + 1] = hi;
  }
  return out;
}

/** Messages between the page and sliceFetchWorker. */
export type SliceFetchRequest =
  { id: number; url: string; type: SampleType; plane: number; cancel?: false } | { id: number; cancel: true };

export type SliceFetchReply =
  | { id: number; buffer: ArrayBuffer; ranges: Float64Array; error?: undefined }
  | { id: number; error: string; aborted?: boolean; buffer?: undefined };
