import { writeInstance, type NaturalDataset } from '../../dicom/writeInstance';
import { indexToPatient, type Grid } from '../../volume/grid';

/** The identity of the series the structure set was drawn on (grid slice k = image k). */
export interface RtSeriesRef {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  sopClassUid: string;
  sopInstanceUids: string[];
}

/** One ROI: a rectangle (i0, j0)-(i1, j1) in voxel index units on slices k0..k1, optionally with a rectangular hole. */
export interface RtTestRoi {
  name: string;
  color: [number, number, number];
  type: string;
  rect: [number, number, number, number];
  slices: [number, number];
  hole?: [number, number, number, number];
}

/**
 * An RTSTRUCT as a planning system writes one (test fixture): contours as
 * DS strings with two decimals, each referencing its image, the referenced
 * series under RTReferencedStudySequence. `withSeries: false` leaves the
 * referenced series out, as some exports do.
 */
export function makeRtstruct(
  ref: RtSeriesRef,
  grid: Grid,
  rois: RtTestRoi[],
  options: { uid?: string; withSeries?: boolean; label?: string } = {},
): Uint8Array {
  const uid = options.uid ?? '2.25.91003';
  const polygon = ([i0, j0, i1, j1]: number[], k: number) =>
    [
      [i0!, j0!],
      [i1!, j0!],
      [i1!, j1!],
      [i0!, j1!],
    ].flatMap(([i, j]) => indexToPatient(grid, i!, j!, k).map((v) => v.toFixed(2)));
  const contourItem = (rect: number[], k: number, n: number): NaturalDataset => ({
    ContourImageSequence: [
      { ReferencedSOPClassUID: ref.sopClassUid, ReferencedSOPInstanceUID: ref.sopInstanceUids[k]! },
    ],
    ContourGeometricType: 'CLOSED_PLANAR',
    NumberOfContourPoints: '4',
    ContourNumber: String(n),
    ContourData: polygon(rect, k),
  });
  return writeInstance({
    PatientID: 'TEST-001',
    PatientName: 'Test^Fixture',
    StudyDate: '20260101',
    StudyTime: '080000',
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.3',
    SOPInstanceUID: `${uid}.2`,
    StudyInstanceUID: ref.studyInstanceUid,
    SeriesInstanceUID: `${uid}.1`,
    Modality: 'RTSTRUCT',
    SeriesNumber: '302',
    SeriesDescription: 'Planning structures',
    Manufacturer: 'Other TPS',
    StructureSetLabel: options.label ?? 'Liver RT',
    StructureSetDate: '20260102',
    StructureSetTime: '090000',
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: ref.frameOfReferenceUid,
        ...(options.withSeries === false
          ? {}
          : {
              RTReferencedStudySequence: [
                {
                  ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
                  ReferencedSOPInstanceUID: ref.studyInstanceUid,
                  RTReferencedSeriesSequence: [
                    {
                      SeriesInstanceUID: ref.seriesInstanceUid,
                      ContourImageSequence: ref.sopInstanceUids.map((u) => ({
                        ReferencedSOPClassUID: ref.sopClassUid,
                        ReferencedSOPInstanceUID: u,
                      })),
                    },
                  ],
                },
              ],
            }),
      },
    ],
    StructureSetROISequence: rois.map((r, n) => ({
      ROINumber: String(n + 1),
      ReferencedFrameOfReferenceUID: ref.frameOfReferenceUid,
      ROIName: r.name,
      ROIGenerationAlgorithm: 'MANUAL',
    })),
    ROIContourSequence: rois.map((r, n) => {
      const contours: NaturalDataset[] = [];
      for (let k = r.slices[0]; k <= r.slices[1]; k++) {
        contours.push(contourItem(r.rect, k, contours.length + 1));
        if (r.hole) contours.push(contourItem(r.hole, k, contours.length + 1));
      }
      return { ROIDisplayColor: r.color.map(String), ReferencedROINumber: String(n + 1), ContourSequence: contours };
    }),
    RTROIObservationsSequence: rois.map((r, n) => ({
      ObservationNumber: String(n + 1),
      ReferencedROINumber: String(n + 1),
      RTROIInterpretedType: r.type,
      ROIInterpreter: '',
    })),
  });
}
