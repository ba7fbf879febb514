import { indexToPatient, voxelVolumeMm3, type Grid, type Vec3 } from '../volume/grid';
import { SEGMENT_CODES, type Code, type SegmentKind } from '../seg/codes';
import type { SegmentInfo } from '../seg/types';
import type { LesionSpec } from './anatomy';
import type { Phase } from './enhancement';
import type { Phantom } from './rasterise';
import { HILUM } from './anatomy';
import { lesionOfLabel, TISSUE_ID } from './tissues';
import { lesionProximities, type ProximityStructure } from './proximity';

export interface TruthSegment {
  /** SEG segment number. */
  label: number;
  name: string;
  code: Code;
  voxels: number;
  volumeMl: number;
}

export interface TruthLesion {
  id: string;
  segmentNumber: number;
  centreLps: Vec3;
  diameterMm: number;
  voxels: number;
  volumeMl: number;
  lobe: 'right' | 'left';
  necrotic: boolean;
  mostConspicuousPhase: Phase;
  /**
   * Smallest lesion-voxel to structure-voxel centre distance in mm (about one
   * voxel = abutting); null when farther than PROXIMITY_REACH_MM (20 mm).
   */
  nearestMm: Record<ProximityStructure, number | null>;
}

/** The truth JSON written beside each case; every number counted from the voxels. */
export interface CaseTruth {
  case: string;
  description: string;
  difficulty: string;
  modality: 'CT' | 'MR';
  phases: {
    phase: Phase;
    seriesInstanceUid: string;
    seriesNumber: number;
    seriesDescription: string;
    folder: string;
  }[];
  grid: Grid;
  frameOfReferenceUid: string;
  studyInstanceUid: string;
  /** The series the SEG references. */
  segReferencedSeriesInstanceUid: string;
  segments: TruthSegment[];
  lesionCount: number;
  /** 100 x sum(lesion volumes) / whole-liver volume (tumours included). */
  tumourBurdenPercent: number;
  liverVolumeMl: number;
  tumourVolumeMl: number;
  lesions: TruthLesion[];
  /** A voxel of normal parenchyma with a normal-parenchyma neighbourhood. */
  liverSeedLps: Vec3;
  /** The follow-up study after ablation, when the case has one. */
  postAblation?: PostAblationTruth;
}

/** Truth of the post-ablation study: what the ablation-confirmation workflow should find. */
export interface PostAblationTruth {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  studyDate: string;
  folder: string;
  /** The post series' acquisition grid (plain axial, as its headers say). */
  grid: Grid;
  /** Row-major 4x4 rigid transform: post-study LPS -> pre-study LPS. */
  postToPreMatrix: number[];
  zone: {
    lesionId: string;
    /** Pre-study (anatomy) frame. */
    centreLps: Vec3;
    /** The same point in the post study. */
    centrePostLps: Vec3;
    radiiMm: Vec3;
    yawDeg: number;
    rimMm: number;
    /** Zone voxels (inside the liver) on the post grid and on the pre grid. */
    volumeMlPost: number;
    volumeMlPre: number;
  };
  /** Clickable anatomical points in both studies (postLps = inverse(postToPre) . preLps). */
  landmarks: { name: string; preLps: Vec3; postLps: Vec3 }[];
  /**
   * computeMargin on the pre grid: the truth tumour mask against the zone
   * rasterised on that grid, with the truth liver mask (default exclusion and target).
   */
  expectedMargin: {
    mamMm: number;
    q25Mm: number;
    medianMm: number;
    percentBelow0: number;
    percentBelow5: number;
    coveragePercent: number;
    excludedSubcapsularPercent: number;
    targetMm: number;
    subcapsularMm: number;
  };
}

/** The fixed organ segments of every case, in SEG order; lesions follow. */
const ORGANS: { kind: SegmentKind; name: string; colour: [number, number, number] }[] = [
  { kind: 'liver', name: 'Liver', colour: [221, 130, 101] },
  { kind: 'portalVein', name: 'Portal vein', colour: [0, 151, 206] },
  { kind: 'hepaticVein', name: 'Hepatic veins', colour: [0, 100, 230] },
  { kind: 'hepaticArtery', name: 'Hepatic artery', colour: [216, 101, 79] },
  { kind: 'inferiorVenaCava', name: 'Inferior vena cava', colour: [0, 60, 160] },
  { kind: 'gallbladder', name: 'Gallbladder', colour: [139, 150, 98] },
];

export interface TruthMasks {
  segments: { info: SegmentInfo; mask: Uint8Array }[];
}

/** Per-segment masks straight from the phantom (what the SEG stores). */
export function truthMasks(
  phantom: Phantom,
  lesions: LesionSpec[],
  trackingUid: (lesionId: string) => string,
): TruthMasks {
  const n = phantom.labels.length;
  const masks = [...ORGANS.map(() => new Uint8Array(n)), ...lesions.map(() => new Uint8Array(n))];
  const organOfTissue = new Map<number, number>([
    [TISSUE_ID.portalVein, 1],
    [TISSUE_ID.hepaticVein, 2],
    [TISSUE_ID.hepaticArtery, 3],
    [TISSUE_ID.ivc, 4],
    [TISSUE_ID.gallbladder, 5],
  ]);
  const { labels, liver } = phantom;
  for (let v = 0; v < n; v++) {
    if (liver[v]) masks[0]![v] = 1;
    const label = labels[v]!;
    const organ = organOfTissue.get(label);
    if (organ !== undefined) masks[organ]![v] = 1;
    const lesion = lesionOfLabel(label);
    if (lesion >= 0) masks[ORGANS.length + lesion]![v] = 1;
  }
  const segments = masks.map((mask, s) => {
    const organ = ORGANS[s];
    const info: SegmentInfo = organ
      ? {
          number: s + 1,
          label: organ.name,
          coding: SEGMENT_CODES[organ.kind],
          algorithmType: 'AUTOMATIC',
          algorithmName: 'LiverPlan phantom truth',
          colorRgb: organ.colour,
        }
      : {
          number: s + 1,
          label: `Lesion ${lesions[s - ORGANS.length]!.id}`,
          coding: SEGMENT_CODES.metastasis,
          algorithmType: 'AUTOMATIC',
          algorithmName: 'LiverPlan phantom truth',
          colorRgb: [255, 220, 0],
          trackingId: lesions[s - ORGANS.length]!.id,
          trackingUid: trackingUid(lesions[s - ORGANS.length]!.id),
        };
    return { info, mask };
  });
  return { segments };
}

export function lesionSegmentNumber(lesionIndex: number): number {
  return ORGANS.length + lesionIndex + 1;
}

/** Counts segment voxels and derives volumes and burden. */
export function summariseTruth(
  phantom: Phantom,
  masks: TruthMasks,
  lesions: LesionSpec[],
  mostConspicuousPhase: Phase,
): Pick<
  CaseTruth,
  'segments' | 'lesionCount' | 'tumourBurdenPercent' | 'liverVolumeMl' | 'tumourVolumeMl' | 'lesions'
> {
  const ml = voxelVolumeMm3(phantom.grid) / 1000;
  const segments = masks.segments.map(({ info, mask }) => {
    let voxels = 0;
    for (let v = 0; v < mask.length; v++) voxels += mask[v] ? 1 : 0;
    return { label: info.number, name: info.label, code: info.coding.type, voxels, volumeMl: round(voxels * ml, 3) };
  });
  const liverVoxels = segments[0]!.voxels;
  const lesionSegs = segments.slice(ORGANS.length);
  const tumourVoxels = lesionSegs.reduce((a, s) => a + s.voxels, 0);
  const proximity = lesionProximities(phantom, lesions.length);
  return {
    segments,
    lesionCount: lesions.length,
    tumourBurdenPercent: round((100 * tumourVoxels) / liverVoxels, 2),
    liverVolumeMl: round(liverVoxels * ml, 3),
    tumourVolumeMl: round(tumourVoxels * ml, 3),
    lesions: lesions.map((l, n) => ({
      id: l.id,
      segmentNumber: lesionSegmentNumber(n),
      centreLps: l.centreLps,
      diameterMm: l.diameterMm,
      voxels: lesionSegs[n]!.voxels,
      volumeMl: lesionSegs[n]!.volumeMl,
      lobe: l.centreLps[0] < HILUM[0] + 20 ? 'right' : 'left',
      necrotic: Boolean(l.necrosis),
      mostConspicuousPhase,
      nearestMm: proximity[n]!,
    })),
  };
}

/**
 * The parenchyma voxel nearest to `preferred` whose whole neighbourhood
 * (about 5 mm each way) is normal parenchyma: a safe region-growing seed.
 */
export function findLiverSeed(phantom: Phantom, preferred: Vec3): Vec3 {
  const { grid, labels } = phantom;
  const [nx, ny, nz] = grid.dims;
  const ri = Math.max(1, Math.round(5 / grid.spacing[0]));
  const rj = Math.max(1, Math.round(5 / grid.spacing[1]));
  const rk = Math.max(1, Math.round(5 / grid.spacing[2]));
  const liver = TISSUE_ID.liver;
  let best: Vec3 | null = null;
  let bestD = Infinity;
  for (let k = rk; k < nz - rk; k++) {
    for (let j = rj; j < ny - rj; j++) {
      for (let i = ri; i < nx - ri; i++) {
        if (labels[i + nx * (j + ny * k)] !== liver) continue;
        const p = indexToPatient(grid, i, j, k);
        const d = Math.hypot(p[0] - preferred[0], p[1] - preferred[1], p[2] - preferred[2]);
        if (d >= bestD || !allLiver(labels, grid, i, j, k, ri, rj, rk, liver)) continue;
        best = p;
        bestD = d;
      }
    }
  }
  if (!best) throw new Error('findLiverSeed: no parenchyma neighbourhood found');
  return best.map((v) => round(v, 2)) as Vec3;
}

function allLiver(
  labels: Uint8Array,
  grid: Grid,
  i: number,
  j: number,
  k: number,
  ri: number,
  rj: number,
  rk: number,
  liver: number,
): boolean {
  const [nx, ny] = grid.dims;
  for (let c = -rk; c <= rk; c++)
    for (let b = -rj; b <= rj; b++)
      for (let a = -ri; a <= ri; a++) if (labels[i + a + nx * (j + b + ny * (k + c))] !== liver) return false;
  return true;
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
