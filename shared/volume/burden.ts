import { MEASUREMENT_RULES, type BurdenBin } from './measurementRules';

export interface TumourBurden {
  /** 100 x tumour / (liver including tumours). */
  percent: number;
  tumourMl: number;
  /** The denominator: whole-liver volume including tumours (mL). */
  liverIncludingTumourMl: number;
  bin: string;
  source: string;
  ruleSet: string;
}

/** Tumour burden and its report bin (clinical-rules.md section 1). */
export function tumourBurden(
  tumourMl: number,
  liverIncludingTumourMl: number,
  bins: readonly BurdenBin[] = MEASUREMENT_RULES.burdenBins.bins,
): TumourBurden {
  if (!(liverIncludingTumourMl > 0)) throw new Error('liver volume must be positive');
  if (tumourMl < 0 || tumourMl > liverIncludingTumourMl) {
    throw new Error('tumour volume must lie between 0 and the liver volume including tumours');
  }
  const percent = (100 * tumourMl) / liverIncludingTumourMl;
  const bin = bins.find((b) => percent >= b.fromPercent && percent < b.toPercent);
  if (!bin) throw new Error(`no burden bin holds ${percent}%`);
  return {
    percent,
    tumourMl,
    liverIncludingTumourMl,
    bin: bin.label,
    source: MEASUREMENT_RULES.burdenBins.source,
    ruleSet: `${MEASUREMENT_RULES.id}@${MEASUREMENT_RULES.version}`,
  };
}

/**
 * Tumour burden from masks on one grid: the denominator is the union of liver and tumour
 * voxels, so it is right whether or not the liver segment already contains the tumours.
 */
export function tumourBurdenFromMasks(
  liver: ArrayLike<number>,
  tumour: ArrayLike<number>,
  voxelVolumeMm3: number,
): TumourBurden {
  let t = 0;
  let union = 0;
  for (let n = 0; n < liver.length; n++) {
    if (tumour[n]) t++;
    if (tumour[n] || liver[n]) union++;
  }
  return tumourBurden((t * voxelVolumeMm3) / 1000, (union * voxelVolumeMm3) / 1000);
}
