import dcmjs from 'dcmjs';
import type { NaturalDataset } from '../../dicom/writeInstance';
import { SEGMENT_CODES } from '../../seg/codes';
import { PRIVATE_CODES, SR_CODES, UNITS } from '../codes';
import type { SrDocument } from '../types';

const uid = () => dcmjs.data.DicomMetaDictionary.uid();

/** A two-group report over the given source instances (test fixture). */
export function makeSrDocument(source: NaturalDataset[]): SrDocument {
  return {
    seg: { sopClassUid: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUid: uid(), seriesInstanceUid: uid() },
    source: {
      seriesInstanceUid: String(source[0].SeriesInstanceUID),
      instances: source.map((s) => ({ sopClassUid: String(s.SOPClassUID), sopInstanceUid: String(s.SOPInstanceUID) })),
    },
    groups: [
      {
        trackingId: 'Liver',
        trackingUid: uid(),
        finding: SEGMENT_CODES.liver.type,
        segmentNumber: 1,
        measurements: [
          { concept: SR_CODES.volume, value: 1523.4567, unit: UNITS.cm3, method: SR_CODES.sumOfSegmentedVoxels },
          { concept: PRIVATE_CODES.tumourBurden, value: 12.5, unit: UNITS.percent },
          { concept: SR_CODES.attenuationCoefficient, value: 104.2, unit: UNITS.hu, derivation: SR_CODES.mean },
        ],
      },
      {
        trackingId: 'L1',
        trackingUid: uid(),
        finding: SEGMENT_CODES.metastasis.type,
        findingSite: SEGMENT_CODES.metastasis.anatomicRegion,
        segmentNumber: 2,
        measurements: [
          { concept: SR_CODES.volume, value: 8.18, unit: UNITS.cm3, method: SR_CODES.sumOfSegmentedVoxels },
          { concept: SR_CODES.attenuationCoefficient, value: -3.5, unit: UNITS.hu, derivation: SR_CODES.minimum },
          { concept: PRIVATE_CODES.minimalAblativeMargin, value: 4.2, unit: UNITS.mm },
        ],
      },
    ],
  };
}
