import type { Grid } from '../volume/grid';

/** What one key image shows and on which axial slice (index k of the labelmap grid). */
export type KeyImagePlan =
  | { kind: 'lesion'; slice: number; lesionLabel: number; areaMm2: number }
  | { kind: 'liver'; slice: number; areaMm2: number }
  | { kind: 'territory'; slice: number; territoryId: string; areaMm2: number }
  | { kind: 'applicator'; slice: number; applicatorId: string; areaMm2: number }
  /** The achieved (post-ablation) zone over the confirmed lesion, on the lesion's largest slice. */
  | { kind: 'confirmation'; slice: number; lesionLabel: number; areaMm2: number };

/** Voxels per axial slice (k) where `inside(n)` holds, over a grid's flat index. */
export function sliceAreas(dims: readonly [number, number, number], inside: (n: number) => boolean): number[] {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const out = new Array<number>(nz).fill(0);
  for (let k = 0; k < nz; k++) {
    let count = 0;
    for (let n = k * plane, end = n + plane; n < end; n++) if (inside(n)) count++;
    out[k] = count;
  }
  return out;
}

/**
 * The slice with the largest cross-section; among equal ones the middle of them (a sphere's
 * equator, not its first slice), so the choice does not depend on scan direction. -1 when empty.
 */
export function largestSlice(areas: readonly number[]): number {
  let best = 0;
  for (const a of areas) if (a > best) best = a;
  if (!best) return -1;
  const tied = areas.flatMap((a, k) => (a === best ? [k] : []));
  return tied[Math.floor((tied.length - 1) / 2)]!;
}

export interface KeyImageSliceInput {
  grid: Pick<Grid, 'dims' | 'spacing'>;
  /** The case labelmap. */
  labels: ArrayLike<number>;
  /** Lesion segment labels, in report order. */
  lesionLabels: readonly number[];
  /** Labels that make up the liver as shown (liver parenchyma and lesions). */
  liverLabels: readonly number[];
  /** The Y-90 target territory mask (0/1 on the grid), when one is defined. */
  territory?: { id: string; mask: ArrayLike<number> };
  /** Each planned applicator's predicted zone (0/1 on the grid). */
  applicators?: readonly { id: string; zone: ArrayLike<number> }[];
  /** The lesion whose achieved margin was confirmed (Confirm workspace). */
  confirmation?: { lesionLabel: number };
}

/**
 * The key images of a report, chosen by content: each lesion at its largest axial
 * cross-section, the liver at its largest, the target territory at its largest, and each
 * applicator where its predicted zone is widest, and the confirmed lesion again at its largest
 * cross-section (where the achieved margin is read, not where the zone is widest). Structures
 * absent from the labelmap give no image.
 */
export function keyImageSlices(input: KeyImageSliceInput): KeyImagePlan[] {
  const { grid, labels } = input;
  const pixelMm2 = grid.spacing[0] * grid.spacing[1];
  const pick = (inside: (n: number) => boolean) => {
    const areas = sliceAreas(grid.dims, inside);
    const slice = largestSlice(areas);
    return slice < 0 ? null : { slice, areaMm2: areas[slice]! * pixelMm2 };
  };
  const out: KeyImagePlan[] = [];
  for (const lesionLabel of input.lesionLabels) {
    const p = pick((n) => labels[n] === lesionLabel);
    if (p) out.push({ kind: 'lesion', lesionLabel, ...p });
  }
  const liver = new Set(input.liverLabels);
  const l = liver.size ? pick((n) => liver.has(labels[n]!)) : null;
  if (l) out.push({ kind: 'liver', ...l });
  if (input.territory) {
    const mask = input.territory.mask;
    const t = pick((n) => mask[n] !== 0);
    if (t) out.push({ kind: 'territory', territoryId: input.territory.id, ...t });
  }
  for (const a of input.applicators ?? []) {
    const p = pick((n) => a.zone[n] !== 0);
    if (p) out.push({ kind: 'applicator', applicatorId: a.id, ...p });
  }
  if (input.confirmation) {
    const lesionLabel = input.confirmation.lesionLabel;
    const p = pick((n) => labels[n] === lesionLabel);
    if (p) out.push({ kind: 'confirmation', lesionLabel, ...p });
  }
  return out;
}
