import type { PlanInputRaw } from '../inputSchema';

/** A well-compensated NET patient with one small right-lobe lesion: triggers almost nothing. */
export function baseInput(): PlanInputRaw {
  return {
    plannedModality: 'SIRT',
    patient: { heightCm: 170, weightKg: 70, ecog: 0 },
    labs: {
      bilirubin: { value: 0.8, unit: 'mg/dL' },
      albumin: { value: 4.2, unit: 'g/dL' },
      inr: 1.0,
      creatinine: { value: 0.9, unit: 'mg/dL' },
      granulocytes10e9L: 4,
      ldhUL: 200,
      astUL: 30,
      wbcPerMm3: 6000,
      neutrophilsPerMm3: 4000,
      lvefPercent: 60,
    },
    clinical: { primaryTumour: 'NET' },
    measured: {
      liverMl: 1500,
      tumourMl: 300,
      lesions: [{ id: 'L1', diameterMm: 25, volumeMl: 8, lobe: 'right' }],
    },
  };
}
