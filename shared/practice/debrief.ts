import { slicePositionLabel } from '../viewer/slicePosition';
import { indexToPatient, type Grid, type Vec3 } from '../volume/grid';
import { regionsOf, type Region } from './regions';

/** A reference lesion's whereabouts, to name a region that lies on it. */
export interface LesionLandmark {
  id: string;
  centreLps: Vec3;
  diameterMm: number;
  lobe: string;
}

const fmtLps = (p: Vec3) => `LPS (${p.map((v) => v.toFixed(0)).join(', ')})`;

/**
 * "4.2 mL near LPS (-96, -8, -50), slices I 60.0 mm to I 42.5 mm, at lesion L1 (right lobe)".
 * Slices are named by position as the viewer's readout prints them (slicePositionLabel), not by
 * number: viewers count slices in their own order, positions mean the same everywhere.
 */
export function describeRegion(region: Region, grid: Grid, landmarks: LesionLandmark[] = []): string {
  const [k1, k2] = region.slices;
  const normal = grid.direction.slice(6, 9) as Vec3;
  const at = (k: number) => slicePositionLabel(indexToPatient(grid, 0, 0, k), normal);
  const slices = k1 === k2 ? `slice ${at(k1)}` : `slices ${at(k1)} to ${at(k2)}`;
  const on = landmarks.find((l) => dist(l.centreLps, region.centreLps) <= l.diameterMm / 2);
  const where = on ? `, at lesion ${on.id} (${on.lobe} lobe)` : '';
  return `${region.volumeMl.toFixed(1)} mL near ${fmtLps(region.centreLps)}, ${slices}${where}`;
}

/** The two headline sentences of a segmentation debrief: the largest miss and largest excess. */
export function largestErrors(
  falseNegative: Uint8Array,
  falsePositive: Uint8Array,
  grid: Grid,
  landmarks: LesionLandmark[] = [],
): { lines: string[]; largestMiss: Region | null; largestExcess: Region | null } {
  const miss = regionsOf(falseNegative, grid)[0] ?? null;
  const excess = regionsOf(falsePositive, grid)[0] ?? null;
  const lines = [
    miss ? `Largest miss: ${describeRegion(miss, grid, landmarks)}.` : 'No missed voxels.',
    excess ? `Largest excess: ${describeRegion(excess, grid, landmarks)}.` : 'No voxels outside the reference.',
  ];
  return { lines, largestMiss: miss, largestExcess: excess };
}

export function formatLps(p: Vec3): string {
  return fmtLps(p);
}

function dist(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
