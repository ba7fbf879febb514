import { fillMeasuredDraft } from '../../../shared/case/fillMeasuredDraft';
import { useMeasureSummary, type MeasureSummary } from '../store/measureStore';
import { usePlanStore } from './planStore';

/**
 * "Use volumes from segmentation": copies the measured figures of the open case into the plan
 * form (shared/case/fillMeasuredDraft, which `liverplan plan --case` calls too), each recorded
 * with its source so the form and the report show where it came from and mark it overridden
 * once the user changes it. Null when nothing is measured yet.
 */
export function useMeasuredForPlan(): (() => void) | null {
  const m = useMeasureSummary();
  if (!m) return null;
  return () => fillMeasured(m);
}

export function fillMeasured(m: MeasureSummary): void {
  usePlanStore.setState((s) => ({ draft: fillMeasuredDraft(s.draft, m) }));
}
