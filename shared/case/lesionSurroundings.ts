import { labelComponents } from '../volume/components';
import type { Labelmap } from '../volume/grid';
import { MEASUREMENT_RULES } from '../volume/measurementRules';
import { checkHeatSink, criticalStructureDistances } from '../volume/proximity';
import { LESION_CONNECTIVITY, type LesionFigure } from './lesionFigures';
import type { LesionStructure, LesionVessel } from './lesionNeighbours';
import type { MeasureSegment } from './measureSegment';

export interface LesionSurroundings {
  lobe: 'right' | 'left' | null;
  vessels: LesionVessel[];
  criticalStructures: LesionStructure[];
}

/** SNOMED CT type codes of critical-structure segments (clinical-rules.md 7) -> the plan's words. */
const STRUCTURE_BY_CODE: Record<string, LesionStructure['structure']> = {
  '28231008': 'gallbladder',
  '79741001': 'central-bile-duct',
  '5798000': 'diaphragm',
  '80891009': 'heart',
  '71854001': 'bowel',
  '30315005': 'bowel',
  '38848004': 'bowel',
  '69695003': 'stomach',
};

/**
 * Per lesion: its lobe (majority of its voxels on either side of the lobe split, null without a
 * split: the plan then asks), the vessel segments of at least the heat-sink diameter within the
 * heat-sink band (MEASUREMENT_RULES, clinical-rules.md 5) and every critical-structure segment with
 * its distance from the lesion surface. Vessels beyond the band are not listed: their diameter is
 * not measured there and no rule looks at them.
 */
export function lesionSurroundings(
  labels: Labelmap,
  segments: readonly MeasureSegment[],
  lesions: readonly LesionFigure[],
  lobeMask: { inside: ArrayLike<number>; lobe: 'right' | 'left' } | null,
): Map<string, LesionSurroundings> {
  const { grid, data } = labels;
  const of = (kind: MeasureSegment['kind']) => segments.filter((s) => s.kind === kind);
  const vesselSegs = of('vessel');
  const criticalSegs = of('critical');
  const vessels = labelsOnly(data, new Set(vesselSegs.map((s) => s.label)));
  const critical = labelsOnly(data, new Set(criticalSegs.map((s) => s.label)));
  const names = (segs: MeasureSegment[]) => Object.fromEntries(segs.map((s) => [s.label, s.name]));
  const minDiameter = MEASUREMENT_RULES.heatSinkVesselDiameter.value;
  const partMaps = new Map<number, ArrayLike<number>>();
  const out = new Map<string, LesionSurroundings>();
  for (const l of lesions) {
    const mask = new Uint8Array(data.length);
    let count = 0;
    let inLobe = 0;
    const parts = l.part === null ? null : partsOf(labels, l.segmentLabel, partMaps);
    for (let n = 0; n < data.length; n++) {
      if (data[n] !== l.segmentLabel || (parts && parts[n] !== l.part)) continue;
      mask[n] = 1;
      count++;
      if (lobeMask?.inside[n]) inLobe++;
    }
    if (!count) continue;
    const other = lobeMask?.lobe === 'right' ? 'left' : 'right';
    const lobe = lobeMask ? (inLobe * 2 >= count ? lobeMask.lobe : other) : null;
    const near = vessels.any
      ? checkHeatSink(mask, vessels.labels, grid, { names: names(vesselSegs) })
          .filter((v) => v.diameterMm >= minDiameter && Number.isFinite(v.distanceMm))
          .map(({ label, name, diameterMm, distanceMm }) => ({ label, name, diameterMm, distanceMm }))
      : [];
    const structures = critical.any
      ? criticalStructureDistances(mask, critical.labels, grid, { names: names(criticalSegs) }).map((d) => ({
          label: d.label,
          name: d.name,
          structure: STRUCTURE_BY_CODE[criticalSegs.find((s) => s.label === d.label)?.type?.value ?? ''] ?? null,
          distanceMm: d.minDistanceMm,
          searchedMm: d.searchedMm,
        }))
      : [];
    out.set(l.id, { lobe, vessels: near, criticalStructures: structures });
  }
  return out;
}

function labelsOnly(data: ArrayLike<number>, wanted: Set<number>): { labels: Uint16Array; any: boolean } {
  const labels = new Uint16Array(data.length);
  let any = false;
  if (wanted.size)
    for (let n = 0; n < data.length; n++)
      if (wanted.has(data[n]!)) {
        labels[n] = data[n]!;
        any = true;
      }
  return { labels, any };
}

/** The part map of a multi-lesion label, numbered as lesionFigures numbers its parts. */
function partsOf(labels: Labelmap, label: number, cache: Map<number, ArrayLike<number>>): ArrayLike<number> {
  let parts = cache.get(label);
  if (!parts) {
    const mask = new Uint8Array(labels.data.length);
    for (let n = 0; n < mask.length; n++) if (labels.data[n] === label) mask[n] = 1;
    parts = labelComponents(mask, labels.grid.dims, LESION_CONNECTIVITY).labels;
    cache.set(label, parts);
  }
  return parts;
}
