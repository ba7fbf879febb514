import { requireRange } from './errors';
import type { ChildPughBand, RuleSet } from './ruleSet';

export interface ChildPughInput {
  bilirubinMgDl: number;
  albuminGDl: number;
  inr: number;
  ascites: 'none' | 'mild' | 'moderate-severe';
  encephalopathy: 'none' | 'grade-1-2' | 'grade-3-4';
}

export interface ChildPughResult {
  score: number;
  class: 'A' | 'B' | 'C';
  /** e.g. "B8": the form EASL uses for the TACE cut-off. */
  label: string;
  points: { bilirubin: number; albumin: number; inr: number; ascites: number; encephalopathy: number };
  source: string;
}

const GRADED = { none: 1, mild: 2, 'moderate-severe': 3, 'grade-1-2': 2, 'grade-3-4': 3 } as const;

function bandPoints(value: number, band: ChildPughBand): 1 | 2 | 3 {
  if (band.higherIsWorse) return value > band.threePointsBeyond ? 3 : value >= band.twoPointsAt ? 2 : 1;
  return value < band.threePointsBeyond ? 3 : value <= band.twoPointsAt ? 2 : 1;
}

/** Child-Pugh score and class, with band edges from the rule set. */
export function childPugh(input: ChildPughInput, ruleSet: RuleSet): ChildPughResult {
  requireRange('labs.bilirubin', input.bilirubinMgDl, 0, 50, 'mg/dL');
  requireRange('labs.albumin', input.albuminGDl, 0, 7, 'g/dL');
  requireRange('labs.inr', input.inr, 0.5, 10);
  const c = ruleSet.calculators.childPugh;
  const points = {
    bilirubin: bandPoints(input.bilirubinMgDl, c.bilirubinMgDl),
    albumin: bandPoints(input.albuminGDl, c.albuminGDl),
    inr: bandPoints(input.inr, c.inr),
    ascites: GRADED[input.ascites],
    encephalopathy: GRADED[input.encephalopathy],
  };
  const score = Object.values(points).reduce((a, b) => a + b, 0);
  const cls = c.classes.find((k) => score <= k.maxScore)?.class ?? 'C';
  return { score, class: cls, label: `${cls}${score}`, points, source: c.source };
}
