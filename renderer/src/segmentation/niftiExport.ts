import { encodeNifti } from '../../../shared/volume/nifti';
import { api } from '../api';
import { reportError, useAppStore } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { currentSession, referenceIds, sessionGrid } from './caseSession';

/**
 * Export NIfTI…: the case labelmap (reference grid, values = segment labels)
 * to a .nii.gz the user names, with a JSON sidecar of what each label is.
 * Separate from the Report tab's DICOM SEG export.
 */
export async function exportNifti(): Promise<void> {
  try {
    const session = currentSession();
    const grid = sessionGrid();
    if (!session || !grid) throw new Error('The reference phase is still loading; wait until it is on screen.');
    const path = await api().invoke('dialog:pickSavePath', {
      title: 'Export the segmentation as NIfTI',
      defaultName: 'liverplan-labels.nii.gz',
      filters: [{ name: 'NIfTI (gzip)', extensions: ['nii.gz'] }],
    });
    if (!path) return;
    const r = await api().invoke('labels:exportNifti', {
      path,
      labels: encodeNifti({ grid, data: session.readVoxels() }, { gzip: true }),
      segments: useCaseStore.getState().segments,
      ...referenceIds(),
    });
    useAppStore
      .getState()
      .notify('success', `Exported ${r.labels} labelled segment(s) to ${r.path}; names and codes in ${r.sidecarPath}.`);
  } catch (e) {
    reportError('Export NIfTI', e);
  }
}
