import { readFileSync } from 'node:fs';
import { decodeSegFrames } from '../electron/services/dicom/decodeSegFrames';
import { composeImport } from '../shared/case/importSegments';
import { isRtstructFile } from '../shared/rtstruct/rtstructOnGrid';
import { readLabelFile } from '../shared/seg/labelFile';
import type { Grid } from '../shared/volume/grid';
import { CliError } from './commands/types';

/**
 * A DICOM SEG or NIfTI labels file on grid as the app's import holds it (shared/case/importSegments:
 * one segment per voxel, the later segment winning overlaps, kinds from codes or names), with the
 * file's own segment numbers as label values so ids and --liver/--tumour numbers match the file.
 * SEG frames compressed with an image codec are decoded as the app's import decodes them.
 */
export async function loadCaseLabels(path: string, grid: Grid) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lower = path.toLowerCase();
  // A .dcm is a SEG unless its file meta names an RT Structure Set (contours filled onto grid).
  const dicom = isRtstructFile(bytes) ? 'rtstruct' : 'seg';
  const format = lower.endsWith('.dcm') ? dicom : lower.endsWith('.nii') || lower.endsWith('.nii.gz') ? 'nifti' : null;
  if (!format) throw new CliError(`${path}: expected a DICOM SEG or RTSTRUCT .dcm or a NIfTI .nii/.nii.gz labelmap`);
  try {
    const frames = format === 'seg' ? await decodeSegFrames(bytes) : undefined;
    const composed = composeImport(readLabelFile(bytes, grid, format, frames));
    const data = new Uint16Array(composed.labels.length);
    const number = composed.segments.map((s) => s.sourceNumber);
    for (let n = 0; n < data.length; n++) {
      const i = composed.labels[n]!;
      if (i) data[n] = number[i - 1]!;
    }
    return { format, labels: { grid, data }, segments: composed.segments };
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message.split('\n')[0]}`);
  }
}
