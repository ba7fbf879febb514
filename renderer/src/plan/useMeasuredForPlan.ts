import { remeasuredDraft } from '../../../shared/case/fillMeasuredDraft';
import { useMeasureSummary, type MeasureSummary } from '../store/measureStore';
import { usePlanStore } from './planStore';

/**
 * "Use volumes from segmentation": copies the measured figures of the open case into the plan
 * form (shared/case/fillMeasuredDraft's remeasuredDraft, as `liverplan plan --case` does), each
 * recorded with its source so the form and the report show where it came from and mark it
 * overridden once the user changes it. A value the user overrode stays theirs on a refill (its
 * row offers "Use measured" to go back). Null when nothing is measured yet.
 */
export function useMeasuredForPlan(): (() => void) | null {
  const m = useMeasureSummary();
  if (!m) return null;
  return () => fillMeasured(m);
}

export function fillMeasured(m: MeasureSummary): void {
  usePlanStore.setState((s) => ({ draft: remeasuredDraft(s.draft, m) }));
}
