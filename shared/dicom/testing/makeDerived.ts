import { SEGMENT_CODES } from '../../seg/codes';
import { writeSeg } from '../../seg/writeSeg';
import type { Grid } from '../../volume/grid';
import { writeInstance } from '../writeInstance';

/** The identity of a series that derived test objects point at. */
export interface SeriesRef {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  sopInstanceUids: string[];
  sopClassUid: string;
}

const patient = { PatientID: 'TEST-001', PatientName: 'Test^Fixture', StudyDate: '20260101', StudyTime: '080000' };

/** A binary SEG with one box segment on `grid`, drawn on `ref` (grid slice k = ref image k). */
export function makeSegFor(ref: SeriesRef, grid: Grid, uid = '2.25.90001'): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const mask = new Uint8Array(nx * ny * nz);
  for (let k = 1; k < nz - 1; k++)
    for (let j = 1; j < ny - 1; j++) for (let i = 1; i < nx - 1; i++) mask[i + nx * (j + ny * k)] = 1;
  return writeSeg({
    grid,
    source: {
      studyInstanceUid: ref.studyInstanceUid,
      seriesInstanceUid: ref.seriesInstanceUid,
      frameOfReferenceUid: ref.frameOfReferenceUid,
      images: ref.sopInstanceUids.map((sopInstanceUid) => ({ sopClassUid: ref.sopClassUid, sopInstanceUid })),
      patient: { name: patient.PatientName, id: patient.PatientID },
      study: { date: patient.StudyDate, time: patient.StudyTime },
    },
    segments: [{ info: { number: 1, label: 'Liver', coding: SEGMENT_CODES.liver, algorithmType: 'MANUAL' }, mask }],
    seriesInstanceUid: `${uid}.1`,
    sopInstanceUid: `${uid}.2`,
    seriesNumber: 300,
    seriesDescription: 'Liver SEG (other tool)',
    contentDate: '20260102',
    contentTime: '090000',
  });
}

const evidence = (ref: SeriesRef) => [
  {
    StudyInstanceUID: ref.studyInstanceUid,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: ref.seriesInstanceUid,
        ReferencedSOPSequence: ref.sopInstanceUids.map((u) => ({
          ReferencedSOPClassUID: ref.sopClassUid,
          ReferencedSOPInstanceUID: u,
        })),
      },
    ],
  },
];

/** A Comprehensive SR (header only: title and evidence) referencing `ref`. */
export function makeSrFor(ref: SeriesRef, uid = '2.25.90002'): Uint8Array {
  return writeInstance({
    ...patient,
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33',
    SOPInstanceUID: `${uid}.2`,
    StudyInstanceUID: ref.studyInstanceUid,
    SeriesInstanceUID: `${uid}.1`,
    Modality: 'SR',
    SeriesNumber: 301,
    SeriesDescription: 'Measurements',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [
      { CodeValue: '126000', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Imaging Measurement Report' },
    ],
    CurrentRequestedProcedureEvidenceSequence: evidence(ref),
  });
}

/** An RTSTRUCT header (ROI names and referenced series, no contours) referencing `ref`. */
export function makeRtstructFor(ref: SeriesRef, uid = '2.25.90003'): Uint8Array {
  return writeInstance({
    ...patient,
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.3',
    SOPInstanceUID: `${uid}.2`,
    StudyInstanceUID: ref.studyInstanceUid,
    SeriesInstanceUID: `${uid}.1`,
    Modality: 'RTSTRUCT',
    SeriesNumber: 302,
    StructureSetLabel: 'Liver RT',
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: ref.frameOfReferenceUid,
        RTReferencedStudySequence: [
          {
            ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
            ReferencedSOPInstanceUID: ref.studyInstanceUid,
            RTReferencedSeriesSequence: [{ SeriesInstanceUID: ref.seriesInstanceUid }],
          },
        ],
      },
    ],
    StructureSetROISequence: [
      { ROINumber: 1, ReferencedFrameOfReferenceUID: ref.frameOfReferenceUid, ROIName: 'Liver' },
      { ROINumber: 2, ReferencedFrameOfReferenceUID: ref.frameOfReferenceUid, ROIName: 'GTV' },
    ],
  });
}

/** An Encapsulated PDF in the study of `ref`. */
export function makePdfFor(ref: SeriesRef, uid = '2.25.90004'): Uint8Array {
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  return writeInstance({
    ...patient,
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.104.1',
    SOPInstanceUID: `${uid}.2`,
    StudyInstanceUID: ref.studyInstanceUid,
    SeriesInstanceUID: `${uid}.1`,
    Modality: 'DOC',
    SeriesNumber: 303,
    DocumentTitle: 'Dosimetry report',
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: pdf.buffer,
  });
}
