import { requireRange } from './errors';
import type { RuleSet } from './ruleSet';

export interface BsaResult {
  m2: number;
  source: string;
}

/** Body surface area by Du Bois (the formula of the resin BSA method; not Mosteller). */
export function bodySurfaceArea(heightCm: number, weightKg: number, ruleSet: RuleSet): BsaResult {
  requireRange('patient.heightCm', heightCm, 100, 250, 'cm');
  requireRange('patient.weightKg', weightKg, 25, 300, 'kg');
  const b = ruleSet.calculators.bsaDuBois;
  const m2 = b.coefficient * (heightCm / 100) ** b.heightExponent * weightKg ** b.weightExponent;
  return { m2, source: b.source };
}
