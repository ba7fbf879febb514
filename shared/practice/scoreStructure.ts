import { compareMasks } from '../volume/compare';
import { voxelVolumeMm3, type Grid } from '../volume/grid';
import { countVoxels } from './masks';

export interface StructureScore {
  structure: string;
  dice: number;
  /** null when either mask is empty (no surface to measure). */
  hd95Mm: number | null;
  referenceMl: number;
  attemptMl: number;
  volumeErrorMl: number;
  /** 100 x (attempt - reference) / reference; null when the reference is empty. */
  volumeErrorPercent: number | null;
}

/** Dice, HD95 and volume error of one structure, by compareMasks (the code of `liverplan compare`). */
export function scoreStructure(
  structure: string,
  reference: Uint8Array,
  attempt: Uint8Array,
  grid: Grid,
): StructureScore {
  const ml = voxelVolumeMm3(grid) / 1000;
  const nr = countVoxels(reference);
  const na = countVoxels(attempt);
  const base = {
    structure,
    referenceMl: nr * ml,
    attemptMl: na * ml,
    volumeErrorMl: (na - nr) * ml,
    volumeErrorPercent: nr ? (100 * (na - nr)) / nr : null,
  };
  if (nr === 0 || na === 0) return { ...base, dice: nr === 0 && na === 0 ? 1 : 0, hd95Mm: null };
  const c = compareMasks(reference, attempt, grid);
  return { ...base, dice: c.dice, hd95Mm: c.hd95Mm };
}
