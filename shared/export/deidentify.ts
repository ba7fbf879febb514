import dcmjs from 'dcmjs';
import type { NaturalDataset } from '../dicom/writeInstance';
import type { UidRemap } from './uidRemap';

/**
 * De-identification for teaching exports: DICOM PS3.15 Annex E Basic
 * Application Level Confidentiality Profile with the Clean Structured Content
 * option (our SR content is kept, person names in it are removed). Dates and
 * times become fixed dummy values (Z/D actions), every instance UID is
 * remapped through one UidRemap per export, private tags are removed.
 * Hand-written: dcmjs has no de-identifier; the profile is a table to apply.
 */
export interface DeidentifyOptions {
  patientName: string;
  patientId: string;
}

/** Attributes the profile removes (action X, or X/Z/D where removal is allowed) that our objects may carry. */
const REMOVE = new Set([
  'AccessionNumber',
  'AcquisitionComments',
  'AdditionalPatientHistory',
  'AdmittingDiagnosesDescription',
  'Allergies',
  'BranchOfService',
  'CountryOfResidence',
  'CurrentPatientLocation',
  'DerivationDescription',
  'EthnicGroup',
  'ImageComments',
  'InstitutionAddress',
  'InstitutionalDepartmentName',
  'InstitutionName',
  'IssuerOfPatientID',
  'MedicalRecordLocator',
  'MilitaryRank',
  'NameOfPhysiciansReadingStudy',
  'Occupation',
  'OperatorsName',
  'OtherPatientIDs',
  'OtherPatientIDsSequence',
  'OtherPatientNames',
  'PatientAddress',
  'PatientAge',
  'PatientBirthName',
  'PatientBirthTime',
  'PatientComments',
  'PatientMotherBirthName',
  'PatientReligiousPreference',
  'PatientSize',
  'PatientTelephoneNumbers',
  'PatientWeight',
  'PerformedProcedureStepDescription',
  'PerformedProcedureStepID',
  'PerformingPhysicianName',
  'PhysiciansOfRecord',
  'ProtocolName',
  'ReferringPhysicianAddress',
  'ReferringPhysicianTelephoneNumbers',
  'RegionOfResidence',
  'RequestAttributesSequence',
  'RequestingPhysician',
  'RequestedProcedureDescription',
  'ScheduledProcedureStepDescription',
  'SeriesDescription',
  'StationName',
  'StudyDescription',
  'StudyID',
]);

/** Type 2 attributes that must stay present (emptied) rather than removed. */
const EMPTY = new Set(['AccessionNumber', 'StudyID', 'ReferringPhysicianName', 'PatientBirthDate', 'PatientSex']);

/** X/Z/D attributes that are Type 1 in the Enhanced General Equipment module: dummy values (D). */
const REPLACE: Record<string, string> = { DeviceSerialNumber: 'DEIDENTIFIED' };

const DUMMY: Record<string, string> = { DA: '19000101', TM: '000000', DT: '19000101000000' };

function vrOf(keyword: string): string | undefined {
  return (dcmjs.data.DicomMetaDictionary.nameMap as Record<string, { vr: string } | undefined>)[keyword]?.vr;
}

/** Returns a de-identified copy; the input is not modified. */
export function deidentify(ds: NaturalDataset, remap: UidRemap, options: DeidentifyOptions): NaturalDataset {
  const out = clean(ds, remap);
  out.PatientName = options.patientName;
  out.PatientID = options.patientId;
  out.PatientIdentityRemoved = 'YES';
  out.DeidentificationMethod = 'PS3.15 E.1 Basic Profile; Clean Structured Content; LiverPlan';
  out.DeidentificationMethodCodeSequence = [
    { CodeValue: '113100', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Basic Application Confidentiality Profile' },
    { CodeValue: '113104', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Clean Structured Content Option' },
  ];
  out.LongitudinalTemporalInformationModified = 'REMOVED';
  return out;
}

function clean(ds: NaturalDataset, remap: UidRemap): NaturalDataset {
  const out: NaturalDataset = {};
  for (const [key, value] of Object.entries(ds)) {
    if (key === '_meta') continue; // rebuilt by writeInstance from the new UIDs
    if (key === '_vrMap') {
      out[key] = value;
      continue;
    }
    if (/^[0-9A-Fa-f]{8}$/.test(key)) {
      // Tags dcmjs could not name: private (odd group) ones go, unknown public ones too (cannot vet them).
      continue;
    }
    if (REMOVE.has(key)) {
      if (EMPTY.has(key)) out[key] = '';
      continue;
    }
    if (EMPTY.has(key)) {
      out[key] = '';
      continue;
    }
    if (REPLACE[key] !== undefined) {
      out[key] = REPLACE[key];
      continue;
    }
    const vr = vrOf(key);
    if (vr === 'SQ') {
      const items = (Array.isArray(value) ? value : [value]).filter(
        (v) => v && typeof v === 'object',
      ) as NaturalDataset[];
      out[key] = items.filter((item) => !isPersonNameItem(item)).map((item) => clean(item, remap));
    } else if (vr === 'UI') {
      out[key] = Array.isArray(value)
        ? value.map((v) => remap.remap(String(v)))
        : typeof value === 'string'
          ? remap.remap(value)
          : value;
    } else if (vr === 'PN') {
      out[key] = '';
    } else if (vr && DUMMY[vr] && value !== '' && value !== undefined) {
      out[key] = DUMMY[vr];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** SR PNAME content items (observer names) are removed by the Clean Structured Content option. */
function isPersonNameItem(item: NaturalDataset): boolean {
  return item.ValueType === 'PNAME';
}
