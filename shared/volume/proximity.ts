import { cropMask, maskBounds, padBox, subGrid, type IndexBox } from './crop';
import { distanceTransformMm, squaredDistanceToFeature } from './distance';
import type { Grid, LabelArray, Vec3 } from './grid';
import { indexToPatient } from './grid';
import { MEASUREMENT_RULES } from './measurementRules';

export interface HeatSinkVessel {
  label: number;
  name: string;
  /** Largest diameter (mm) of this vessel's medial voxels whose wall is within proximity. */
  diameterMm: number;
  /** Edge-to-edge distance (mm) from the tumour to this vessel (see edgeGapMm). */
  distanceMm: number;
  /** LPS point on the vessel's medial line where that diameter was measured. */
  atLps: Vec3;
  warning: boolean;
}

export interface HeatSinkOptions {
  minDiameterMm?: number;
  proximityMm?: number;
  names?: Record<number, string>;
}

/**
 * Heat-sink check (clinical-rules.md section 5): vessels of at least minDiameterMm within
 * proximityMm of the tumour. A vessel's diameter comes from its own distance transform: at
 * medial voxels (local maxima of the inner distance, 6-neighbourhood) it is twice the distance
 * to the nearest non-vessel voxel centre less one finest spacing (that centre lies up to one
 * voxel beyond the wall). Vessels are the labels of a vessel labelmap on the tumour's grid.
 */
export function checkHeatSink(
  tumour: ArrayLike<number>,
  vessels: LabelArray,
  grid: Grid,
  options: HeatSinkOptions = {},
): HeatSinkVessel[] {
  const minDiameter = options.minDiameterMm ?? MEASUREMENT_RULES.heatSinkVesselDiameter.value;
  const proximity = options.proximityMm ?? MEASUREMENT_RULES.heatSinkProximity.value;
  const tBox = maskBounds([tumour], grid.dims);
  if (!tBox) throw new Error('tumour mask is empty');
  // Room for the proximity band plus a vessel radius of up to 20 mm.
  const box = padMm(tBox, proximity + 20, grid);
  const g = subGrid(grid, box);
  const [cx, cy, cz] = g.dims;
  const t = cropMask(tumour, grid.dims, box);
  const v = cropLabels(vessels, grid.dims, box);
  const toTumour = distanceTransformMm(t, g);
  const inner = squaredDistanceToFeature(v, g, true);
  for (let n = 0; n < inner.length; n++) inner[n] = Math.sqrt(inner[n]!);
  const hMin = Math.min(...grid.spacing);
  const found = new Map<number, HeatSinkVessel>();
  const plane = cx * cy;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      for (let i = 0; i < cx; i++) {
        const n = i + cx * j + plane * k;
        const label = v[n]!;
        if (!label) continue;
        let rec = found.get(label);
        if (!rec) {
          rec = {
            label,
            name: options.names?.[label] ?? `vessel ${label}`,
            diameterMm: 0,
            distanceMm: Infinity,
            atLps: [NaN, NaN, NaN],
            warning: false,
          };
          found.set(label, rec);
        }
        const gap = edgeGapMm(toTumour[n]!, hMin);
        if (gap < rec.distanceMm) rec.distanceMm = gap;
        const r = inner[n]!;
        if (edgeGapMm(toTumour[n]! - r, 0) > proximity) continue; // wall beyond the band
        const medial =
          (i === 0 || inner[n - 1]! <= r) &&
          (i === cx - 1 || inner[n + 1]! <= r) &&
          (j === 0 || inner[n - cx]! <= r) &&
          (j === cy - 1 || inner[n + cx]! <= r) &&
          (k === 0 || inner[n - plane]! <= r) &&
          (k === cz - 1 || inner[n + plane]! <= r);
        if (!medial) continue;
        const diameter = Math.max(0, 2 * r - hMin);
        if (diameter > rec.diameterMm) {
          rec.diameterMm = diameter;
          rec.atLps = indexToPatient(grid, box.min[0] + i, box.min[1] + j, box.min[2] + k);
        }
      }
    }
  }
  return [...found.values()]
    .map((r) => ({ ...r, warning: r.diameterMm >= minDiameter && r.distanceMm <= proximity }))
    .sort((a, b) => a.label - b.label);
}

export interface StructureDistance {
  label: number;
  name: string;
  /** Edge-to-edge distance (mm, see edgeGapMm) from the source; null = beyond searchedMm. */
  minDistanceMm: number | null;
  searchedMm: number;
  warning: boolean;
}

/**
 * Distance from a zone or tumour mask to each critical-structure label, with a warning under
 * thresholdMm. Searched out to twice the threshold (farther reports null).
 */
export function criticalStructureDistances(
  source: ArrayLike<number>,
  structures: LabelArray,
  grid: Grid,
  options: { thresholdMm?: number; names?: Record<number, string> } = {},
): StructureDistance[] {
  const threshold = options.thresholdMm ?? MEASUREMENT_RULES.criticalStructureProximity.value;
  const sBox = maskBounds([source], grid.dims);
  if (!sBox) throw new Error('source mask is empty');
  const searched = 2 * threshold;
  const box = padMm(sBox, searched, grid);
  const g = subGrid(grid, box);
  const d = distanceTransformMm(cropMask(source, grid.dims, box), g);
  const labels = cropLabels(structures, grid.dims, box);
  const hMin = Math.min(...grid.spacing);
  const best = new Map<number, number>();
  for (let n = 0; n < labels.length; n++) {
    const l = labels[n]!;
    if (!l) continue;
    const gap = edgeGapMm(d[n]!, hMin);
    if (gap < (best.get(l) ?? Infinity)) best.set(l, gap);
  }
  const present = new Set<number>();
  for (let n = 0; n < structures.length; n++) if (structures[n]) present.add(structures[n]!);
  return [...present]
    .sort((a, b) => a - b)
    .map((label) => {
      const dist = best.get(label);
      const within = dist !== undefined && dist <= searched;
      return {
        label,
        name: options.names?.[label] ?? `structure ${label}`,
        minDistanceMm: within ? dist : null,
        searchedMm: searched,
        warning: within && dist < threshold,
      };
    });
}

/**
 * Edge-to-edge gap from a voxel-centre distance: less half a voxel at each edge (one finest
 * spacing), never below 0 (touching or overlapping). Unbiased across axis-aligned gaps and
 * errs short, i.e. towards warning, across oblique ones.
 */
function edgeGapMm(centreDistanceMm: number, hMin: number): number {
  return Math.max(0, centreDistanceMm - hMin);
}

function padMm(box: IndexBox, mm: number, grid: Grid): IndexBox {
  const pad = Math.ceil(mm / Math.min(...grid.spacing)) + 1;
  return padBox(box, pad, grid.dims);
}

function cropLabels(labels: LabelArray, dims: Vec3, box: IndexBox): Uint16Array {
  const [nx, ny] = dims;
  const cx = box.max[0] - box.min[0] + 1;
  const cy = box.max[1] - box.min[1] + 1;
  const cz = box.max[2] - box.min[2] + 1;
  const out = new Uint16Array(cx * cy * cz);
  let o = 0;
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const src = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      out.set(labels.subarray(src, src + cx), o);
      o += cx;
    }
  }
  return out;
}
