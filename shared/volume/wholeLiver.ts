import type { Segment } from '../case/model';
import { closeMm } from '../segment/morphology';
import type { Grid } from './grid';

/** SNOMED CT Inferior vena cava: retrohepatic, so never counted as liver even where the caudate wraps it. */
const IVC_CODE = '64131007';

/**
 * Closing radius for "the liver closes round this vessel": 8 mm closes over vessels up to
 * ~16 mm across (a main portal branch) but not over the gallbladder fossa or the hilum's
 * open side, which are wider.
 */
export const INTRAHEPATIC_CLOSE_MM = 8;

export interface WholeLiverMasks {
  /** Liver segment voxels plus the intrahepatic vessel voxels (tumours kept separate). */
  liver: Uint8Array;
  tumour: Uint8Array;
  /** Vessel voxels counted as liver because the liver closes round them. */
  intrahepaticVesselVoxels: number;
}

/** The labels whose voxels may be intrahepatic vessels: vessel segments other than the IVC. */
export function intrahepaticVesselLabels(
  segments: readonly (Pick<Segment, 'label' | 'kind'> & { type?: { value: string } })[],
): number[] {
  return segments.filter((s) => s.kind === 'vessel' && s.type?.value !== IVC_CODE).map((s) => s.label);
}

/**
 * Whole-liver volumetry from a labelmap that holds one segment per voxel. A portal or hepatic
 * vein painted over the liver takes those voxels from the liver segment, yet whole-liver volume
 * (the burden denominator, Y-90 target volumes) counts intrahepatic vessels as liver, as a SEG
 * with overlapping segments does. So vessel voxels inside the closing of liver and tumour are
 * given back to the liver; vessels outside it (the extrahepatic portal trunk, the IVC) are not.
 */
export function wholeLiverMasks(
  labels: ArrayLike<number>,
  grid: Grid,
  liverLabels: readonly number[],
  tumourLabels: readonly number[],
  vesselLabels: readonly number[],
  closeRadiusMm = INTRAHEPATIC_CLOSE_MM,
): WholeLiverMasks {
  const isLiver = new Set(liverLabels);
  const isTumour = new Set(tumourLabels);
  const isVessel = new Set(vesselLabels);
  const n = labels.length;
  const liver = new Uint8Array(n);
  const tumour = new Uint8Array(n);
  let vesselVoxels = 0;
  let liverVoxels = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i]!;
    if (isLiver.has(v)) {
      liver[i] = 1;
      liverVoxels++;
    } else if (isTumour.has(v)) tumour[i] = 1;
    else if (isVessel.has(v)) vesselVoxels++;
  }
  // The closing costs seconds on a large grid: only run it when there is something to give back.
  if (!vesselVoxels || !liverVoxels) return { liver, tumour, intrahepaticVesselVoxels: 0 };
  const organ = new Uint8Array(n);
  for (let i = 0; i < n; i++) organ[i] = liver[i]! | tumour[i]!;
  const closed = closeMm(organ, grid, closeRadiusMm);
  let given = 0;
  for (let i = 0; i < n; i++) {
    if (closed[i] && !organ[i] && isVessel.has(labels[i]!)) {
      liver[i] = 1;
      given++;
    }
  }
  return { liver, tumour, intrahepaticVesselVoxels: given };
}
