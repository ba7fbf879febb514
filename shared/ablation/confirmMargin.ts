import { voxelVolumeMm3, type Grid, type Labelmap } from '../volume/grid';
import { computeMargin } from '../volume/margin';
import { resampleLabelmap } from '../volume/resample';
import { ZONE_LABEL, type MarginSummary } from './analyseAblation';
import { maskOf, wholeLiverMask } from './caseMasks';
import { marginBands, paintMarginMap } from './marginBands';
import { moveGrid } from './moveGrid';
import type { PathSegmentInfo } from './pathCrossings';

export interface ConfirmationInput {
  /** The case labelmap on the pre-procedure grid and its segments (tumour, liver). */
  labelmap: Labelmap;
  segments: PathSegmentInfo[];
  /** The lesion segment whose margin is confirmed. */
  tumourLabel: number;
  /** Ablation zone segmented on the post-ablation series (its own grid), non-zero = zone. */
  postZone: Labelmap;
  /** Row-major 4x4 rigid transform, post-ablation patient space -> pre-procedure patient space. */
  postToPre: number[];
  targetMm?: number;
  subcapsularMm?: number;
}

export interface ConfirmationResult {
  margin: MarginSummary;
  /** Zone volume on the post series (mL) and what of it lands on the pre grid. */
  zoneVolumeMl: number;
  zoneInPreVolumeMl: number;
  /** Pre-grid overlay: margin bands 1..4 on the counted tumour surface, ZONE_LABEL elsewhere in the zone (as the plan's overlay). */
  overlay: Uint8Array;
  note: string;
}

/**
 * The post zone carried into the pre grid: the rigid transform relabels the post grid's
 * geometry (moveGrid), then one nearest-neighbour resampling, so the mask is interpolated once.
 */
export function zoneInPreGrid(postZone: Labelmap, postToPre: number[], pre: Grid): Uint8Array {
  const moved = { grid: moveGrid(postZone.grid, postToPre), data: postZone.data };
  const resampled = resampleLabelmap(moved, pre).data;
  const out = new Uint8Array(resampled.length);
  for (let n = 0; n < resampled.length; n++) if (resampled[n]) out[n] = 1;
  return out;
}

/**
 * Confirmation workflow (clinical-rules.md section 5, step 1): the achieved zone segmented on
 * the post-ablation series, registered into the pre-procedure frame, and the margin of the
 * pre-procedure tumour against it (qam method, capsule exclusion from the liver segments).
 */
export function confirmMargin(input: ConfirmationInput): ConfirmationResult {
  const { labelmap, segments } = input;
  const grid = labelmap.grid;
  const tumour = maskOf(labelmap.data, new Set([input.tumourLabel]));
  let tumourVoxels = 0;
  for (let n = 0; n < tumour.length; n++) tumourVoxels += tumour[n]!;
  if (!tumourVoxels) throw new Error('the chosen lesion segment is empty: segment the tumour on the Segment tab');
  let postVoxels = 0;
  for (let n = 0; n < input.postZone.data.length; n++) if (input.postZone.data[n]) postVoxels++;
  if (!postVoxels) throw new Error('no ablation zone yet: click inside the zone on the post-ablation series');
  const zone = zoneInPreGrid(input.postZone, input.postToPre, grid);
  let zoneVoxels = 0;
  for (let n = 0; n < zone.length; n++) zoneVoxels += zone[n]!;
  if (!zoneVoxels) throw new Error('the registered ablation zone does not overlap the pre-procedure series');
  const liver = wholeLiverMask(labelmap.data, segments);
  const m = computeMargin(tumour, zone, grid, {
    liver: liver ?? undefined,
    targetMm: input.targetMm,
    subcapsularMm: input.subcapsularMm,
  });
  const overlay = new Uint8Array(zone.length);
  for (let n = 0; n < zone.length; n++) if (zone[n]) overlay[n] = ZONE_LABEL;
  paintMarginMap(m, marginBands(input.targetMm), overlay);
  const { surface: _surface, ...margin } = m;
  void _surface;
  return {
    margin,
    zoneVolumeMl: (postVoxels * voxelVolumeMm3(input.postZone.grid)) / 1000,
    zoneInPreVolumeMl: (zoneVoxels * voxelVolumeMm3(grid)) / 1000,
    overlay,
    note: liver ? '' : 'No liver segment: subcapsular surface is not excluded.',
  };
}
