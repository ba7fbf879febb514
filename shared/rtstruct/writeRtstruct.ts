import type { NaturalDataset } from '../dicom/writeInstance';
import type { SoftwareInfo } from '../dicom/softwareInfo';
import { dicomDateTime, equipment } from '../export/studyContext';
import { formatDs } from '../sr/contentItems';
import { indexToPatient, type Labelmap } from '../volume/grid';
import { sliceOutlines } from './marchingSquares';
import { RTSTRUCT_SOP_CLASS } from './readRtstruct';

/** A case segment to write as one ROI. */
export interface RtstructSegment {
  /** Its value in the labelmap. */
  label: number;
  name: string;
  color: [number, number, number];
  /** RTROIInterpretedType: ORGAN, GTV, AVOIDANCE... (empty: unknown, type 2). */
  interpretedType: string;
}

export interface RtstructWriteOptions {
  labels: Labelmap;
  segments: RtstructSegment[];
  /** Headers of the referenced series; source[k] is slice k of the labels grid. */
  source: NaturalDataset[];
  /** Patient and study attributes (studyContext of a source image). */
  study: NaturalDataset;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  seriesNumber: number;
  seriesDescription?: string;
  software: SoftwareInfo;
  at: Date;
}

/** RT ROI Interpreted Type of a case segment kind (PS3.3 C.8.8.8.1.2). */
export function interpretedTypeOf(kind: string): string {
  if (kind === 'lesion') return 'GTV';
  if (kind === 'ablation') return 'TREATED_VOLUME';
  if (kind === 'critical') return 'AVOIDANCE';
  return 'ORGAN';
}

/**
 * The case's segments as an RT Structure Set: each non-empty slice of each
 * segment outlined by marching squares (closed planar contours through the
 * midpoints between inside and outside voxel centres, in LPS mm on the slice
 * plane), each contour referencing the source image it lies on.
 */
export function buildRtstructDataset(o: RtstructWriteOptions): NaturalDataset {
  const { labels, source } = o;
  const [nx, ny, nz] = labels.grid.dims;
  if (source.length !== nz)
    throw new Error(`reference series has ${source.length} images but the labelmap has ${nz} slices`);
  const frameOfReferenceUid = String(source[0]!.FrameOfReferenceUID ?? '');
  if (!frameOfReferenceUid) throw new Error('the reference series names no FrameOfReferenceUID');
  const imageRef = (k: number) => ({
    ReferencedSOPClassUID: String(source[k]!.SOPClassUID),
    ReferencedSOPInstanceUID: String(source[k]!.SOPInstanceUID),
  });
  const { date, time } = dicomDateTime(o.at);
  const structure: NaturalDataset[] = [];
  const contours: NaturalDataset[] = [];
  const observations: NaturalDataset[] = [];
  const slice = new Uint8Array(nx * ny);
  o.segments.forEach((s, n) => {
    const number = n + 1;
    const sequence: NaturalDataset[] = [];
    for (let k = 0; k < nz; k++) {
      let any = false;
      for (let v = 0; v < slice.length; v++) {
        slice[v] = labels.data[k * nx * ny + v] === s.label ? 1 : 0;
        any ||= slice[v] === 1;
      }
      if (!any) continue;
      for (const outline of sliceOutlines(slice, nx, ny)) {
        const data: string[] = [];
        for (let p = 0; p < outline.length; p += 2)
          for (const c of indexToPatient(labels.grid, outline[p]!, outline[p + 1]!, k)) data.push(formatDs(c));
        sequence.push({
          ContourImageSequence: [imageRef(k)],
          ContourGeometricType: 'CLOSED_PLANAR',
          NumberOfContourPoints: String(outline.length / 2),
          ContourNumber: String(sequence.length + 1),
          ContourData: data,
        });
      }
    }
    structure.push({
      ROINumber: String(number),
      ReferencedFrameOfReferenceUID: frameOfReferenceUid,
      ROIName: s.name.slice(0, 64),
      ROIGenerationAlgorithm: 'SEMIAUTOMATIC',
    });
    contours.push({
      ROIDisplayColor: s.color.map(String),
      ReferencedROINumber: String(number),
      ...(sequence.length ? { ContourSequence: sequence } : {}),
    });
    observations.push({
      ObservationNumber: String(number),
      ReferencedROINumber: String(number),
      ROIObservationLabel: s.name.slice(0, 64),
      RTROIInterpretedType: s.interpretedType,
      ROIInterpreter: '',
    });
  });
  return {
    ...o.study,
    SOPClassUID: RTSTRUCT_SOP_CLASS,
    SOPInstanceUID: o.sopInstanceUid,
    Modality: 'RTSTRUCT',
    SeriesInstanceUID: o.seriesInstanceUid,
    SeriesNumber: String(o.seriesNumber),
    SeriesDescription: o.seriesDescription ?? 'LiverPlan structures',
    SeriesDate: date,
    SeriesTime: time,
    OperatorsName: '',
    ...equipment(o.software),
    InstanceNumber: '1',
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    FrameOfReferenceUID: frameOfReferenceUid,
    PositionReferenceIndicator: '',
    StructureSetLabel: 'LIVERPLAN',
    StructureSetName: 'LiverPlan segments',
    StructureSetDate: date,
    StructureSetTime: time,
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: frameOfReferenceUid,
        RTReferencedStudySequence: [
          {
            // Study Component Management SOP Class (retired), as PS3.3 C.8.8.5 asks for this reference.
            ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
            ReferencedSOPInstanceUID: String(o.study.StudyInstanceUID),
            RTReferencedSeriesSequence: [
              {
                SeriesInstanceUID: String(source[0]!.SeriesInstanceUID),
                ContourImageSequence: source.map((_, k) => imageRef(k)),
              },
            ],
          },
        ],
      },
    ],
    StructureSetROISequence: structure,
    ROIContourSequence: contours,
    RTROIObservationsSequence: observations,
  };
}
