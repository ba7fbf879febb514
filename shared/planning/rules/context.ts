import type { AlbiResult } from '../albi';
import type { ChildPughResult } from '../childPugh';
import type { PlanInput } from '../inputSchema';
import type { Outcome } from '../outcome';
import type { RuleDefinition, RuleSet } from '../ruleSet';
import type { ResolvedSettings } from '../settings';
import type { NormalisedLabs } from '../units';

/** Everything a rule may read: parsed input, normalised labs, calculators and settings. */
export interface RuleContext {
  input: PlanInput;
  labs: NormalisedLabs;
  childPugh: ChildPughResult;
  albi: AlbiResult;
  burdenPercent: number;
  settings: ResolvedSettings;
  ruleSet: RuleSet;
}

/** Triggered outcomes (possibly none), or the optional inputs that were missing. */
export type RuleResult = Outcome[] | { missing: string[] };

export type RuleImpl = (rule: RuleDefinition, ctx: RuleContext) => RuleResult;

/** Rounds for rationale text only (figures in results keep full precision). */
export function fmt(v: number, digits = 1): string {
  return Number(v.toFixed(digits)).toString();
}
