import type { PlanInput } from './inputSchema';
import type { RuleSet } from './ruleSet';

/** Lab values normalised to the units the rules are written in. */
export interface NormalisedLabs {
  bilirubinMgDl: number;
  bilirubinUmolL: number;
  albuminGDl: number;
  albuminGL: number;
  creatinineMgDl: number;
}

export function normaliseLabs(labs: PlanInput['labs'], ruleSet: RuleSet): NormalisedLabs {
  const biliFactor = ruleSet.constants.bilirubinUmolPerMgDl.value;
  const creaFactor = ruleSet.constants.creatinineUmolPerMgDl.value;
  const bMg = labs.bilirubin.unit === 'mg/dL' ? labs.bilirubin.value : labs.bilirubin.value / biliFactor;
  // g/dL <-> g/L is a unit prefix (x10), not a clinical constant.
  const aGDl = labs.albumin.unit === 'g/dL' ? labs.albumin.value : labs.albumin.value / 10;
  const cMg = labs.creatinine.unit === 'mg/dL' ? labs.creatinine.value : labs.creatinine.value / creaFactor;
  return {
    bilirubinMgDl: bMg,
    bilirubinUmolL: bMg * biliFactor,
    albuminGDl: aGDl,
    albuminGL: aGDl * 10,
    creatinineMgDl: cMg,
  };
}

/** Tissue mass (kg) of a volume (mL) at the rule set's tissue density (g/mL). */
export function massKg(volumeMl: number, ruleSet: RuleSet): number {
  return (volumeMl * ruleSet.constants.tissueDensity.value) / 1000;
}
