import type { Labelmap, Vec3 } from '../volume/grid';
import { computeMargin, type MarginResult } from '../volume/margin';
import { registerLandmarks, type LandmarkRegistration } from '../volume/registration';
import { resampleLabelmap } from '../volume/resample';
import { moveGrid } from './moveGrid';

export interface ConfirmationInput {
  /** Tumour mask on the pre-procedure grid (the case labelmap grid). */
  tumour: Labelmap;
  /** Optional liver mask on the same grid, for the subcapsular exclusion. */
  liver?: Uint8Array;
  /** Ablation zone segmented on the post-ablation series (its own grid), non-zero = zone. */
  postZone: Labelmap;
  /** Landmark pairs: the same anatomical point on the pre (fixed) and post (moving) series. */
  prePoints: Vec3[];
  postPoints: Vec3[];
  targetMm?: number;
}

export interface ConfirmationResult {
  registration: LandmarkRegistration;
  /** The post zone resampled into the pre grid. */
  zoneInPre: Uint8Array;
  margin: MarginResult;
}

/**
 * Confirmation workflow (clinical-rules.md section 5, step 1): rigid landmark registration of the
 * post-ablation series to the pre-procedure one, the segmented zone carried into the pre grid,
 * then the margin of the pre tumour against the achieved zone.
 */
export function confirmMargin(input: ConfirmationInput): ConfirmationResult {
  const registration = registerLandmarks(input.prePoints, input.postPoints);
  const moved = { grid: moveGrid(input.postZone.grid, registration.matrix), data: input.postZone.data };
  const resampled = resampleLabelmap(moved, input.tumour.grid).data;
  const zoneInPre = new Uint8Array(resampled.length);
  let any = false;
  for (let n = 0; n < resampled.length; n++) {
    if (resampled[n]) {
      zoneInPre[n] = 1;
      any = true;
    }
  }
  if (!any) throw new Error('the registered ablation zone does not overlap the pre-procedure series');
  const margin = computeMargin(input.tumour.data, zoneInPre, input.tumour.grid, {
    liver: input.liver,
    targetMm: input.targetMm,
  });
  return { registration, zoneInPre, margin };
}
