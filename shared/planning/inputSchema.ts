import { z } from 'zod';
import { PlanValidationError } from './errors';
import { MODALITIES } from './ruleSet';

/**
 * The plan input: measured values (from shared/volume) and entered clinical values, each with
 * its unit and valid range. This zod schema is the single source of validation for the CLI and
 * the UI form; `unit` metadata travels into the JSON Schema. Ranges here are plausibility limits
 * for refusing typing errors, not clinical thresholds (those live in the rule set).
 */

/** Neutral values the form starts from; the schema uses them as zod defaults. */
const DEFAULTS = {
  ecog: 0,
  primaryTumour: 'NET',
  ascites: 'none',
  encephalopathy: 'none',
  portalVein: 'patent',
  varices: 'none',
  coagulopathy: 'none',
  flag: false,
  priorLungDoseGy: 0,
  bilirubinUnit: 'mg/dL',
  albuminUnit: 'g/dL',
  creatinineUnit: 'mg/dL',
} as const;

const num = (min: number, max: number, unit: string, description: string) =>
  z.number().min(min).max(max).meta({ unit, description });
const flag = (description: string) => z.boolean().default(DEFAULTS.flag).meta({ description });

const bilirubin = z
  .discriminatedUnion('unit', [
    z.object({ unit: z.literal('mg/dL'), value: z.number().min(0.05).max(50) }),
    z.object({ unit: z.literal('umol/L'), value: z.number().min(1).max(855) }),
  ])
  .meta({ description: 'Total serum bilirubin (0.05-50 mg/dL or 1-855 umol/L)' });

const albumin = z
  .discriminatedUnion('unit', [
    z.object({ unit: z.literal('g/dL'), value: z.number().min(0.5).max(7) }),
    z.object({ unit: z.literal('g/L'), value: z.number().min(5).max(70) }),
  ])
  .meta({ description: 'Serum albumin (0.5-7 g/dL or 5-70 g/L)' });

const creatinine = z
  .discriminatedUnion('unit', [
    z.object({ unit: z.literal('mg/dL'), value: z.number().min(0.1).max(20) }),
    z.object({ unit: z.literal('umol/L'), value: z.number().min(9).max(1770) }),
  ])
  .meta({ description: 'Serum creatinine (0.1-20 mg/dL or 9-1770 umol/L)' });

export const LOBES = ['left', 'right', 'caudate'] as const;
export const CRITICAL_STRUCTURES = [
  'bowel',
  'gallbladder',
  'central-bile-duct',
  'diaphragm',
  'heart',
  'stomach',
] as const;

const lesionSchema = z.object({
  id: z.string().min(1).meta({ description: 'Lesion id (as in the segmentation)' }),
  diameterMm: num(1, 300, 'mm', 'Longest diameter'),
  volumeMl: num(0, 5000, 'mL', 'Lesion volume (sum of segmented voxels)').optional(),
  lobe: z.enum(LOBES).meta({ description: 'Lobe holding the lesion' }),
  // A negative margin is residual tumour as far as it reaches past the zone: a zone grazing a 120 mm
  // lesion measures about -120 mm, so the floor is the longest diameter allowed above, not -100.
  minimalAblativeMarginMm: num(-300, 100, 'mm', 'Minimal ablative margin (qam); negative = residual').optional(),
  vessels: z
    .array(
      z.object({
        name: z.string().optional(),
        diameterMm: num(0.5, 40, 'mm', 'Vessel diameter'),
        distanceMm: num(0, 200, 'mm', 'Distance from tumour (or planned zone) surface to vessel'),
      }),
    )
    .default([])
    .meta({ description: 'Vessels near the lesion (heat sink)' }),
  criticalStructures: z
    .array(
      z.object({
        structure: z.enum(CRITICAL_STRUCTURES),
        distanceMm: num(0, 200, 'mm', 'Distance from the planned ablation zone'),
      }),
    )
    .default([])
    .meta({ description: 'Critical structures near the planned ablation zone' }),
});

const y90Schema = z
  .object({
    product: z.enum(['resin', 'glass']).meta({ description: 'Y-90 microsphere product' }),
    intent: z
      .enum(['segmentectomy', 'lobar', 'whole-liver'])
      .meta({ description: 'Treatment intent (selects the EANM 2022 dose targets)' }),
    bilobar: flag('Bilobar treatment (whole liver or staged both lobes)'),
    pretreatedOrCompromised: flag('Liver pretreated or compromised (resin bilobar limit)'),
    lungShuntFraction: num(0, 1, 'fraction', 'LSF = C_lung / (C_lung + C_liver), 0-1'),
    lungMassKg: num(0.2, 3, 'kg', 'Lung mass if CT-derived; rule-set default otherwise').optional(),
    priorLungDoseGy: num(0, 200, 'Gy', 'Lung dose from previous Y-90 sessions').default(DEFAULTS.priorLungDoseGy),
    targetVolumeMl: num(1, 10000, 'mL', 'Target (perfused) volume including tumour'),
    tumourInTargetMl: num(0, 10000, 'mL', 'Tumour volume inside the target'),
    normalInTargetMl: num(0, 10000, 'mL', 'Non-tumoural liver volume inside the target'),
    tumourToNormalRatio: num(0.1, 100, 'ratio', 'T/N uptake ratio (99mTc-MAA), for the partition model').optional(),
    perfusedDoseGy: num(1, 1000, 'Gy', 'Prescribed mean perfused dose (MIRD single compartment)').optional(),
    normalLiverDoseGy: num(1, 500, 'Gy', 'Prescribed normal-liver dose (partition model)').optional(),
    hepaticReservePercent: num(0, 100, '%', 'Untreated (reserve) liver as % of whole liver').optional(),
    calibrationTime: z.iso.datetime({ offset: true }).optional().meta({
      description: 'Activity calibration time (ISO 8601 with offset)',
    }),
    treatmentTime: z.iso.datetime({ offset: true }).optional().meta({
      description: 'Planned treatment time (ISO 8601 with offset)',
    }),
  })
  .meta({ description: 'Y-90 (SIRT) dosimetry inputs; masses are measured inside the target' });

export const planInputSchema = z.object({
  plannedModality: z.enum(MODALITIES).optional().meta({ description: 'Planned modality' }),
  patient: z.object({
    heightCm: num(100, 250, 'cm', 'Height'),
    weightKg: num(25, 300, 'kg', 'Weight'),
    ecog: z.number().int().min(0).max(4).default(DEFAULTS.ecog).meta({ description: 'ECOG 0-4' }),
  }),
  labs: z.object({
    bilirubin,
    albumin,
    inr: num(0.5, 10, 'ratio', 'INR'),
    creatinine,
    crClMlMin: num(0, 250, 'mL/min', 'Creatinine clearance').optional(),
    wbcPerMm3: num(0, 200000, '/mm3', 'White blood cells').optional(),
    neutrophilsPerMm3: num(0, 100000, '/mm3', 'Neutrophils').optional(),
    granulocytes10e9L: num(0, 100, '10^9/L', 'Granulocytes').optional(),
    ldhUL: num(0, 20000, 'U/L', 'Lactate dehydrogenase').optional(),
    astUL: num(0, 20000, 'U/L', 'Aspartate aminotransferase').optional(),
    lvefPercent: num(5, 90, '%', 'Left-ventricular ejection fraction').optional(),
  }),
  clinical: z
    .object({
      primaryTumour: z
        .enum(['NET', 'HCC', 'CRC', 'other'])
        .default(DEFAULTS.primaryTumour)
        .meta({ description: 'Primary tumour type (NET rules apply to NET)' }),
      ascites: z
        .enum(['none', 'mild', 'moderate-severe'])
        .default(DEFAULTS.ascites)
        .meta({ description: 'Ascites (Child-Pugh)' }),
      encephalopathy: z
        .enum(['none', 'grade-1-2', 'grade-3-4'])
        .default(DEFAULTS.encephalopathy)
        .meta({ description: 'Hepatic encephalopathy (Child-Pugh)' }),
      portalVein: z
        .enum(['patent', 'tumoural-thrombosis', 'non-tumoural-thrombosis', 'hepatofugal-flow'])
        .default(DEFAULTS.portalVein)
        .meta({ description: 'Portal vein status and flow' }),
      bilioEntericAnastomosis: flag('Bilio-enteric anastomosis'),
      sphincterotomy: flag('Endoscopic sphincterotomy'),
      biliaryStent: flag('Biliary stent'),
      biliaryDilatation: flag('Biliary dilatation'),
      functionalSyndrome: flag('Functional (hormone-secreting) tumour syndrome'),
      highRiskVarices: z
        .enum(['none', 'treated', 'untreated'])
        .default(DEFAULTS.varices)
        .meta({ description: 'High-risk oesophageal/gastric varices' }),
      coagulopathy: z
        .enum(['none', 'correctable', 'uncorrectable'])
        .default(DEFAULTS.coagulopathy)
        .meta({ description: 'Coagulopathy' }),
      severeComorbidity: flag('Severe comorbidity'),
      reversibleBilirubinCause: flag('Raised bilirubin has a reversible cause (e.g. obstruction)'),
      syntheticFunctionMaintained: flag('Hepatic synthetic function maintained'),
      uncorrectableGiShunt: flag('Uncorrectable gastrointestinal shunt on MAA'),
      priorTherapies: z
        .array(z.enum([...MODALITIES, 'resection', 'liver-radiation', 'PRRT', 'systemic', 'other']))
        .default([])
        .meta({ description: 'Prior therapies' }),
    })
    // Every clinical field has a neutral default, so the whole object may be left out.
    .prefault({}),
  measured: z.object({
    liverMl: num(50, 15000, 'mL', 'Whole-liver volume INCLUDING tumours (burden denominator)'),
    tumourMl: num(0, 15000, 'mL', 'Sum of tumour volumes'),
    bothLobesEntirelyInvolved: flag('Tumour involves both entire lobes'),
    lesions: z.array(lesionSchema).default([]).meta({ description: 'Lesions (per-lesion ablation rules)' }),
  }),
  y90: y90Schema.optional(),
});

/** Parsed, defaults-filled input. */
export type PlanInput = z.output<typeof planInputSchema>;
/** What a caller (JSON file, UI form) may hand in: fields with defaults may be left out. */
export type PlanInputRaw = z.input<typeof planInputSchema>;
export type Lesion = PlanInput['measured']['lesions'][number];
export type Y90Input = NonNullable<PlanInput['y90']>;

/** The values the UI form starts from for every field that has a neutral default. */
export function planInputDefaults() {
  return {
    patient: { ecog: DEFAULTS.ecog },
    labs: {
      bilirubin: { unit: DEFAULTS.bilirubinUnit },
      albumin: { unit: DEFAULTS.albuminUnit },
      creatinine: { unit: DEFAULTS.creatinineUnit },
    },
    clinical: {
      primaryTumour: DEFAULTS.primaryTumour,
      ascites: DEFAULTS.ascites,
      encephalopathy: DEFAULTS.encephalopathy,
      portalVein: DEFAULTS.portalVein,
      bilioEntericAnastomosis: DEFAULTS.flag,
      sphincterotomy: DEFAULTS.flag,
      biliaryStent: DEFAULTS.flag,
      biliaryDilatation: DEFAULTS.flag,
      functionalSyndrome: DEFAULTS.flag,
      highRiskVarices: DEFAULTS.varices,
      coagulopathy: DEFAULTS.coagulopathy,
      severeComorbidity: DEFAULTS.flag,
      reversibleBilirubinCause: DEFAULTS.flag,
      syntheticFunctionMaintained: DEFAULTS.flag,
      uncorrectableGiShunt: DEFAULTS.flag,
      priorTherapies: [] as string[],
    },
    measured: { bothLobesEntirelyInvolved: DEFAULTS.flag, lesions: [] },
    y90: { bilobar: DEFAULTS.flag, pretreatedOrCompromised: DEFAULTS.flag, priorLungDoseGy: 0 },
  };
}

/**
 * Target, tumour and liver volumes come from different masks (and partial-volume rounding), so
 * sums may disagree slightly; beyond 5% they describe different livers and are refused.
 */
const VOLUME_SLACK = 1.05;

/**
 * Validates raw input (schema ranges plus cross-field consistency) and fills defaults.
 * Throws PlanValidationError naming the first offending field.
 */
export function parsePlanInput(raw: unknown): PlanInput {
  const r = planInputSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new PlanValidationError(issue.path.join('.') || 'input', issue.message);
  }
  const input = r.data;
  const m = input.measured;
  if (m.tumourMl > m.liverMl) {
    throw new PlanValidationError('measured.tumourMl', 'exceeds the whole-liver volume including tumours');
  }
  const ids = new Set<string>();
  for (const l of m.lesions) {
    if (ids.has(l.id)) throw new PlanValidationError('measured.lesions', `duplicate lesion id '${l.id}'`);
    ids.add(l.id);
  }
  const y = input.y90;
  if (y) {
    if (y.targetVolumeMl > m.liverMl * VOLUME_SLACK) {
      throw new PlanValidationError('y90.targetVolumeMl', 'exceeds the whole-liver volume');
    }
    if (y.tumourInTargetMl + y.normalInTargetMl > y.targetVolumeMl * VOLUME_SLACK) {
      throw new PlanValidationError(
        'y90.normalInTargetMl',
        'tumour plus normal liver inside the target exceeds the target volume',
      );
    }
    if (y.tumourInTargetMl + y.normalInTargetMl <= 0) {
      throw new PlanValidationError('y90.normalInTargetMl', 'target holds no tissue');
    }
    if (y.tumourInTargetMl > m.tumourMl * VOLUME_SLACK) {
      throw new PlanValidationError('y90.tumourInTargetMl', 'exceeds the whole-liver tumour volume');
    }
    if ((y.calibrationTime === undefined) !== (y.treatmentTime === undefined)) {
      throw new PlanValidationError('y90.treatmentTime', 'give both calibration and treatment times');
    }
  }
  return input;
}
