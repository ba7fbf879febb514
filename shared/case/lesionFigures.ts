import { labelComponents } from '../volume/components';
import type { IndexBox } from '../volume/crop';
import type { Labelmap } from '../volume/grid';
import { segmentStatistics, type IntensityStats, type Phase, type SegmentStats } from '../volume/stats';
import { lesionId } from './lesionId';
import type { LesionStructure, LesionVessel } from './lesionNeighbours';
import type { MeasureSegment } from './measureSegment';

/** Lesion parts are 26-connected: voxels touching at an edge or corner are one tumour. */
export const LESION_CONNECTIVITY = 26;

export interface LesionFigure {
  /** Stable id from the segment number (lesionId), never from the name. */
  id: string;
  segmentLabel: number;
  /** The segment's UID when it has one. */
  uid: string | null;
  name: string;
  /** The part (1..) of a multi-lesion label holding several, else null. */
  part: number | null;
  voxels: number;
  volumeMl: number;
  axialLongestMm: number;
  axialPerpendicularMm: number;
  maxDiameter3dMm: number;
  centroidLps: [number, number, number];
  /** HU (or signal) per phase. */
  intensity: IntensityStats[];
  /** Right or left lobe from a lobe split; null when the case has none (ask, do not guess). */
  lobe: 'right' | 'left' | null;
  /** Vessel segments >= the heat-sink diameter near the lesion, with their distance (lesionSurroundings). */
  vessels: LesionVessel[];
  /** Critical-structure segments and their distance from the lesion surface. */
  criticalStructures: LesionStructure[];
}

export interface LesionCheck {
  id: string;
  name: string;
  /** Separate parts inside one lesion segment: counted as one lesion, shown so the user can check. */
  parts: number;
}

function figure(s: MeasureSegment, st: SegmentStats, part: number | null): LesionFigure {
  return {
    id: lesionId(s.label, part ?? undefined),
    segmentLabel: s.label,
    uid: s.uid ?? null,
    name: part === null ? s.name : `${s.name} (${part})`,
    part,
    voxels: st.voxelCount,
    volumeMl: st.volumeMl,
    axialLongestMm: st.axialLongestMm,
    axialPerpendicularMm: st.axialPerpendicularMm,
    maxDiameter3dMm: st.maxDiameter3dMm,
    centroidLps: st.centroidLps,
    intensity: st.intensity,
    lobe: null,
    vessels: [],
    criticalStructures: [],
  };
}

/** Parts of one label, counted inside its bounding box (a full-grid flood fill per lesion would dominate). */
function partsInBox(labels: Labelmap, label: number, box: IndexBox): number {
  const [nx, ny] = labels.grid.dims;
  const cx = box.max[0] - box.min[0] + 1;
  const cy = box.max[1] - box.min[1] + 1;
  const cz = box.max[2] - box.min[2] + 1;
  const mask = new Uint8Array(cx * cy * cz);
  let o = 0;
  for (let k = 0; k < cz; k++)
    for (let j = 0; j < cy; j++) {
      const src = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      for (let i = 0; i < cx; i++) mask[o++] = labels.data[src + i] === label ? 1 : 0;
    }
  return labelComponents(mask, [cx, cy, cz], LESION_CONNECTIVITY).count;
}

/** One figure per part of a multi-lesion label, from its component map (statistics per part). */
function partFigures(labels: Labelmap, s: MeasureSegment, phases: Phase[]): LesionFigure[] {
  const mask = new Uint8Array(labels.data.length);
  for (let n = 0; n < mask.length; n++) if (labels.data[n] === s.label) mask[n] = 1;
  const comps = labelComponents(mask, labels.grid.dims, LESION_CONNECTIVITY);
  if (comps.count > 65535) throw new Error(`${s.name}: ${comps.count} separate parts; too many to list as lesions`);
  const parts = { grid: labels.grid, data: Uint16Array.from(comps.labels) };
  // One part is one lesion: the same id as a lesion segment, so both readings of a file agree.
  return segmentStatistics(parts, phases).map((st) => figure(s, st, comps.count > 1 ? st.label : null));
}

/**
 * The lesions of a case by one definition: each lesion segment is one lesion (parts inside it are
 * reported as a check), and a multi-lesion label counts each connected part as a lesion.
 */
export function lesionFigures(
  labels: Labelmap,
  lesionSegments: readonly MeasureSegment[],
  stats: ReadonlyMap<number, SegmentStats>,
  boxes: ReadonlyMap<number, IndexBox>,
  phases: Phase[],
): { lesions: LesionFigure[]; checks: LesionCheck[] } {
  const lesions: LesionFigure[] = [];
  const checks: LesionCheck[] = [];
  for (const s of lesionSegments) {
    const st = stats.get(s.label);
    const box = boxes.get(s.label);
    if (!st || !box) continue;
    if (s.multiLesion) {
      lesions.push(...partFigures(labels, s, phases));
      continue;
    }
    lesions.push(figure(s, st, null));
    const parts = partsInBox(labels, s.label, box);
    if (parts > 1) checks.push({ id: lesionId(s.label), name: s.name, parts });
  }
  return { lesions, checks };
}
