import { measureSummary, measuredMargins, type MeasureSummary } from '../../../shared/case/measureSummary';
import { useTerritoryStore } from '../territory/territoryStore';
import { useAblationStore } from '../ablation/ablationStore';
import { useConfirmStore } from '../confirm/confirmStore';
import { useCaseStore } from './caseStore';

// The derivation lives in shared/case so `liverplan plan --case` reads the case exactly as the app.
export { measureSummary, measuredMargins };
export type { MeasuredMargin, MeasureSummary, TargetChoice } from '../../../shared/case/measureSummary';

export function useMeasureSummary(): MeasureSummary | null {
  const stats = useCaseStore((s) => s.stats);
  const analysis = useAblationStore((s) => s.analysis);
  const tumourLabel = useConfirmStore((s) => s.tumourLabel);
  const confirmed = useConfirmStore((s) => s.result?.margin.mamMm);
  const territories = useTerritoryStore((s) => s.territories);
  const targetId = useTerritoryStore((s) => s.targetId);
  return measureSummary(stats, measuredMargins(analysis, { tumourLabel, mamMm: confirmed }), { territories, targetId });
}
