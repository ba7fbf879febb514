import type { Modality, RuleDefinition } from './ruleSet';

export type OutcomeStatus = 'eligible' | 'caution' | 'contraindicated' | 'info';

/** One triggered rule: what it says, why, and where the rule comes from. */
export interface Outcome {
  modality: Modality;
  /** Set for per-lesion rules (ablation). */
  lesionId?: string;
  /** Set for Y-90 dosimetry outcomes: the activity method the figures come from. */
  method?: string;
  status: OutcomeStatus;
  /** A warning the user must acknowledge (e.g. abscess risk with biliary history). */
  hardWarning?: boolean;
  ruleId: string;
  rationale: string;
  source: string;
  tag: string;
}

/** Builds outcomes for a rule, one per modality it covers (or the given subset). */
export function outcomesFor(
  rule: RuleDefinition,
  rationale: string,
  extra: { status?: OutcomeStatus; lesionId?: string; method?: string; modalities?: readonly Modality[] } = {},
): Outcome[] {
  const modalities = extra.modalities ?? rule.modalities;
  return modalities.map((modality) => ({
    modality,
    ...(extra.lesionId !== undefined ? { lesionId: extra.lesionId } : {}),
    ...(extra.method !== undefined ? { method: extra.method } : {}),
    status: extra.status ?? rule.severity,
    ...(rule.hardWarning ? { hardWarning: true } : {}),
    ruleId: rule.id,
    rationale,
    source: rule.source,
    tag: rule.tag,
  }));
}

const RANK: Record<OutcomeStatus, number> = { info: 0, eligible: 1, caution: 2, contraindicated: 3 };

/** The most severe status among outcomes; eligible when none is worse. */
export function worstStatus(outcomes: readonly Outcome[]): OutcomeStatus {
  let worst: OutcomeStatus = 'eligible';
  for (const o of outcomes) if (RANK[o.status] > RANK[worst]) worst = o.status;
  return worst;
}
