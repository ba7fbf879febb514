import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { composeImport } from '../../../shared/case/importSegments';
import { labelmapSidecarSchema, sidecarPathOf, withSidecar } from '../../../shared/case/labelmapSidecar';
import type { LabelsImportResult } from '../../../shared/ipc/channels/labels';
import { detectLabelFormat, readLabelFile, type LabelFileOnGrid } from '../../../shared/seg/labelFile';
import type { Grid } from '../../../shared/volume/grid';
import { encodeNifti } from '../../../shared/volume/nifti';
import { decodeSegFrames } from '../dicom/decodeSegFrames';
import { ServiceError } from '../handlerTypes';

/** Larger files are refused unread (a SEG of a whole CT with dozens of segments stays far below). */
export const MAX_LABEL_FILE_BYTES = 512 * 1024 * 1024;
const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

/**
 * A user's DICOM SEG or NIfTI labelmap on the case reference grid, flattened
 * to one label per voxel (later segments win overlaps). Refuses with a reason
 * and changes nothing when the file is too large, unreadable, of another kind,
 * of another frame of reference, or lies wholly outside the image.
 */
export async function importLabelFile(
  path: string,
  grid: Grid,
  frameOfReferenceUid: string | undefined,
  maxBytes = MAX_LABEL_FILE_BYTES,
): Promise<LabelsImportResult> {
  const name = basename(path);
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new ServiceError('unreadable', `Cannot read ${name}: ${e.code ?? e.message}.`);
  });
  if (!info.isFile()) throw new ServiceError('not-a-file', `${name} is not a file.`);
  if (info.size > maxBytes)
    throw new ServiceError(
      'too-large',
      `${name} is ${mb(info.size)} MB; segmentation files up to ${mb(maxBytes)} MB can be imported.`,
    );
  const bytes = new Uint8Array(await readFile(path));
  const format = detectLabelFormat(bytes);
  if (!format)
    throw new ServiceError('not-labels', `${name} is neither a DICOM SEG, an RTSTRUCT nor a NIfTI labelmap.`);

  const notes: string[] = [];
  let file: LabelFileOnGrid;
  try {
    file = readLabelFile(bytes, grid, format, format === 'seg' ? await decodeSegFrames(bytes) : undefined);
  } catch (e) {
    throw new ServiceError('unreadable', `${name} cannot be imported: ${reason(e)}.`);
  }
  if (format === 'seg' || format === 'rtstruct') {
    const kind = format === 'seg' ? 'SEG' : 'RTSTRUCT';
    if (!file.frameOfReferenceUid)
      notes.push(`The ${kind} names no frame of reference; it was placed by its patient coordinates alone.`);
    else if (frameOfReferenceUid && file.frameOfReferenceUid !== frameOfReferenceUid)
      throw new ServiceError(
        'wrong-frame',
        `${name} was drawn in another frame of reference (${file.frameOfReferenceUid}) than this study (${frameOfReferenceUid}); its segments cannot be placed on these images.`,
      );
  } else {
    const sidecar = await readSidecar(path);
    if (sidecar?.frameOfReferenceUid && frameOfReferenceUid && sidecar.frameOfReferenceUid !== frameOfReferenceUid)
      throw new ServiceError(
        'wrong-frame',
        `${name} was exported from another frame of reference (${sidecar.frameOfReferenceUid}, says its JSON sidecar) than this study; it cannot be placed on these images.`,
      );
    if (sidecar) {
      file = withSidecar(file, sidecar);
      notes.push(`Names and codes from ${basename(sidecarPathOf(path))}.`);
    } else notes.push('NIfTI carries no frame of reference: placed by its qform/sform in the scanner coordinates.');
  }

  let composed;
  try {
    composed = composeImport(file);
  } catch (e) {
    throw new ServiceError('no-overlap', `${name} cannot be imported: ${reason(e)}.`);
  }
  notes.push(...(file.notes?.() ?? []));
  return {
    format,
    fileName: name,
    segments: composed.segments,
    labels: encodeNifti({ grid, data: composed.labels }, { gzip: true }),
    overlapVoxels: composed.overlapVoxels,
    outside: composed.outside,
    notes,
  };
}

/** Our own export's JSON beside a NIfTI, when present and valid; anything else is ignored. */
async function readSidecar(niftiPath: string) {
  try {
    const p = sidecarPathOf(niftiPath);
    if ((await stat(p)).size > MAX_SIDECAR_BYTES) return null;
    const parsed = labelmapSidecarSchema.safeParse(JSON.parse(await readFile(p, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** The library's message without its "readSeg:" prefix, first line only, and plainer where known. */
function reason(e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/^readSeg:\s*/, '');
  if (/^not a segmentation/.test(message)) return 'it is a DICOM file but not a segmentation (SEG)';
  return message.replace(/\.$/, '');
}
