import type { Grid, LabelArray } from '../volume/grid';

/** A trainee's attempt: the case labelmap and which label means what. */
export interface AttemptLabels {
  grid: Grid;
  labels: LabelArray;
  segments: { label: number; kind: string }[];
}

/** The reference of a case on the attempt grid (host side only until submission). */
export interface ReferenceMasks {
  grid: Grid;
  /** Whole liver including tumours. */
  liver: Uint8Array;
  lesions: { id: string; mask: Uint8Array }[];
}

/** 0/1 mask of the voxels whose label belongs to a segment of one of `kinds`. */
export function maskOfKinds(attempt: AttemptLabels, kinds: string[]): Uint8Array {
  const wanted = new Set(attempt.segments.filter((s) => kinds.includes(s.kind)).map((s) => s.label));
  const out = new Uint8Array(attempt.labels.length);
  if (wanted.size === 0) return out;
  for (let v = 0; v < out.length; v++) if (wanted.has(attempt.labels[v]!)) out[v] = 1;
  return out;
}

/** Union of 0/1 masks. */
export function unionMask(masks: ArrayLike<number>[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (const m of masks) for (let v = 0; v < length; v++) if (m[v]) out[v] = 1;
  return out;
}

export { countVoxels } from '../volume/countVoxels';
