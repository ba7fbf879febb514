import type { NaturalDataset } from '../dicom/writeInstance';
import type { SoftwareInfo } from '../dicom/softwareInfo';
import { dicomDateTime, equipment } from './studyContext';

export const ENCAPSULATED_PDF_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.104.1';

export interface EncapsulatedPdfOptions {
  study: NaturalDataset;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  seriesNumber: number;
  title: string;
  software: SoftwareInfo;
  at: Date;
  /** Series the report is about (Source Instance Sequence is optional; we list the source series' instances). */
  sourceInstances?: { sopClassUid: string; sopInstanceUid: string }[];
}

/** The Encapsulated PDF IOD around report bytes (padded to even length as OB requires). */
export function buildEncapsulatedPdf(pdf: Uint8Array, options: EncapsulatedPdfOptions): NaturalDataset {
  const { date, time } = dicomDateTime(options.at);
  const padded = new Uint8Array(pdf.length + (pdf.length % 2));
  padded.set(pdf);
  return {
    ...options.study,
    SOPClassUID: ENCAPSULATED_PDF_SOP_CLASS,
    SOPInstanceUID: options.sopInstanceUid,
    Modality: 'DOC',
    SeriesInstanceUID: options.seriesInstanceUid,
    SeriesNumber: String(options.seriesNumber),
    SeriesDescription: options.title,
    SeriesDate: date,
    SeriesTime: time,
    ConversionType: 'WSD',
    ...equipment(options.software),
    InstanceNumber: '1',
    ContentDate: date,
    ContentTime: time,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    AcquisitionDateTime: `${date}${time}`,
    BurnedInAnnotation: 'YES',
    DocumentTitle: options.title,
    ConceptNameCodeSequence: [
      { CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging report' },
    ],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocumentLength: pdf.length,
    EncapsulatedDocument: padded.buffer,
    ...(options.sourceInstances?.length
      ? {
          SourceInstanceSequence: options.sourceInstances.map((s) => ({
            ReferencedSOPClassUID: s.sopClassUid,
            ReferencedSOPInstanceUID: s.sopInstanceUid,
          })),
        }
      : {}),
    _vrMap: { EncapsulatedDocument: 'OB' },
  };
}
