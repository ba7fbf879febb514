import type { Code } from '../seg/codes';

export type { Code };

const dcm = (value: string, meaning: string): Code => ({ value, scheme: 'DCM', meaning });
const sct = (value: string, meaning: string): Code => ({ value, scheme: 'SCT', meaning });
const ucum = (value: string, meaning: string): Code => ({ value, scheme: 'UCUM', meaning });

/** Concepts of TID 1500 / 1411 / 1419 used by our reports (clinical-rules.md section 7). */
export const SR_CODES = {
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  language: dcm('121049', 'Language of Content Item and Descendants'),
  procedureReported: dcm('121058', 'Procedure reported'),
  observerType: dcm('121005', 'Observer Type'),
  device: dcm('121007', 'Device'),
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  findingSite: sct('363698007', 'Finding Site'),
  referencedSegment: dcm('121191', 'Referenced Segment'),
  sourceSeriesForSegmentation: dcm('121232', 'Source series for segmentation'),
  volume: sct('118565006', 'Volume'),
  measurementMethod: sct('370129005', 'Measurement Method'),
  sumOfSegmentedVoxels: dcm('126030', 'Sum of segmented voxel volumes'),
  attenuationCoefficient: dcm('112031', 'Attenuation Coefficient'),
  derivation: dcm('121401', 'Derivation'),
  mean: sct('373098007', 'Mean'),
  minimum: sct('255605001', 'Minimum'),
  maximum: sct('56851009', 'Maximum'),
  standardDeviation: sct('386136009', 'Standard Deviation'),
  distance: dcm('121206', 'Distance'),
  computedTomography: sct('77477000', 'Computed Tomography'),
  englishUS: { value: 'en-US', scheme: 'RFC5646', meaning: 'English (United States)' } as Code,
};

export const UNITS = {
  cm3: ucum('cm3', 'cubic centimeter'),
  hu: ucum("[hnsf'U]", 'Hounsfield unit'),
  mm: ucum('mm', 'millimeter'),
  percent: ucum('%', 'percent'),
};

/**
 * Our private coding scheme for concepts with no standard code (clinical-rules.md
 * section 7). Designator starts with "99" as PS3.16 8.2 requires for private
 * schemes; documented in docs/private-codes.md. Never reuse or renumber a value.
 */
export const PRIVATE_SCHEME = {
  designator: '99LVRPLN',
  name: 'LiverPlan private codes',
  organization: 'LiverPlan project',
  version: '1',
};

const lp = (value: string, meaning: string): Code => ({ value, scheme: PRIVATE_SCHEME.designator, meaning });

export const PRIVATE_CODES = {
  // LP001 and LP002 are segment types, assigned in shared/case/segmentTemplates.ts.
  ablationZone: lp('LP001', 'Ablation zone'),
  perfusedTargetVolume: lp('LP002', 'Perfused target volume'),
  tumourBurden: lp('LP003', 'Tumour burden'),
  minimalAblativeMargin: lp('LP004', 'Minimal ablative margin'),
  marginQuartile25: lp('LP005', 'Ablative margin 25th percentile'),
  marginMedian: lp('LP006', 'Ablative margin median'),
  surfaceBelowZero: lp('LP007', 'Tumour surface with negative ablative margin'),
  surfaceBelowTarget: lp('LP008', 'Tumour surface below target ablative margin'),
  burdenDenominator: lp('LP009', 'Whole liver volume including tumours'),
};

export function sameCode(a: Code | undefined, b: Code): boolean {
  return Boolean(a) && a!.value === b.value && a!.scheme === b.scheme;
}
