import type { NaturalDataset } from '../../dicom/writeInstance';

export const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => [
  { CodeValue, CodingSchemeDesignator, CodeMeaning },
];
export const item = (rel: string, type: string, name: ReturnType<typeof code>, rest: NaturalDataset = {}) => ({
  RelationshipType: rel,
  ValueType: type,
  ConceptNameCodeSequence: name,
  ...rest,
});
const num = (name: ReturnType<typeof code>, value: string | number, unit: ReturnType<typeof code>, mods?: unknown[]) =>
  item('CONTAINS', 'NUM', name, {
    MeasuredValueSequence: [{ NumericValue: value, MeasurementUnitsCodeSequence: unit }],
    ...(mods ? { ContentSequence: mods } : {}),
  });

/**
 * An Enhanced SR as dcmqi's tid1500writer and OHIF write them: older SRT codes
 * for finding site and method, a volumetric TID 1411 group with a Time Point
 * and a real-world-value reference, a planar TID 1501 group tucked inside an
 * extra container whose length carries its own finding site and SCOORD, and a
 * NUM without value (qualifier only).
 */
export function otherToolsSr(ref?: {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopClassUid: string;
  sopInstanceUids: string[];
}): NaturalDataset {
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34',
    SOPInstanceUID: '2.25.555.1',
    StudyInstanceUID: ref?.studyInstanceUid ?? '2.25.555.2',
    SeriesInstanceUID: '2.25.555.3',
    Modality: 'SR',
    PatientID: 'TEST-001',
    PatientName: 'Test^Fixture',
    SeriesNumber: '301',
    SeriesDescription: 'dcmqi measurements',
    ...(ref
      ? {
          CurrentRequestedProcedureEvidenceSequence: [
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
          ],
        }
      : {}),
    ValueType: 'CONTAINER',
    ContinuityOfContent: 'SEPARATE',
    ConceptNameCodeSequence: code('126000', 'DCM', 'Imaging Measurement Report'),
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [
      item('HAS CONCEPT MOD', 'CODE', code('121049', 'DCM', 'Language of Content Item and Descendants'), {
        ConceptCodeSequence: code('eng', 'RFC5646', 'English'),
      }),
      item('HAS OBS CONTEXT', 'TEXT', code('121008', 'DCM', 'Person Observer Name'), { TextValue: 'Reader1' }),
      item('CONTAINS', 'CONTAINER', code('111028', 'DCM', 'Image Library'), { ContentSequence: [] }),
      item('CONTAINS', 'CONTAINER', code('126010', 'DCM', 'Imaging Measurements'), {
        ContentSequence: [
          item('CONTAINS', 'CONTAINER', code('125007', 'DCM', 'Measurement Group'), {
            ContentSequence: [
              item('HAS OBS CONTEXT', 'TEXT', code('112039', 'DCM', 'Tracking Identifier'), {
                TextValue: 'Liver segmentation',
              }),
              item('HAS OBS CONTEXT', 'UIDREF', code('112040', 'DCM', 'Tracking Unique Identifier'), {
                UID: '2.25.777.1',
              }),
              item('HAS OBS CONTEXT', 'TEXT', code('C2348792', 'UMLS', 'Time Point'), { TextValue: 'baseline' }),
              item('CONTAINS', 'IMAGE', code('121191', 'DCM', 'Referenced Segment'), {
                ReferencedSOPSequence: [
                  {
                    ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.66.4',
                    ReferencedSOPInstanceUID: '2.25.777.9',
                    ReferencedSegmentNumber: 1,
                  },
                ],
              }),
              item('CONTAINS', 'UIDREF', code('121232', 'DCM', 'Source series for segmentation'), {
                UID: '2.25.777.8',
              }),
              item('CONTAINS', 'CODE', code('121071', 'DCM', 'Finding'), {
                ConceptCodeSequence: code('T-62000', 'SRT', 'Liver'),
              }),
              item('HAS CONCEPT MOD', 'CODE', code('G-C0E3', 'SRT', 'Finding Site'), {
                ConceptCodeSequence: code('T-62000', 'SRT', 'Liver'),
              }),
              num(code('G-D705', 'SRT', 'Volume'), 1523.4, code('cm3', 'UCUM', 'cubic centimeter'), [
                item('HAS CONCEPT MOD', 'CODE', code('G-C036', 'SRT', 'Measurement Method'), {
                  ConceptCodeSequence: code('126030', 'DCM', 'Sum of segmented voxel volumes'),
                }),
              ]),
              num(
                code('112031', 'DCM', 'Attenuation Coefficient'),
                '61.2',
                code("[hnsf'U]", 'UCUM', 'Hounsfield unit'),
                [
                  item('HAS CONCEPT MOD', 'CODE', code('121401', 'DCM', 'Derivation'), {
                    ConceptCodeSequence: code('R-00317', 'SRT', 'Mean'),
                  }),
                ],
              ),
              item('CONTAINS', 'NUM', code('112031', 'DCM', 'Attenuation Coefficient'), {
                NumericValueQualifierCodeSequence: code('114000', 'DCM', 'Not a number'),
              }),
            ],
          }),
          item('CONTAINS', 'CONTAINER', code('99OHIF', '99OHIF', 'Extra container'), {
            ContentSequence: [
              item('CONTAINS', 'CONTAINER', code('125007', 'DCM', 'Measurement Group'), {
                ContentSequence: [
                  item('HAS OBS CONTEXT', 'TEXT', code('112039', 'DCM', 'Tracking Identifier'), {
                    TextValue: 'cornerstoneTools@^4.0.0:Length',
                  }),
                  item('HAS OBS CONTEXT', 'UIDREF', code('112040', 'DCM', 'Tracking Unique Identifier'), {
                    UID: '2.25.777.2',
                  }),
                  num(code('G-A22A', 'SRT', 'Length'), '23.75', code('mm', 'UCUM', 'millimeter'), [
                    item('HAS CONCEPT MOD', 'CODE', code('363698007', 'SCT', 'Finding Site'), {
                      ConceptCodeSequence: code('10200004', 'SCT', 'Liver'),
                    }),
                    item('INFERRED FROM', 'SCOORD', code('111030', 'DCM', 'Image Region'), {
                      GraphicType: 'POLYLINE',
                      GraphicData: [10, 10, 30, 20],
                    }),
                  ]),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  };
}
