import { readFileSync } from 'node:fs';
import { readSeg } from '../shared/seg/readSeg';
import { sameGrid, type Grid } from '../shared/volume/grid';
import { decodeNiftiLabelmap } from '../shared/volume/nifti';
import { resampleLabelmap } from '../shared/volume/resample';
import { CliError } from './commands/types';

/** One segment of a labels file as a binary mask on the requested grid. */
export interface LoadedSegment {
  label: number;
  name: string;
  kind: 'liver' | 'tumour' | 'other';
  mask: Uint8Array;
}

const LIVER = '10200004';
const ABNORMAL_CATEGORY = '49755003';

/**
 * All segments of a DICOM SEG (each its own mask, so overlaps are kept) or a
 * NIfTI labelmap (one mask per label value), resampled onto grid when the
 * file's grid differs. SEG segments say what they are through their codes.
 */
export function loadLabelSegments(path: string, grid: Grid): LoadedSegment[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lower = path.toLowerCase();
  try {
    if (lower.endsWith('.dcm')) {
      const seg = readSeg(bytes, grid);
      return seg.segments.map((s, n) => ({
        label: s.number,
        name: s.label,
        kind:
          s.coding.type.value === LIVER ? 'liver' : s.coding.category.value === ABNORMAL_CATEGORY ? 'tumour' : 'other',
        mask: Uint8Array.from(seg.masks[n]!.data, (v) => (v ? 1 : 0)),
      }));
    }
    if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) {
      let lm = decodeNiftiLabelmap(bytes);
      if (!sameGrid(lm.grid, grid)) lm = resampleLabelmap(lm, grid);
      const labels = [...new Set(lm.data)].filter((v) => v !== 0).sort((a, b) => a - b);
      return labels.map((label) => ({
        label,
        name: `Label ${label}`,
        kind: 'other' as const,
        mask: Uint8Array.from(lm.data, (v) => (v === label ? 1 : 0)),
      }));
    }
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  throw new CliError(`${path}: expected a DICOM SEG .dcm or a NIfTI .nii/.nii.gz labelmap`);
}
