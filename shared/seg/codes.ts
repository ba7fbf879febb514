/**
 * Coded concepts for segments (clinical-rules.md section 7). SCT = SNOMED CT,
 * DCM = DICOM controlled terminology.
 */
export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

export interface SegmentCoding {
  category: Code;
  type: Code;
  /** Where the finding sits (lesions: the liver). */
  anatomicRegion?: Code;
}

const ANATOMICAL_STRUCTURE: Code = { value: '91723000', scheme: 'SCT', meaning: 'Anatomical Structure' };
const ABNORMAL_STRUCTURE: Code = { value: '49755003', scheme: 'SCT', meaning: 'Morphologically Abnormal Structure' };
const LIVER: Code = { value: '10200004', scheme: 'SCT', meaning: 'Liver' };

const anatomy = (value: string, meaning: string): SegmentCoding => ({
  category: ANATOMICAL_STRUCTURE,
  type: { value, scheme: 'SCT', meaning },
});

/** Codings by LiverPlan segment kind. */
export const SEGMENT_CODES = {
  liver: anatomy('10200004', 'Liver'),
  portalVein: anatomy('32764006', 'Portal vein'),
  hepaticVein: anatomy('8993003', 'Hepatic vein'),
  hepaticArtery: anatomy('76015000', 'Hepatic artery'),
  inferiorVenaCava: anatomy('64131007', 'Inferior vena cava'),
  gallbladder: anatomy('28231008', 'Gallbladder'),
  commonBileDuct: anatomy('79741001', 'Common bile duct'),
  diaphragm: anatomy('5798000', 'Diaphragm'),
  colon: anatomy('71854001', 'Colon'),
  stomach: anatomy('69695003', 'Stomach'),
  couinaud1: anatomy('71133005', 'Caudate lobe of liver'),
  couinaud2: anatomy('277956007', 'Hepatic segment 2'),
  couinaud3: anatomy('277957003', 'Hepatic segment 3'),
  couinaud4: anatomy('277958008', 'Hepatic segment 4'),
  couinaud5: anatomy('277959000', 'Hepatic segment 5'),
  couinaud6: anatomy('277960005', 'Hepatic segment 6'),
  couinaud7: anatomy('277961009', 'Hepatic segment 7'),
  couinaud8: anatomy('277962002', 'Hepatic segment 8'),
  metastasis: {
    category: ABNORMAL_STRUCTURE,
    type: { value: '14799000', scheme: 'SCT', meaning: 'Neoplasm, metastatic' },
    anatomicRegion: LIVER,
  },
  lesion: {
    category: ABNORMAL_STRUCTURE,
    type: { value: '52988006', scheme: 'SCT', meaning: 'Lesion' },
    anatomicRegion: LIVER,
  },
} satisfies Record<string, SegmentCoding>;

export type SegmentKind = keyof typeof SEGMENT_CODES;

/** Naturalized code sequence item for dcmjs. */
export function codeItem(code: Code): Record<string, string> {
  return { CodeValue: code.value, CodingSchemeDesignator: code.scheme, CodeMeaning: code.meaning };
}
