import { useEffect, useMemo } from 'react';
import { evaluatePlan, loadDefaultRuleSet, PlanValidationError, type PlanResult } from '../../../shared/planning/index';
import { draftToInput } from '../../../shared/planning/draft';
import { PlanForm } from '../plan/PlanForm';
import { PlanOutcomes } from '../plan/PlanOutcomes';
import { PlanSettingsPanel } from '../plan/PlanSettingsPanel';
import { usePlanStore } from '../plan/planStore';
import { useMeasuredForPlan } from '../plan/useMeasuredForPlan';
import { startAutosave } from '../segmentation/caseAutosave';

const ruleSet = loadDefaultRuleSet();

/** Plan: the input form on the left, live outcomes (each with its source) on the right. */
export function PlanWorkspace() {
  const draft = usePlanStore((s) => s.draft);
  const settings = usePlanStore((s) => s.settings);
  const useMeasured = useMeasuredForPlan();
  // Plan inputs autosave with the open case, as segment edits do.
  useEffect(() => startAutosave(), []);
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
        <PlanSettingsPanel ruleSet={ruleSet} />
      </div>
      <div className="plan-right" data-testid="plan-outcomes">
        <h2>Outcomes</h2>
        {'result' in evaluation ? (
          <PlanOutcomes result={evaluation.result} />
        ) : (
          <div className="plan-incomplete" data-testid="plan-incomplete">
            <p>
              <b>Not evaluated yet.</b> {evaluation.error.replace(/^([\w.]+):/, 'Check $1:')}
            </p>
            <p className="muted">
              Outcomes appear as soon as every required value is entered and within its valid range.
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
