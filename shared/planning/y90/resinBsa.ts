import { PlanValidationError, requireRange } from '../errors';
import type { RuleSet } from '../ruleSet';

export interface ResinBsaInput {
  bsaM2: number;
  /** Whole-liver tumour volume and whole liver including tumours (mL): V_T / (V_T + V_N). */
  tumourMl: number;
  liverMl: number;
  /** Target (treated) volume for partial-liver treatment; omit for whole liver. */
  targetMl?: number;
  lsf: number;
}

export interface ResinBsaResult {
  wholeLiverGBq: number;
  /** After the partial-liver fraction V_target / V_liver. */
  targetGBq: number;
  /** Fractional reduction applied for the lung shunt (0, 0.2, 0.4 by default). */
  lsfReduction: number;
  /** Final prescribed activity; 0 when the shunt forbids treatment. */
  activityGBq: number;
  doNotTreat: boolean;
  source: string;
}

/** Resin LSF activity reduction band; doNotTreat above the rule set's limit. */
export function resinLsfReduction(lsf: number, ruleSet: RuleSet): { reduction: number; doNotTreat: boolean } {
  requireRange('y90.lungShuntFraction', lsf, 0, 1);
  const r = ruleSet.calculators.resinLsfReduction;
  if (lsf > r.doNotTreatAbove) return { reduction: 1, doNotTreat: true };
  const band = r.bands.find((b) => lsf < b.lsfBelow);
  // LSF exactly at the do-not-treat edge falls in the last (largest) reduction band.
  return { reduction: (band ?? r.bands[r.bands.length - 1]!).reduction, doNotTreat: false };
}

/**
 * Resin BSA method: A = (BSA - 0.2) + V_T / (V_T + V_N), scaled by V_target / V_liver for partial
 * treatment (the variant of the clinical rules; another scales the tumour fraction instead), then
 * reduced for the lung shunt. Empirical, not dosimetric.
 */
export function resinBsaActivity(input: ResinBsaInput, ruleSet: RuleSet): ResinBsaResult {
  requireRange('bsaM2', input.bsaM2, 0.5, 3.5, 'm2');
  requireRange('measured.liverMl', input.liverMl, 1, 15000, 'mL');
  requireRange('measured.tumourMl', input.tumourMl, 0, input.liverMl, 'mL');
  const c = ruleSet.calculators.resinBsaActivity;
  const wholeLiverGBq = input.bsaM2 - c.bsaOffset + input.tumourMl / input.liverMl;
  if (wholeLiverGBq <= 0) throw new PlanValidationError('bsaM2', 'BSA too small for the BSA method');
  const fraction = input.targetMl === undefined ? 1 : input.targetMl / input.liverMl;
  requireRange('y90.targetVolumeMl', fraction, 0, 1.05);
  const targetGBq = wholeLiverGBq * Math.min(1, fraction);
  const { reduction, doNotTreat } = resinLsfReduction(input.lsf, ruleSet);
  return {
    wholeLiverGBq,
    targetGBq,
    lsfReduction: doNotTreat ? 1 : reduction,
    activityGBq: doNotTreat ? 0 : targetGBq * (1 - reduction),
    doNotTreat,
    source: `${c.source}; ${ruleSet.calculators.resinLsfReduction.source}`,
  };
}
