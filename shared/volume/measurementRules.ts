/**
 * Clinical thresholds used by shared/volume measurements, as versioned data with sources
 * (clinical-rules.md sections 1 and 5). Callers take the defaults from here and may override
 * them per call; nothing in shared/volume hard-codes these numbers.
 */
export interface SourcedValue {
  value: number;
  unit: string;
  source: string;
}

export interface BurdenBin {
  /** Inclusive lower bound (%). */
  fromPercent: number;
  /** Exclusive upper bound (%); Infinity for the last bin. */
  toPercent: number;
  label: string;
}

export const MEASUREMENT_RULES = {
  id: 'liverplan-measurement-defaults',
  version: '1.0.0',
  marginTarget: {
    value: 5,
    unit: 'mm',
    source: 'Minimal ablative margin >=5 mm (CIRSE 2020; Shady, JVIR 2018); default, configurable',
  },
  subcapsularExclusion: {
    value: 5,
    unit: 'mm',
    source: 'qam method: tumour surface within 5 mm of the liver capsule is excluded',
  },
  heatSinkVesselDiameter: {
    value: 3,
    unit: 'mm',
    source: 'Heat sink: vessel >=3 mm diameter near the tumour (Shady, JVIR 2018)',
  },
  heatSinkProximity: {
    value: 10,
    unit: 'mm',
    source: 'Heat-sink proximity distance default 10 mm [U] (clinical-rules.md section 5)',
  },
  criticalStructureProximity: {
    value: 10,
    unit: 'mm',
    source: 'Critical structures within ~10 mm of a planned zone [K/U] (clinical-rules.md 5)',
  },
  burdenBins: {
    source: 'Tumour-burden report bins (clinical-rules.md section 1)',
    bins: [
      { fromPercent: 0, toPercent: 10, label: '<10%' },
      { fromPercent: 10, toPercent: 25, label: '10-25%' },
      { fromPercent: 25, toPercent: 50, label: '25-50%' },
      { fromPercent: 50, toPercent: 75, label: '50-75%' },
      { fromPercent: 75, toPercent: Infinity, label: '>=75%' },
    ] as BurdenBin[],
  },
} as const satisfies Record<string, unknown>;
