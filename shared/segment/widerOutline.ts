import type { ScalarVolume } from '../volume/grid';
import { contrastField, lesionByContrast, outlineShares, type ContrastCandidate } from './lesionByContrast';
import { lesionByRays } from './lesionByRays';
import { cropArray, pasteMask } from './workBox';

export interface WiderOutlineInput {
  image: ScalarVolume;
  /** The liver (required: the reference and the bound both come from it). */
  liver: Uint8Array;
  click: number;
  /** Normal parenchyma round the lesion on this image. */
  parenchyma: number;
  /**
   * How far (intensity) the lesion's tissue may lie from parenchyma; a few times farther is other
   * tissue (fat, air, bone, contrast in vessels). Callers pass the larger of the click's own
   * contrast and a few noise SDs (a mottled tumour's patch under the click may be at liver level).
   */
  contrast: number;
  /** What the window grow gave (whole grid), or null when it found nothing. */
  current: Uint8Array | null;
  /** No lesion voxel lies farther (mm) from the click. */
  radiusMm: number;
  /**
   * A drag bounds the lesion (radiusMm is its size prior). A closed current reading is replaced
   * by a reading that clearly outlines the lesion better; without the prior the bar is higher (a
   * wider reading may hold a confluent neighbour as well, and the pair's outline is closed).
   */
  sizePrior?: boolean;
  /** A closed current reading stands whatever a wider one scores (the grow was split from a confluent neighbour). */
  closedStands?: boolean;
}

export interface WiderOutline {
  mask: Uint8Array;
  /** Half-width (mm) of the box mean the chosen reading was made on. */
  smoothMm: number;
  method: 'contrast' | 'rays';
}

/** Box-mean half-widths (mm) read: against noise, and at a mottled tumour's texture scale. */
export const OUTLINE_SCALES_MM = [1, 3] as const;
/** Box-mean half-width (mm) every reading is judged on: the texture scale. */
const JUDGE_SMOOTH_MM = 3;
/**
 * How much higher (inside plus outside share) a wider reading must score to replace a closed
 * current reading: a mottled tumour's window grow can end on a patch edge with most, not all, of
 * the tissue round it at liver level; a reading a fifth of the scale better outlines the lesion.
 */
const CLEARLY_BETTER = 0.2;
/**
 * The same without a drag's size prior, a little stricter (a wider reading might hold a
 * confluent neighbour): deep clicks in the hybrid heterogeneous tumours whose grow took one
 * necrotic patch (0.05-0.2 of the tumour) are outlined better by 0.29-0.46.
 */
const CLEARLY_BETTER_WITHOUT_PRIOR = 0.25;
/** A current reading with this share of liver right round it stands without a wider look. */
const WELL_CLOSED = 0.8;

/**
 * A wider reading of a clicked lesion, for when the window grown from the click stops inside it.
 * Real metastases are mottled: necrotic patches, viable parts at or above liver level. The
 * window around the click's tissue then takes one patch, and the tissue beyond its edge is still
 * tumour. Here the lesion is read as everything round the click that differs from parenchyma
 * (lesionByContrast) and as the star-shaped region rays from the click outline (lesionByRays),
 * each on the image box-averaged at two scales: 1 mm (against noise) and 3 mm, where a mottled
 * tumour's local mean stands apart from the liver as one tissue.
 *
 * Every reading is judged on the 3 mm field against the same parenchyma: the share of a layer
 * just inside its edge that differs from the liver, and of a layer just outside that does not.
 * A reading replaces the current one only when the reading is closed (most of the tissue round it
 * is liver, most inside it is not), it holds most of the current region (the same lesion, not a
 * neighbour or a vessel), it is larger, and either the current is open (less than half of the
 * tissue right round it is liver: the lesion goes on beyond it) or the reading's shares sum to
 * clearly more than the current's (the window grow stopped on a mottled tumour's patch edge with
 * some of the tumour beyond it; a higher bar without a drag's size prior). Returns null when none
 * qualifies.
 */
export function widerOutline(input: WiderOutlineInput): WiderOutline | null {
  const { image, liver, click, parenchyma, radiusMm } = input;
  const grid = image.grid;
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  // The outer layer lies beyond the 3 mm box's reach (a voxel more than it): nearer, a bright
  // lesion's own edge, blurred by the box, would read as tissue that goes on.
  const reach = JUDGE_SMOOTH_MM + Math.max(grid.spacing[0], grid.spacing[1]);
  const judgeWithin = (r: number) => {
    const judge = contrastField({ image, allowed: liver, click, parenchyma, radiusMm: r, smoothMm: JUDGE_SMOOTH_MM });
    const size = judge.dims[0] * judge.dims[1] * judge.dims[2];
    const cand: ContrastCandidate = { ...judge, mask: new Uint8Array(size), spacing: grid.spacing };
    return (full: Uint8Array) =>
      outlineShares(cropArray(full, grid.dims, judge.box, new Uint8Array(size)), cand, judge.within, true, [
        reach,
        reach + 3,
      ]);
  };
  // One judge for all (its threshold comes from the noise in its box: a smaller box for the
  // current reading alone would judge it by another threshold).
  const shares = judgeWithin(radiusMm);
  const current = input.current;
  let currentCount = 0;
  if (current) for (let n = 0; n < total; n++) currentCount += current[n]!;
  // A closed current reading (half or more of the tissue round it is liver) may still be one
  // patch of a mottled tumour: a wider reading whose score beats the current's clearly replaces
  // it, unless the current is well closed (none could beat it so).
  const currentShares = currentCount > 0 ? shares(current!) : null;
  const closed = currentShares !== null && currentShares.outside >= 0.5;
  if (closed && (input.closedStands || currentShares.outside >= WELL_CLOSED)) return null;
  const margin = input.sizePrior ? CLEARLY_BETTER : CLEARLY_BETTER_WITHOUT_PRIOR;
  const bar = closed ? currentShares.inside + currentShares.outside + margin : 0;

  let best: (WiderOutline & { score: number }) | null = null;
  for (const smoothMm of OUTLINE_SCALES_MM) {
    const byContrast = lesionByContrast({
      image,
      allowed: liver,
      click,
      parenchyma,
      lesionLevel: parenchyma - input.contrast,
      radiusMm,
      smoothMm,
    });
    const byRays = lesionByRays({ image, allowed: liver, click, parenchyma, radiusMm, smoothMm });
    for (const [method, c] of [
      ['contrast', byContrast],
      ['rays', byRays],
    ] as const) {
      const full = pasteMask(c.mask, grid.dims, c.box, new Uint8Array(total));
      if (!full[click]) continue;
      let count = 0;
      let shared = 0;
      for (let n = 0; n < total; n++) {
        if (!full[n]) continue;
        count++;
        if (current?.[n]) shared++;
      }
      if (count <= currentCount || (currentCount > 0 && shared < 0.8 * currentCount)) continue;
      const s = shares(full);
      if (s.inside < 0.6 || s.outside < 0.6) continue;
      const score = s.inside + s.outside;
      if (score <= bar) continue;
      if (!best || score > best.score) best = { mask: full, smoothMm, method, score };
    }
  }
  if (!best) return null;
  return { mask: best.mask, smoothMm: best.smoothMm, method: best.method };
}
