import { useShallow } from 'zustand/react/shallow';
import { measureSummary, measuredMargins, type MeasureSummary } from '../../../shared/case/measureSummary';
import { useRootStore, type RootState } from './rootStore';

// The derivation lives in shared/case so `liverplan plan --case` reads the case exactly as the app.
export { measureSummary, measuredMargins };
export type { MeasuredMargin, MeasureSummary, TargetChoice } from '../../../shared/case/measureSummary';

/**
 * What the case's figures are measured from, read across slices of the one store (segment
 * statistics, ablation analysis, confirmed margin, territories) without importing the features
 * that own them. A slice not loaded yet (a feature the window never opened) reads as empty.
 */
export const measureInputs = (s: Partial<RootState>) => ({
  stats: s.case?.stats ?? null,
  analysis: s.ablation?.analysis ?? null,
  tumourLabel: s.confirm?.tumourLabel ?? null,
  mamMm: s.confirm?.result?.margin.mamMm ?? undefined,
  territories: s.territory?.territories ?? [],
  targetId: s.territory?.targetId ?? null,
});

export function useMeasureSummary(): MeasureSummary | null {
  const i = useRootStore(useShallow(measureInputs));
  return measureSummary(i.stats, measuredMargins(i.analysis, { tumourLabel: i.tumourLabel, mamMm: i.mamMm }), {
    territories: i.territories,
    targetId: i.targetId,
  });
}
