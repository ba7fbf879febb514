/**
 * The plan form's field labels, keyed by input path: the form shows them and problem sentences
 * (screen and report) name fields by them, so both always use the same words.
 */
export interface FieldLabel {
  label: string;
  unit?: string;
}

export const PLAN_FIELD_LABELS: Record<string, FieldLabel> = {
  plannedModality: { label: 'Planned modality' },
  'patient.heightCm': { label: 'Height', unit: 'cm' },
  'patient.weightKg': { label: 'Weight', unit: 'kg' },
  'patient.ecog': { label: 'ECOG' },
  'labs.bilirubin': { label: 'Bilirubin' },
  'labs.albumin': { label: 'Albumin' },
  'labs.inr': { label: 'INR' },
  'labs.creatinine': { label: 'Creatinine' },
  'labs.crClMlMin': { label: 'CrCl', unit: 'mL/min' },
  'labs.ldhUL': { label: 'LDH', unit: 'U/L' },
  'labs.astUL': { label: 'AST', unit: 'U/L' },
  'labs.wbcPerMm3': { label: 'WBC', unit: '/mm³' },
  'labs.neutrophilsPerMm3': { label: 'Neutrophils', unit: '/mm³' },
  'labs.granulocytes10e9L': { label: 'Granulocytes', unit: '10⁹/L' },
  'labs.lvefPercent': { label: 'LVEF', unit: '%' },
  'clinical.primaryTumour': { label: 'Primary' },
  'clinical.ascites': { label: 'Ascites' },
  'clinical.encephalopathy': { label: 'Encephalopathy' },
  'clinical.portalVein': { label: 'Portal vein' },
  'clinical.highRiskVarices': { label: 'Varices' },
  'clinical.coagulopathy': { label: 'Coagulopathy' },
  'clinical.priorTherapies': { label: 'Prior therapies' },
  'measured.liverMl': { label: 'Liver incl. tumour', unit: 'mL' },
  'measured.tumourMl': { label: 'Tumour', unit: 'mL' },
  'measured.lesions': { label: 'Lesions' },
  y90: { label: 'Y-90 (SIRT) inputs' },
  'y90.product': { label: 'Y-90 product' },
  'y90.intent': { label: 'Y-90 intent' },
  'y90.lungShuntFraction': { label: 'Lung shunt fraction' },
  'y90.targetVolumeMl': { label: 'Target (perfused) volume', unit: 'mL' },
  'y90.tumourInTargetMl': { label: 'Tumour in target', unit: 'mL' },
  'y90.normalInTargetMl': { label: 'Normal liver in target', unit: 'mL' },
  'y90.perfusedDoseGy': { label: 'Perfused dose (MIRD)', unit: 'Gy' },
  'y90.tumourToNormalRatio': { label: 'T/N ratio' },
  'y90.normalLiverDoseGy': { label: 'Normal-liver dose (partition)', unit: 'Gy' },
  'y90.priorLungDoseGy': { label: 'Prior lung dose', unit: 'Gy' },
  'y90.lungMassKg': { label: 'Lung mass (CT)', unit: 'kg' },
  'y90.hepaticReservePercent': { label: 'Hepatic reserve', unit: '%' },
  'y90.calibrationTime': { label: 'Calibration time' },
  'y90.treatmentTime': { label: 'Treatment time' },
};

/** Per-lesion fields; the lesion's own id (L1, L2...) is put in front. */
export const LESION_FIELD_LABELS: Record<string, FieldLabel> = {
  id: { label: 'id' },
  diameterMm: { label: 'diameter', unit: 'mm' },
  volumeMl: { label: 'volume', unit: 'mL' },
  lobe: { label: 'lobe' },
  minimalAblativeMarginMm: { label: 'margin', unit: 'mm' },
  vessels: { label: 'nearby vessels' },
  criticalStructures: { label: 'critical structures' },
};

/** The label of a form field by its input path, or a readable fallback (never the raw path). */
export function fieldLabel(path: string): FieldLabel {
  const known = PLAN_FIELD_LABELS[path];
  if (known) return known;
  const last = path.split('.').pop() ?? path;
  // camelCase key to words: a fallback for fields without a form control of their own.
  return { label: last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() };
}
