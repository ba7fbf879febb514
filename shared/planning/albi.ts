import { requireRange } from './errors';
import type { RuleSet } from './ruleSet';

export interface AlbiResult {
  score: number;
  grade: 1 | 2 | 3;
  source: string;
}

/** ALBI score and grade (Johnson, JCO 2015); coefficients and cut-offs from the rule set. */
export function albi(bilirubinUmolL: number, albuminGL: number, ruleSet: RuleSet): AlbiResult {
  requireRange('labs.bilirubin', bilirubinUmolL, 1, 855, 'umol/L');
  requireRange('labs.albumin', albuminGL, 5, 70, 'g/L');
  const a = ruleSet.calculators.albi;
  const score = a.bilirubinCoefficient * Math.log10(bilirubinUmolL) + a.albuminCoefficient * albuminGL;
  const grade = score <= a.grade1Max ? 1 : score <= a.grade2Max ? 2 : 3;
  return { score, grade, source: a.source };
}
