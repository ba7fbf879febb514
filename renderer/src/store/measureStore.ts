import type { Segment } from '../../../shared/case/model';
import type { CaseStatistics } from '../segmentation/segmentJobs';
import { useCaseStore } from './caseStore';

/** What the planning, ablation and report screens need from the case's measurements. */
export interface MeasureSummary {
  /** Whole liver including tumours (the burden denominator). */
  liverMl: number;
  tumourMl: number;
  burdenPercent: number;
  lesions: { id: string; label: number; volumeMl: number; diameterMm: number }[];
}

/** Derived from the Segment statistics (never stored twice); null until the liver is measured. */
export function measureSummary(stats: CaseStatistics | null, segments: Segment[]): MeasureSummary | null {
  if (!stats?.burden) return null;
  const lesions = segments
    .filter((s) => s.kind === 'lesion')
    .flatMap((s) => {
      const st = stats.segments.find((x) => x.label === s.label);
      return st && st.voxelCount > 0
        ? [
            {
              id: s.name.replace(/^Lesion\s*/, 'L'),
              label: s.label,
              volumeMl: st.volumeMl,
              diameterMm: st.maxDiameter3dMm,
            },
          ]
        : [];
    });
  return {
    liverMl: stats.burden.liverIncludingTumourMl,
    tumourMl: stats.burden.tumourMl,
    burdenPercent: stats.burden.percent,
    lesions,
  };
}

export function useMeasureSummary(): MeasureSummary | null {
  const stats = useCaseStore((s) => s.stats);
  const segments = useCaseStore((s) => s.segments);
  return measureSummary(stats, segments);
}
