import { metaData } from '@cornerstonejs/core';
import type { VolumeOpenInfo } from '../../../shared/dicom/volumeOpenInfo';

interface Entry {
  info: VolumeOpenInfo;
  index: number;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
}

const entries = new Map<string, Entry>();
let registered = false;
/** Above the default (NATURALIZED-backed) providers, so a plane is placed before its file is read. */
const PRIORITY = 10_000;

function provide(type: string, imageId: string): unknown {
  const e = entries.get(imageId);
  if (!e) return undefined;
  const { info, index } = e;
  const [rowSpacing, columnSpacing] = info.pixelSpacing;
  switch (type) {
    case 'imagePlaneModule': {
      const o = info.orientation;
      return {
        frameOfReferenceUID: e.frameOfReferenceUid,
        rows: info.rows,
        columns: info.columns,
        imageOrientationPatient: [...o],
        rowCosines: [o[0], o[1], o[2]],
        columnCosines: [o[3], o[4], o[5]],
        imagePositionPatient: [...info.positions[index]!],
        pixelSpacing: [rowSpacing, columnSpacing],
        rowPixelSpacing: rowSpacing,
        columnPixelSpacing: columnSpacing,
        usingDefaultValues: false,
      };
    }
    case 'imagePixelModule':
      return {
        samplesPerPixel: info.samplesPerPixel,
        photometricInterpretation: info.photometricInterpretation,
        rows: info.rows,
        columns: info.columns,
        bitsAllocated: info.bitsAllocated,
        bitsStored: info.bitsStored,
        highBit: info.bitsStored - 1,
        pixelRepresentation: info.pixelRepresentation,
      };
    case 'modalityLutModule':
      return { rescaleSlope: info.rescaleSlope, rescaleIntercept: info.rescaleIntercept };
    // The scanner's window: every phase opens with its own default display before any file is read.
    case 'voiLutModule':
      return info.window ? { windowCenter: [info.window[0]], windowWidth: [info.window[1]] } : undefined;
    case 'generalSeriesModule':
      return { modality: info.modality, seriesInstanceUID: e.seriesInstanceUid };
    default:
      return undefined;
  }
}

/**
 * Answers the plane, pixel, rescale and series modules of a series' imageIds from the scan's
 * open info, so Cornerstone can size, place and scale the volume before any file is fetched;
 * everything else (window presets, patient text) still comes from each file once it is read.
 */
export function provideOpenInfo(
  imageIds: string[],
  info: VolumeOpenInfo,
  series: { seriesInstanceUid: string; frameOfReferenceUid: string },
): void {
  if (!registered) {
    metaData.addProvider(provide as Parameters<typeof metaData.addProvider>[0], PRIORITY);
    registered = true;
  }
  imageIds.forEach((id, index) => entries.set(id, { info, index, ...series }));
}

export function forgetOpenInfo(imageIds: string[]): void {
  for (const id of imageIds) entries.delete(id);
}
