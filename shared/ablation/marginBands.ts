import type { MarginResult } from '../volume/margin';
import { MEASUREMENT_RULES } from '../volume/measurementRules';

export interface MarginBand {
  /** Label value in the margin-map labelmap (1..4; 0 = not on the counted surface). */
  label: number;
  name: string;
  /** Lower bound (mm), inclusive; -Infinity for the first band. */
  fromMm: number;
  color: [number, number, number];
}

/** Ideal margin (mm) above which a surface point is drawn green. */
export const IDEAL_MARGIN = {
  value: 10,
  unit: 'mm',
  source: 'Targets: >=5 mm minimum, >10 mm ideal (CRLM: no LTP above 10 mm, Shady JVIR 2018)',
} as const;

/**
 * Colour bands of the margin map: residual tumour (< 0 mm) red, below the target margin orange,
 * target to ideal yellow, beyond ideal green. Edges come from rule data (target configurable).
 */
export function marginBands(targetMm: number = MEASUREMENT_RULES.marginTarget.value): MarginBand[] {
  return [
    { label: 1, name: 'residual (< 0 mm)', fromMm: -Infinity, color: [229, 57, 53] },
    { label: 2, name: `0-${targetMm} mm`, fromMm: 0, color: [251, 140, 0] },
    { label: 3, name: `${targetMm}-${IDEAL_MARGIN.value} mm`, fromMm: targetMm, color: [253, 216, 53] },
    { label: 4, name: `> ${IDEAL_MARGIN.value} mm`, fromMm: IDEAL_MARGIN.value, color: [67, 160, 71] },
  ];
}

/** The band label for a signed margin (mm). */
export function bandOf(marginMm: number, bands: MarginBand[]): number {
  let label = bands[0]!.label;
  for (const b of bands) if (marginMm >= b.fromMm) label = b.label;
  return label;
}

/**
 * Writes the margin map of one tumour into `out` (a labelmap on the margin's grid): each tumour
 * surface voxel gets its band label; subcapsular surface (excluded from the statistics) is
 * left 0 so the map shows exactly what was counted.
 */
export function paintMarginMap(result: MarginResult, bands: MarginBand[], out: Uint8Array): void {
  const { indices, distancesMm, subcapsular } = result.surface;
  for (let s = 0; s < indices.length; s++) {
    if (!subcapsular[s]) out[indices[s]!] = bandOf(distancesMm[s]!, bands);
  }
}
