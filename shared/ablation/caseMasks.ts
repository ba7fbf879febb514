import type { PathSegmentInfo } from './pathCrossings';

/** 1 where the labelmap holds one of the labels. */
export function maskOf(data: ArrayLike<number>, labels: Set<number>): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let n = 0; n < data.length; n++) if (labels.has(data[n]!)) out[n] = 1;
  return out;
}

/**
 * The whole-liver mask for the subcapsular exclusion, or null without a liver segment. The
 * capsule bounds liver parenchyma and what is painted over it (lesions replace liver voxels in
 * the one-label-per-voxel case labelmap), else every tumour would read subcapsular.
 */
export function wholeLiverMask(data: ArrayLike<number>, segments: PathSegmentInfo[]): Uint8Array | null {
  if (!segments.some((s) => s.kind === 'liver')) return null;
  const within = new Set(segments.filter((s) => s.kind === 'liver' || s.kind === 'lesion').map((s) => s.label));
  const liver = maskOf(data, within);
  for (let n = 0; n < liver.length; n++) if (liver[n]) return liver;
  return null;
}
