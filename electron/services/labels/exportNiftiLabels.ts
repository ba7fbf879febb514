import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { buildSidecar, sidecarPathOf } from '../../../shared/case/labelmapSidecar';
import type { Segment } from '../../../shared/case/model';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import type { Labelmap } from '../../../shared/volume/grid';
import { writeFileAtomic } from '../case/atomicWrite';
import { ServiceError } from '../handlerTypes';

export interface NiftiExportRequest {
  path: string;
  /** gzip NIfTI of the case labelmap. */
  labels: Uint8Array;
  segments: Segment[];
  frameOfReferenceUid?: string;
  referenceSeriesUid?: string;
}

/**
 * Writes the case labelmap as .nii.gz (re-encoded here, so the file is ours
 * whatever arrived) and its sidecar JSON, each atomically: after a crash the
 * user finds the old file or the new one, never half of either.
 */
export async function exportNiftiLabels(req: NiftiExportRequest) {
  let labelmap: Labelmap;
  try {
    labelmap = decodeNiftiLabelmap(req.labels);
  } catch (e) {
    throw new ServiceError(
      'invalid-labels',
      `The segmentation arrived damaged; nothing was written (${(e as Error).message}).`,
    );
  }
  const folder = dirname(req.path);
  if (!(await stat(folder).catch(() => null))?.isDirectory())
    throw new ServiceError('write-failed', `The folder ${folder} does not exist.`);
  const bytes = encodeNifti(labelmap, { gzip: true, description: 'LiverPlan case labels' });
  const sidecar = buildSidecar(basename(req.path), labelmap, req.segments, {
    ...(req.frameOfReferenceUid ? { frameOfReferenceUid: req.frameOfReferenceUid } : {}),
    ...(req.referenceSeriesUid ? { referenceSeriesUid: req.referenceSeriesUid } : {}),
  });
  const sidecarPath = sidecarPathOf(req.path);
  try {
    await writeFileAtomic(req.path, bytes);
    await writeFileAtomic(sidecarPath, JSON.stringify(sidecar, null, 2) + '\n');
  } catch (e) {
    throw new ServiceError('write-failed', `Cannot write ${req.path}: ${(e as Error).message}`);
  }
  return {
    path: req.path,
    sidecarPath,
    bytes: bytes.length,
    labels: sidecar.labels.filter((l) => l.voxels > 0).length,
  };
}
