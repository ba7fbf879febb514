import type { NaturalDataset } from '../dicom/writeInstance';
import { codeItem } from '../seg/codes';
import type { SoftwareInfo } from '../dicom/softwareInfo';
import { dicomDateTime, equipment } from '../export/studyContext';
import { PRIVATE_CODES, PRIVATE_SCHEME, SR_CODES } from './codes';
import { codeContentItem, containerItem, imageItem, numItem, textItem, uidItem } from './contentItems';
import type { SrDocument, SrMeasurementGroup } from './types';

export const ENHANCED_SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.22';

export interface SrWriteOptions {
  /** Patient and study attributes (studyContext of a source image). */
  study: NaturalDataset;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  seriesNumber: number;
  seriesDescription?: string;
  software: SoftwareInfo;
  deviceObserverUid: string;
  at: Date;
}

/**
 * Builds a TID 1500 Imaging Measurement Report (Enhanced SR: we have no 3D
 * coordinates, so the simpler IOD suffices) in which every measurement group
 * references its segment in the SEG and the source series.
 */
export function buildSrDataset(doc: SrDocument, options: SrWriteOptions): NaturalDataset {
  const { date, time } = dicomDateTime(options.at);
  const usesPrivate = doc.groups.some((g) =>
    [g.finding, g.findingSite, ...g.measurements.flatMap((m) => [m.concept, m.method, m.derivation])].some(
      (c) => c?.scheme === PRIVATE_SCHEME.designator,
    ),
  );
  const root = containerItem('CONTAINS', SR_CODES.imagingMeasurementReport, [
    codeContentItem('HAS CONCEPT MOD', SR_CODES.language, SR_CODES.englishUS),
    codeContentItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.device),
    uidItem('HAS OBS CONTEXT', SR_CODES.deviceObserverUid, options.deviceObserverUid),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceObserverName, options.software.modelName),
    codeContentItem('HAS CONCEPT MOD', SR_CODES.procedureReported, SR_CODES.computedTomography),
    containerItem('CONTAINS', SR_CODES.imageLibrary, [
      containerItem(
        'CONTAINS',
        SR_CODES.imageLibraryGroup,
        doc.source.instances.map((inst) =>
          imageItem('CONTAINS', undefined, {
            ReferencedSOPClassUID: inst.sopClassUid,
            ReferencedSOPInstanceUID: inst.sopInstanceUid,
          }),
        ),
      ),
    ]),
    containerItem(
      'CONTAINS',
      SR_CODES.imagingMeasurements,
      doc.groups.map((g) => measurementGroup(g, doc)),
    ),
  ]);
  // The root item carries no RelationshipType.
  delete root.RelationshipType;

  return {
    ...options.study,
    SOPClassUID: ENHANCED_SR_SOP_CLASS,
    SOPInstanceUID: options.sopInstanceUid,
    Modality: 'SR',
    SeriesInstanceUID: options.seriesInstanceUid,
    SeriesNumber: String(options.seriesNumber),
    SeriesDescription: options.seriesDescription ?? 'LiverPlan measurements',
    SeriesDate: date,
    SeriesTime: time,
    ReferencedPerformedProcedureStepSequence: [],
    ...equipment(options.software),
    InstanceNumber: '1',
    ContentDate: date,
    ContentTime: time,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: options.study.StudyInstanceUID,
        ReferencedSeriesSequence: [
          {
            SeriesInstanceUID: doc.source.seriesInstanceUid,
            ReferencedSOPSequence: doc.source.instances.map((i) => ({
              ReferencedSOPClassUID: i.sopClassUid,
              ReferencedSOPInstanceUID: i.sopInstanceUid,
            })),
          },
          {
            SeriesInstanceUID: doc.seg.seriesInstanceUid,
            ReferencedSOPSequence: [
              { ReferencedSOPClassUID: doc.seg.sopClassUid, ReferencedSOPInstanceUID: doc.seg.sopInstanceUid },
            ],
          },
        ],
      },
    ],
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ...(usesPrivate
      ? {
          CodingSchemeIdentificationSequence: [
            {
              CodingSchemeDesignator: PRIVATE_SCHEME.designator,
              CodingSchemeName: PRIVATE_SCHEME.name,
              CodingSchemeVersion: PRIVATE_SCHEME.version,
              CodingSchemeResponsibleOrganization: PRIVATE_SCHEME.organization,
            },
          ],
        }
      : {}),
    ...root,
  };
}

function measurementGroup(g: SrMeasurementGroup, doc: SrDocument): NaturalDataset {
  const children: NaturalDataset[] = [
    textItem('HAS OBS CONTEXT', SR_CODES.trackingIdentifier, g.trackingId),
    uidItem('HAS OBS CONTEXT', SR_CODES.trackingUid, g.trackingUid),
    codeContentItem('CONTAINS', SR_CODES.finding, g.finding),
  ];
  if (g.findingSite) children.push(codeContentItem('HAS CONCEPT MOD', SR_CODES.findingSite, g.findingSite));
  children.push(
    imageItem('CONTAINS', SR_CODES.referencedSegment, {
      ReferencedSOPClassUID: doc.seg.sopClassUid,
      ReferencedSOPInstanceUID: doc.seg.sopInstanceUid,
      ReferencedSegmentNumber: g.segmentNumber,
    }),
    uidItem('CONTAINS', SR_CODES.sourceSeriesForSegmentation, doc.source.seriesInstanceUid),
  );
  for (const m of g.measurements) {
    const modifiers: NaturalDataset[] = [];
    if (m.method) modifiers.push(codeContentItem('HAS CONCEPT MOD', SR_CODES.measurementMethod, m.method));
    if (m.derivation) modifiers.push(codeContentItem('HAS CONCEPT MOD', SR_CODES.derivation, m.derivation));
    children.push(numItem('CONTAINS', m.concept, m.value, m.unit, modifiers));
  }
  return containerItem('CONTAINS', SR_CODES.measurementGroup, children);
}

/** Re-exported so callers building groups need one import. */
export { PRIVATE_CODES, SR_CODES, codeItem };
