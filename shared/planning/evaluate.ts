import { albi, type AlbiResult } from './albi';
import { bodySurfaceArea, type BsaResult } from './bsa';
import { childPugh, type ChildPughResult } from './childPugh';
import { PlanValidationError } from './errors';
import { parsePlanInput, type PlanInput, type PlanInputRaw } from './inputSchema';
import { worstStatus, type Outcome, type OutcomeStatus } from './outcome';
import { ablationRules } from './rules/ablation';
import type { RuleContext, RuleImpl } from './rules/context';
import { netRules } from './rules/net';
import { sirtRules } from './rules/sirt';
import { transarterialRules } from './rules/transarterial';
import { MODALITIES, type Modality, type RuleSet } from './ruleSet';
import { resolveSettings, type PlanSettings, type ResolvedSettings } from './settings';
import { normaliseLabs } from './units';
import { computeY90, type Y90Result } from './y90/dosimetry';

const IMPLEMENTATIONS: Record<string, RuleImpl> = {
  ...transarterialRules,
  ...netRules,
  ...sirtRules,
  ...ablationRules,
};
/** Rules applied inside the Y-90 dosimetry rather than from the registry. */
const DOSIMETRY_PREFIX = 'y90.';

export interface TumourBurdenFigure {
  percent: number;
  tumourMl: number;
  /** The denominator: whole liver including tumours. */
  liverIncludingTumourMl: number;
  bin: string;
  source: string;
}

export interface ChecklistItem {
  ruleId: string;
  text: string;
  modalities: Modality[];
  source: string;
}

export interface PlanResult {
  ruleSetId: string;
  ruleSetVersion: string;
  settings: ResolvedSettings;
  calculators: { childPugh: ChildPughResult; albi: AlbiResult; bsa: BsaResult };
  burden: TumourBurdenFigure;
  outcomes: Outcome[];
  /** Worst status per modality (eligible when nothing triggered). */
  summary: { modality: Modality; status: OutcomeStatus; planned: boolean }[];
  /** Rules skipped because optional inputs were not entered. */
  notEvaluated: { ruleId: string; missing: string[] }[];
  y90?: Y90Result;
  checklist: ChecklistItem[];
  disclaimer: string;
}

/**
 * Evaluates a plan: calculators, every rule of the rule set, and Y-90 dosimetry when SIRT inputs
 * are given. `input` may be raw (JSON) or already parsed; it is validated either way.
 * Throws PlanValidationError on any value outside its valid range.
 */
export function evaluatePlan(input: PlanInput | PlanInputRaw, ruleSet: RuleSet, settings?: PlanSettings): PlanResult {
  const parsed = parsePlanInput(input);
  const resolved = resolveSettings(ruleSet, settings);
  const labs = normaliseLabs(parsed.labs, ruleSet);
  const cp = childPugh(
    {
      bilirubinMgDl: labs.bilirubinMgDl,
      albuminGDl: labs.albuminGDl,
      inr: parsed.labs.inr,
      ascites: parsed.clinical.ascites,
      encephalopathy: parsed.clinical.encephalopathy,
    },
    ruleSet,
  );
  const al = albi(labs.bilirubinUmolL, labs.albuminGL, ruleSet);
  const bsa = bodySurfaceArea(parsed.patient.heightCm, parsed.patient.weightKg, ruleSet);
  const burden = tumourBurden(parsed, ruleSet);
  const ctx: RuleContext = {
    input: parsed,
    labs,
    childPugh: cp,
    albi: al,
    burdenPercent: burden.percent,
    settings: resolved,
    ruleSet,
  };

  const outcomes: Outcome[] = [];
  const notEvaluated: PlanResult['notEvaluated'] = [];
  const checklist: ChecklistItem[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.id.startsWith(DOSIMETRY_PREFIX)) continue;
    const impl = IMPLEMENTATIONS[rule.id];
    if (!impl) throw new PlanValidationError(`ruleSet.rules.${rule.id}`, 'no logic for this rule id');
    const r = impl(rule, ctx);
    if (!Array.isArray(r)) {
      notEvaluated.push({ ruleId: rule.id, missing: r.missing });
      continue;
    }
    outcomes.push(...r);
    if (rule.checklist && r.length) {
      checklist.push({ ruleId: rule.id, text: rule.checklist, modalities: rule.modalities, source: rule.source });
    }
  }

  let y90: Y90Result | undefined;
  if (parsed.y90) {
    y90 = computeY90(parsed, parsed.y90, bsa.m2, labs.bilirubinMgDl, ruleSet, resolved);
    outcomes.push(...y90.warnings, ...y90.methods.flatMap((m) => m.warnings));
  } else {
    // Say so rather than let SIRT look cleared on eligibility rules alone.
    notEvaluated.push({ ruleId: 'y90.*', missing: ['y90'] });
  }

  const summary = MODALITIES.map((modality) => ({
    modality,
    status: worstStatus(outcomes.filter((o) => o.modality === modality)),
    planned: parsed.plannedModality === modality,
  }));

  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    settings: resolved,
    calculators: { childPugh: cp, albi: al, bsa },
    burden,
    outcomes,
    summary,
    notEvaluated,
    ...(y90 ? { y90 } : {}),
    checklist,
    disclaimer: ruleSet.disclaimer,
  };
}

function tumourBurden(input: PlanInput, ruleSet: RuleSet): TumourBurdenFigure {
  const { tumourMl, liverMl } = input.measured;
  const percent = (100 * tumourMl) / liverMl;
  const bins = ruleSet.calculators.burdenBins;
  const bin = bins.bins.find((b) => percent >= b.fromPercent && (b.toPercent === null || percent < b.toPercent));
  if (!bin) throw new PlanValidationError('ruleSet.calculators.burdenBins', `no bin holds ${percent}%`);
  return { percent, tumourMl, liverIncludingTumourMl: liverMl, bin: bin.label, source: bins.source };
}
