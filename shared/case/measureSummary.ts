import type { LesionStructure, LesionVessel } from './lesionNeighbours';
import type { CaseFigures } from './measureCase';
import { priorLungDoseGy, type Territory } from './territory';
import type { TargetFigures } from './targetFigures';

/** A minimal ablative margin measured in the app, by the lesion segment it belongs to. */
export interface MeasuredMargin {
  mamMm: number;
  source: string;
}

/** What the planning, ablation and report screens (and `liverplan plan --case`) need of the case's measurements. */
export interface MeasureSummary {
  /** Whole liver including tumours (the burden denominator). */
  liverMl: number;
  tumourMl: number;
  burdenPercent: number;
  lesions: {
    /** Stable id from the segment number (shared/case/lesionId), so a rename changes nothing. */
    id: string;
    label: number;
    name: string;
    volumeMl: number;
    diameterMm: number;
    /** From the lobe split; null without one (the plan asks). */
    lobe: 'right' | 'left' | null;
    vessels: LesionVessel[];
    criticalStructures: LesionStructure[];
    margin?: MeasuredMargin;
  }[];
  /** The Y-90 target territory and what it holds, when one is chosen and measured. */
  target?: TargetFigures & { id: string; name: string; priorLungDoseGy: number };
}

/** The chosen target territory of the case. */
export interface TargetChoice {
  territories: readonly Territory[];
  targetId: string | null;
}

/**
 * Derived from the case figures (never stored twice); null until the liver is measured. Margins
 * are matched to lesions by segment number, never by name.
 */
export function measureSummary(
  figures: CaseFigures | null,
  margins: ReadonlyMap<number, MeasuredMargin> = new Map(),
  choice: TargetChoice = { territories: [], targetId: null },
): MeasureSummary | null {
  if (!figures?.burden) return null;
  const target = figures.territories.find((t) => t.id === choice.targetId);
  return {
    ...(target && {
      target: {
        ...target.figures,
        id: target.id,
        name: target.name,
        priorLungDoseGy: priorLungDoseGy(choice.territories, target.id),
      },
    }),
    liverMl: figures.burden.liverIncludingTumourMl,
    tumourMl: figures.burden.tumourMl,
    burdenPercent: figures.burden.percent,
    lesions: figures.lesions.map((l) => {
      // A margin belongs to a lesion segment, not to one part of a multi-lesion label.
      const margin = l.part === null ? margins.get(l.segmentLabel) : undefined;
      return {
        id: l.id,
        label: l.segmentLabel,
        name: l.name,
        volumeMl: l.volumeMl,
        diameterMm: l.maxDiameter3dMm,
        lobe: l.lobe,
        vessels: l.vessels,
        criticalStructures: l.criticalStructures,
        ...(margin ? { margin } : {}),
      };
    }),
  };
}

/** The margin figures measuredMargins reads of an Ablation analysis (shared/ablation/analyseAblation). */
export interface AnalysedTumourMargins {
  tumours: readonly { label: number; margin: { mamMm: number; coveragePercent?: number } | null }[];
}

/**
 * Margins from the Ablation analysis (predicted zone), overridden by Confirm (achieved zone). A
 * lesion no zone reaches (0 % covered) is not being ablated: the analysis still gives its distance
 * to the zone (tens of mm below zero), but that is no ablative margin, so its rule gets none.
 */
export function measuredMargins(
  ablation: AnalysedTumourMargins | null | undefined,
  confirm: { tumourLabel: number | null; mamMm: number | undefined },
): Map<number, MeasuredMargin> {
  const out = new Map<number, MeasuredMargin>();
  for (const t of ablation?.tumours ?? []) {
    if (t.margin && Number.isFinite(t.margin.mamMm) && t.margin.coveragePercent !== 0)
      out.set(t.label, { mamMm: t.margin.mamMm, source: 'Ablation (predicted zone)' });
  }
  if (confirm.tumourLabel !== null && confirm.mamMm !== undefined && Number.isFinite(confirm.mamMm))
    out.set(confirm.tumourLabel, { mamMm: confirm.mamMm, source: 'Confirm (achieved zone)' });
  return out;
}
