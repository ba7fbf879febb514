import { rasteriseAblationZones, type Applicator } from '../volume/ablationZone';
import { voxelVolumeMm3, type Labelmap } from '../volume/grid';
import { computeMargin, type MarginResult } from '../volume/margin';
import {
  checkHeatSink,
  criticalStructureDistances,
  type HeatSinkVessel,
  type StructureDistance,
} from '../volume/proximity';
import { maskOf, wholeLiverMask } from './caseMasks';
import { marginBands, paintMarginMap } from './marginBands';
import type { PathSegmentInfo } from './pathCrossings';

export interface AblationOptions {
  /** Target minimal margin (mm); default from the rule data. */
  targetMm?: number;
  subcapsularMm?: number;
  heatSinkMinDiameterMm?: number;
  heatSinkProximityMm?: number;
  criticalThresholdMm?: number;
}

/** The margin figures of one tumour, without the per-voxel surface arrays. */
export type MarginSummary = Omit<MarginResult, 'surface'>;

export interface TumourAnalysis {
  label: number;
  name: string;
  /** Null when no zone exists; then `note` says why. */
  margin: MarginSummary | null;
  heatSink: HeatSinkVessel[];
  note: string;
}

export interface AblationAnalysis {
  tumours: TumourAnalysis[];
  /** Distances from the union zone (or, without a zone, from all tumours) to critical structures. */
  critical: StructureDistance[];
  criticalFrom: 'zone' | 'tumours';
  zoneVolumeMl: number;
  /**
   * Overlay labelmap on the case grid: 1..4 = margin bands on the counted tumour surface
   * (marginBands), ZONE_LABEL = rest of the predicted zone.
   */
  overlay: Uint8Array;
}

/** Overlay label of the predicted zone where no margin band is drawn. */
export const ZONE_LABEL = 5;

/**
 * Everything the Ablation panel shows, from the case labelmap and segment list: the union zone
 * of the applicators, per lesion segment the margin (qam method, liver segments giving the
 * capsule exclusion) and heat-sink vessels, and the critical-structure distances of the zone.
 */
export function analyseAblation(
  labelmap: Labelmap,
  segments: PathSegmentInfo[],
  applicators: Applicator[],
  options: AblationOptions = {},
): AblationAnalysis {
  const { grid, data } = labelmap;
  const zone = rasteriseAblationZones(applicators, grid);
  let zoneVoxels = 0;
  for (let n = 0; n < zone.length; n++) zoneVoxels += zone[n]!;
  const overlay = new Uint8Array(zone.length);
  for (let n = 0; n < zone.length; n++) if (zone[n]) overlay[n] = ZONE_LABEL;
  const bands = marginBands(options.targetMm);
  const names = (kind: string) =>
    Object.fromEntries(segments.filter((s) => s.kind === kind).map((s) => [s.label, s.name]));
  const vesselLabels = new Set(segments.filter((s) => s.kind === 'vessel').map((s) => s.label));
  const criticalLabels = new Set(segments.filter((s) => s.kind === 'critical').map((s) => s.label));
  const liver = wholeLiverMask(data, segments);
  const vessels = new Uint16Array(data.length);
  for (let n = 0; n < data.length; n++) if (vesselLabels.has(data[n]!)) vessels[n] = data[n]!;
  const allTumours = new Uint8Array(data.length);

  const tumours: TumourAnalysis[] = [];
  for (const s of segments.filter((x) => x.kind === 'lesion')) {
    const tumour = maskOf(data, new Set([s.label]));
    let count = 0;
    for (let n = 0; n < tumour.length; n++) {
      count += tumour[n]!;
      if (tumour[n]) allTumours[n] = 1;
    }
    if (!count) continue;
    const heatSink = checkHeatSink(tumour, vessels, grid, {
      minDiameterMm: options.heatSinkMinDiameterMm,
      proximityMm: options.heatSinkProximityMm,
      names: names('vessel'),
    });
    if (!zoneVoxels) {
      tumours.push({
        label: s.label,
        name: s.name,
        margin: null,
        heatSink,
        note: 'Place an applicator to get a zone.',
      });
      continue;
    }
    const m = computeMargin(tumour, zone, grid, {
      liver: liver ?? undefined,
      targetMm: options.targetMm,
      subcapsularMm: options.subcapsularMm,
    });
    paintMarginMap(m, bands, overlay);
    const { surface: _surface, ...margin } = m;
    void _surface;
    const note = liver ? '' : 'No liver segment: subcapsular surface is not excluded.';
    tumours.push({ label: s.label, name: s.name, margin, heatSink, note });
  }

  let critical: StructureDistance[] = [];
  const source = zoneVoxels ? zone : allTumours;
  const hasSource = zoneVoxels > 0 || tumours.length > 0;
  if (criticalLabels.size && hasSource) {
    const structures = new Uint16Array(data.length);
    for (let n = 0; n < data.length; n++) if (criticalLabels.has(data[n]!)) structures[n] = data[n]!;
    critical = criticalStructureDistances(source, structures, grid, {
      thresholdMm: options.criticalThresholdMm,
      names: names('critical'),
    });
  }
  return {
    tumours,
    critical,
    criticalFrom: zoneVoxels ? 'zone' : 'tumours',
    zoneVolumeMl: (zoneVoxels * voxelVolumeMm3(grid)) / 1000,
    overlay,
  };
}
