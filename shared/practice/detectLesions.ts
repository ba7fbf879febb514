import { labelComponents } from '../volume/components';
import { indexToPatient, voxelVolumeMm3, type Grid, type Vec3 } from '../volume/grid';
import { countVoxels } from './masks';

export interface FoundLesion {
  id: string;
  referenceMl: number;
  /** Volume of the attempt regions that overlap this lesion. */
  attemptMl: number;
  /** Dice of the lesion against the attempt regions that overlap it. */
  dice: number;
}

export interface MissedLesion {
  id: string;
  referenceMl: number;
  centreLps: Vec3;
}

export interface FalsePositive {
  volumeMl: number;
  centreLps: Vec3;
}

export interface LesionDetection {
  found: FoundLesion[];
  missed: MissedLesion[];
  falsePositives: FalsePositive[];
  /** found / reference lesions (1 when the case has none). */
  sensitivity: number;
  /**
   * The matching rule, stated in the result so a debrief can quote it: a reference lesion is
   * found when any 26-connected region of the attempt shares at least one voxel with it.
   */
  criterion: string;
}

export const DETECTION_CRITERION =
  'found = any 26-connected attempt region shares at least one voxel with the reference lesion; a region touching no reference lesion is a false positive';

/**
 * Lesion detection by overlap. The attempt is split into 26-connected regions (a trainee may
 * paint several lesions with one label, or one lesion in pieces); each reference lesion is
 * matched to every region that overlaps it.
 */
export function detectLesions(
  reference: { id: string; mask: Uint8Array }[],
  attempt: Uint8Array,
  grid: Grid,
): LesionDetection {
  const ml = voxelVolumeMm3(grid) / 1000;
  const { labels, count, sizes } = labelComponents(attempt, grid.dims, 26);
  const matched = new Uint8Array(count + 1);
  const found: FoundLesion[] = [];
  const missed: MissedLesion[] = [];
  for (const lesion of reference) {
    const regions = new Set<number>();
    let overlap = 0;
    for (let v = 0; v < labels.length; v++) {
      if (!lesion.mask[v]) continue;
      const c = labels[v]!;
      if (c) {
        regions.add(c);
        overlap++;
      }
    }
    const nr = countVoxels(lesion.mask);
    if (regions.size === 0) {
      missed.push({ id: lesion.id, referenceMl: nr * ml, centreLps: centroid(lesion.mask, grid) });
      continue;
    }
    let na = 0;
    for (const c of regions) {
      matched[c] = 1;
      na += sizes[c - 1]!;
    }
    found.push({ id: lesion.id, referenceMl: nr * ml, attemptMl: na * ml, dice: (2 * overlap) / (nr + na) });
  }
  const falsePositives: FalsePositive[] = [];
  for (let c = 1; c <= count; c++) {
    if (matched[c]) continue;
    falsePositives.push({ volumeMl: sizes[c - 1]! * ml, centreLps: centroid(labels, grid, c) });
  }
  falsePositives.sort((a, b) => b.volumeMl - a.volumeMl);
  return {
    found,
    missed,
    falsePositives,
    sensitivity: reference.length ? found.length / reference.length : 1,
    criterion: DETECTION_CRITERION,
  };
}

/** Patient position of the centroid of the voxels equal to `value` (nonzero when omitted). */
function centroid(mask: ArrayLike<number>, grid: Grid, value?: number): Vec3 {
  const [nx, ny] = grid.dims;
  let si = 0;
  let sj = 0;
  let sk = 0;
  let n = 0;
  for (let v = 0; v < mask.length; v++) {
    if (value === undefined ? !mask[v] : mask[v] !== value) continue;
    si += v % nx;
    sj += Math.floor(v / nx) % ny;
    sk += Math.floor(v / (nx * ny));
    n++;
  }
  return indexToPatient(grid, si / n, sj / n, sk / n);
}
