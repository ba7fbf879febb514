import { distanceTransformMm } from '../volume/distance';
import { voxelVolumeMm3, type Grid } from '../volume/grid';
import { computeMargin } from '../volume/margin';
import { countVoxels } from './masks';

export interface AblationScore {
  lesionId: string;
  /** % of lesion voxels inside the planned zone. */
  coveragePercent: number;
  /** Minimal ablative margin (mm), qam method; null when no zone was drawn. */
  marginMm: number | null;
  /** % of the counted lesion surface with a margin below the target. */
  percentSurfaceBelowTarget: number | null;
  targetMm: number;
  targetMet: boolean;
  zoneMl: number;
  /** Zone volume outside the lesion-plus-target-margin shell: healthy liver or other tissue spent. */
  zoneBeyondTargetMl: number;
}

/**
 * Coverage and margin achieved by a planned ablation zone around one reference lesion, with the
 * same computeMargin (qam method, subcapsular exclusion against the reference liver) the Plan
 * workspace uses.
 */
export function scoreAblation(
  lesionId: string,
  lesion: Uint8Array,
  zone: Uint8Array,
  liver: Uint8Array,
  grid: Grid,
  targetMm: number,
): AblationScore {
  const ml = voxelVolumeMm3(grid) / 1000;
  const zoneVoxels = countVoxels(zone);
  if (zoneVoxels === 0) {
    return {
      lesionId,
      coveragePercent: 0,
      marginMm: null,
      percentSurfaceBelowTarget: null,
      targetMm,
      targetMet: false,
      zoneMl: 0,
      zoneBeyondTargetMl: 0,
    };
  }
  const m = computeMargin(lesion, zone, grid, { liver, targetMm });
  const target = ablationTargetMask(lesion, grid, targetMm);
  let beyond = 0;
  for (let v = 0; v < zone.length; v++) if (zone[v] && !target[v]) beyond++;
  const marginMm = Number.isFinite(m.mamMm) ? m.mamMm : null;
  return {
    lesionId,
    coveragePercent: m.coveragePercent,
    marginMm,
    percentSurfaceBelowTarget: Number.isFinite(m.percentBelow5) ? m.percentBelow5 : null,
    targetMm,
    targetMet: marginMm !== null && marginMm >= targetMm,
    zoneMl: zoneVoxels * ml,
    zoneBeyondTargetMl: beyond * ml,
  };
}

/** The lesion grown by the target margin (Euclidean, anisotropic): what a zone must cover. */
export function ablationTargetMask(lesion: Uint8Array, grid: Grid, targetMm: number): Uint8Array {
  const d = distanceTransformMm(lesion, grid);
  const out = new Uint8Array(lesion.length);
  for (let v = 0; v < out.length; v++) if (d[v]! <= targetMm) out[v] = 1;
  return out;
}
