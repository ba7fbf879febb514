import { useMemo } from 'react';
import { evaluatePlan, loadDefaultRuleSet, PlanValidationError, type PlanResult } from '../../../shared/planning/index';
import { draftToInput } from '../../../shared/planning/draft';
import { MeasuredOrigins } from '../plan/MeasuredOrigins';
import { PlanForm } from '../plan/PlanForm';
import { PlanOutcomes } from '../plan/PlanOutcomes';
import { PlanProblems } from '../plan/PlanProblems';
import { PlanSettingsPanel } from '../plan/PlanSettingsPanel';
import { usePlanStore } from '../plan/planStore';
import { useMeasuredForPlan } from '../plan/useMeasuredForPlan';

const ruleSet = loadDefaultRuleSet();

/** Plan: the input form on the left, live outcomes (each with its source) on the right. */
export function PlanWorkspace() {
  const draft = usePlanStore((s) => s.draft);
  const settings = usePlanStore((s) => s.settings);
  const useMeasured = useMeasuredForPlan();
  const evaluation = useMemo((): { result: PlanResult } | { error: string; field?: string } => {
    try {
      return { result: evaluatePlan(draftToInput(draft) as never, ruleSet, settings) };
    } catch (e) {
      if (e instanceof PlanValidationError) return { error: e.message, field: e.field };
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [draft, settings]);

  return (
    <section className="plan-workspace">
      <div className="plan-left">
        <h2>Plan inputs</h2>
        <PlanForm onUseMeasured={useMeasured ?? undefined} />
        <MeasuredOrigins />
        <PlanSettingsPanel ruleSet={ruleSet} />
      </div>
      <div className="plan-right" data-testid="plan-outcomes">
        <h2>Outcomes</h2>
        {'result' in evaluation ? (
          <PlanOutcomes result={evaluation.result} />
        ) : (
          <PlanProblems fallback="The rule set could not evaluate these inputs; please report this with the case." />
        )}
      </div>
    </section>
  );
}
