import { loadDefaultRuleSet } from '../planning/loadDefaultRuleSet';
import type { SourcedConstant } from '../planning/ruleSet';
import { tumourBurdenFromMasks, type TumourBurden } from '../volume/burden';
import { sameGrid, voxelVolumeMm3, type Labelmap } from '../volume/grid';
import { resampleScalar } from '../volume/resample';
import { segmentStatistics, type Phase, type SegmentStats } from '../volume/stats';
import { intrahepaticVesselLabels, wholeLiverMasks } from '../volume/wholeLiver';
import { lesionFigures, type LesionCheck, type LesionFigure } from './lesionFigures';
import type { MeasureSegment } from './measureSegment';
import { lesionSurroundings } from './lesionSurroundings';
import { segmentBoxes } from './segmentBoxes';
import { lobeSplit, territoryMask, type Territory } from './territory';
import { targetFigures, type TargetFigures } from './targetFigures';

export interface MeasureCaseInput {
  /** The case labelmap: one segment per voxel. */
  labels: Labelmap;
  /** The segments to measure; their kinds say which play liver, lesion and vessel. */
  segments: readonly MeasureSegment[];
  /** Phases on any grid: resampled onto the labelmap grid, voxels outside a phase reading NaN. */
  phases?: readonly Phase[];
  /** A Y-90 target territory on the labelmap grid (0/1). */
  target?: ArrayLike<number>;
  /** Y-90 target territories (planes): each is measured, and a lobe split gives each lesion its lobe. */
  territories?: readonly Territory[];
  /** Tissue density for target masses; default the shipped rule set's. */
  density?: SourcedConstant;
}

export interface WholeLiverFigures {
  /** Liver + tumours + the vessel voxels the liver closes round (IVC never): the burden denominator. */
  ml: number;
  voxels: number;
  tumourMl: number;
  intrahepaticVesselMl: number;
}

/** A case's figures, the same for the Segment panel, Plan, Report, Export, Practice and the CLI. */
export interface CaseFigures {
  voxelVolumeMm3: number;
  /** Per-segment volume, HU per phase and diameters (labelmap voxels of that segment only). */
  segments: SegmentStats[];
  wholeLiver: WholeLiverFigures | null;
  burden: TumourBurden | null;
  /** Why there is no burden (empty when there is one). */
  burdenNote: string;
  lesionCount: number;
  lesions: LesionFigure[];
  /** Lesion segments holding separate parts (each still one lesion). */
  lesionChecks: LesionCheck[];
  target: TargetFigures | null;
  /** The figures inside each territory, in the order given. */
  territories: TerritoryFigures[];
}

export interface TerritoryFigures {
  id: string;
  name: string;
  figures: TargetFigures;
}

/** Measures a case: every consumer calls this, so the figures never disagree. */
export function measureCase(input: MeasureCaseInput): CaseFigures {
  const { labels, segments } = input;
  const { grid, data } = labels;
  const voxelMm3 = voxelVolumeMm3(grid);
  const phases = (input.phases ?? []).map((p) => ({
    name: p.name,
    volume: sameGrid(p.volume.grid, grid) ? p.volume : resampleScalar(p.volume, grid, Number.NaN),
  }));
  const stats = segmentStatistics(
    labels,
    phases,
    segments.map((s) => s.label),
  );
  const byLabel = new Map(stats.map((s) => [s.label, s]));
  const labelsOf = (kind: MeasureSegment['kind']) => segments.filter((s) => s.kind === kind).map((s) => s.label);
  const lesionSegments = segments.filter((s) => s.kind === 'lesion');
  // One voxel holds one segment, so vessels painted over the liver are given back to it here.
  const whole = wholeLiverMasks(
    data,
    grid,
    labelsOf('liver'),
    lesionSegments.map((s) => s.label),
    intrahepaticVesselLabels(segments),
  );
  const { lesions, checks } = lesionFigures(labels, lesionSegments, byLabel, segmentBoxes(data, grid.dims), phases);
  const hasLiver = whole.liver.includes(1);
  const density = input.density ?? loadDefaultRuleSet().constants.tissueDensity;
  // Territories split the whole liver (tumours included): the target mask is the perfused liver.
  let wholeMask: Uint8Array | null = null;
  const wholeLiver = () => (wholeMask ??= whole.liver.map((v, n) => v | whole.tumour[n]!));
  const territories = hasLiver
    ? (input.territories ?? []).map((t) => ({
        id: t.id,
        name: t.name,
        figures: targetFigures(territoryMask(wholeLiver(), grid, t), whole.liver, whole.tumour, voxelMm3, density),
      }))
    : [];
  const split = lobeSplit(input.territories ?? []);
  const around = lesionSurroundings(
    labels,
    segments,
    lesions,
    split && { inside: territoryMask(new Uint8Array(data.length).fill(1), grid, split), lobe: split.lobe },
  );
  for (const l of lesions) Object.assign(l, around.get(l.id));
  const burden = hasLiver ? tumourBurdenFromMasks(whole.liver, whole.tumour, voxelMm3) : null;
  const ml = (voxels: number) => (voxels * voxelMm3) / 1000;
  let wholeVoxels = 0;
  for (let n = 0; n < data.length; n++) wholeVoxels += whole.liver[n]! | whole.tumour[n]!;
  return {
    voxelVolumeMm3: voxelMm3,
    segments: stats,
    wholeLiver: burden && {
      ml: burden.liverIncludingTumourMl,
      voxels: wholeVoxels,
      tumourMl: burden.tumourMl,
      intrahepaticVesselMl: ml(whole.intrahepaticVesselVoxels),
    },
    burden,
    burdenNote: hasLiver ? '' : 'Segment the liver to get the tumour burden.',
    lesionCount: lesions.length,
    lesions,
    lesionChecks: checks,
    target: input.target ? targetFigures(input.target, whole.liver, whole.tumour, voxelMm3, density) : null,
    territories,
  };
}
