import { readFileSync } from 'node:fs';
import { decodeSegFrames } from '../electron/services/dicom/decodeSegFrames';
import { readSeg } from '../shared/seg/readSeg';
import { sameGrid, type Grid } from '../shared/volume/grid';
import { decodeNiftiLabelmap } from '../shared/volume/nifti';
import { resampleLabelmap } from '../shared/volume/resample';
import { CliError } from './commands/types';

/**
 * Binary mask from a labelmap file, on grid when given (resampled nearest-neighbour through
 * patient space when the file's grid differs). NIfTI (.nii, .nii.gz): label value, or any
 * nonzero label when label is undefined. DICOM SEG (.dcm): segment number, or the union of all
 * segments; frames compressed with an image codec (JPEG 2000, JPEG-LS, ...) are decoded first, as
 * the app's import does.
 */
export async function loadMask(path: string, grid?: Grid, label?: number): Promise<{ grid: Grid; mask: Uint8Array }> {
  const lower = path.toLowerCase();
  const isSeg = lower.endsWith('.dcm');
  if (!isSeg && !lower.endsWith('.nii') && !lower.endsWith('.nii.gz')) {
    throw new CliError(`${path}: expected a .nii, .nii.gz or DICOM SEG .dcm file`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let result: { grid: Grid; mask: Uint8Array };
  try {
    result = isSeg ? segMask(bytes, await decodeSegFrames(bytes), grid, label) : niftiMask(bytes, grid, label);
  } catch (e) {
    if (e instanceof CliError) throw new CliError(`${path}: ${e.message}`, e.exitCode);
    throw new CliError(`${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!result.mask.some((v) => v !== 0)) {
    throw new CliError(`${path}: mask is empty${label === undefined ? '' : ` for label ${label}`}`);
  }
  return result;
}

function niftiMask(bytes: Uint8Array, grid: Grid | undefined, label: number | undefined) {
  let lm = decodeNiftiLabelmap(bytes);
  if (grid && !sameGrid(lm.grid, grid)) lm = resampleLabelmap(lm, grid);
  const mask = new Uint8Array(lm.data.length);
  for (let n = 0; n < mask.length; n++) {
    const v = lm.data[n]!;
    mask[n] = (label === undefined ? v !== 0 : v === label) ? 1 : 0;
  }
  return { grid: lm.grid, mask };
}

function segMask(
  bytes: Uint8Array,
  frames: Uint8Array[] | undefined,
  grid: Grid | undefined,
  label: number | undefined,
) {
  const seg = readSeg(bytes, grid, frames);
  if (label !== undefined) {
    const at = seg.segments.findIndex((s) => s.number === label);
    if (at < 0) throw new CliError(`has no segment number ${label}`);
    return { grid: seg.grid, mask: seg.masks[at]!.data as Uint8Array };
  }
  const mask = new Uint8Array(seg.labelmap.data.length);
  for (let n = 0; n < mask.length; n++) mask[n] = seg.labelmap.data[n] ? 1 : 0;
  return { grid: seg.grid, mask };
}

/** Parses an optional positive integer label option. */
export function parseLabel(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new CliError(`--${name} must be an integer label 1..65535, got '${value}'`, 2);
  }
  return n;
}
