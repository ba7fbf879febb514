import { readFileSync } from 'node:fs';
import { readLabelFile } from '../shared/seg/labelFile';
import type { Grid } from '../shared/volume/grid';
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
  const format = lower.endsWith('.dcm') ? 'seg' : lower.endsWith('.nii') || lower.endsWith('.nii.gz') ? 'nifti' : null;
  try {
    if (format) {
      const file = readLabelFile(bytes, grid, format);
      return file.segments.map((s, n) => ({
        label: s.number,
        name: s.name,
        kind:
          s.coding?.type.value === LIVER
            ? 'liver'
            : s.coding?.category.value === ABNORMAL_CATEGORY
              ? 'tumour'
              : 'other',
        mask: file.mask(n),
      }));
    }
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  throw new CliError(`${path}: expected a DICOM SEG .dcm or a NIfTI .nii/.nii.gz labelmap`);
}
