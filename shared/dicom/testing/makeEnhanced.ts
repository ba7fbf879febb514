import type { Vec3 } from '../../volume/grid';
import { writeInstance } from '../writeInstance';

/**
 * One Enhanced CT multi-frame instance: geometry in the shared / per-frame
 * functional groups, frames stored in `frameOrder` (positions along +z).
 */
export function makeEnhancedCt(opts: {
  rows: number;
  columns: number;
  frames: number;
  step: number;
  origin: Vec3;
  frameOrder?: number[];
  intercept?: number;
}): Uint8Array {
  const { rows, columns, frames, step, origin } = opts;
  const order = opts.frameOrder ?? Array.from({ length: frames }, (_, k) => k);
  const px = new Int16Array(rows * columns * frames);
  order.forEach((k, f) => {
    for (let p = 0; p < rows * columns; p++) px[f * rows * columns + p] = p + 100 * k;
  });
  return writeInstance({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2.1',
    SOPInstanceUID: '2.25.777.1',
    StudyInstanceUID: '2.25.777.2',
    SeriesInstanceUID: '2.25.777.3',
    Modality: 'CT',
    SeriesDescription: 'Enhanced PV',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE'],
    NumberOfFrames: frames,
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
        PixelMeasuresSequence: [{ PixelSpacing: [0.5, 0.6], SliceThickness: 9 }],
        PixelValueTransformationSequence: [
          { RescaleIntercept: opts.intercept ?? -1024, RescaleSlope: 1, RescaleType: 'HU' },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: order.map((k) => ({
      PlanePositionSequence: [{ ImagePositionPatient: [origin[0], origin[1], origin[2] + k * step] }],
    })),
    PixelData: [px.buffer],
    _vrMap: { PixelData: 'OW' },
  });
}
