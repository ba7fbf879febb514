import type { PickedPaths } from '../files/pickedPaths';
import { ServiceError, type PartialHandlers } from '../handlerTypes';
import { exportNiftiLabels } from '../labels/exportNiftiLabels';
import { importLabelFile, MAX_LABEL_FILE_BYTES } from '../labels/importLabelFile';
import { readSrMeasurementsFile } from '../labels/readSrMeasurementsFile';

/**
 * Import of others' segmentations and NIfTI export, for paths the user picked in a dialog only,
 * or (import) derived objects the study index lists: the study browser's "Load into case".
 */
export function labelsHandlers(
  picked: PickedPaths,
  maxImportBytes = MAX_LABEL_FILE_BYTES,
  indexed: (path: string) => Promise<boolean> = async () => false,
): PartialHandlers {
  return {
    'labels:import': async (req) => {
      if (!picked.canOpen(req.path) && !(await indexed(req.path)))
        throw new ServiceError('not-picked', 'Choose the file with Import SEG / NIfTI… first.');
      return importLabelFile(req.path, req.referenceGrid, req.frameOfReferenceUid, maxImportBytes);
    },
    'labels:srMeasurements': async (req) => {
      if (!(await indexed(req.path))) throw new ServiceError('not-indexed', 'Import the folder holding this SR first.');
      return readSrMeasurementsFile(req.path);
    },
    'labels:exportNifti': async (req) => {
      if (!picked.canSave(req.path))
        throw new ServiceError('not-picked', 'Choose where to save with Export NIfTI… first.');
      return exportNiftiLabels(req);
    },
  };
}
