import type { SoftwareInfo } from '../dicom/softwareInfo';
import type { NaturalDataset } from '../dicom/writeInstance';

/**
 * Patient and General Study attributes every derived object copies from its
 * source image so PACS files it into the same patient and study.
 */
const PATIENT_STUDY_KEYWORDS = [
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'PatientAge',
  'PatientWeight',
  'PatientSize',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
  'StudyDescription',
] as const;

/** Type 2 attributes that must be present even when empty. */
const TYPE2 = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
];

export function studyContext(source: NaturalDataset): NaturalDataset {
  const out: NaturalDataset = {};
  for (const key of PATIENT_STUDY_KEYWORDS)
    if (source[key] !== undefined && source[key] !== null) out[key] = source[key];
  for (const key of TYPE2) if (out[key] === undefined) out[key] = '';
  if (typeof out.StudyInstanceUID !== 'string') throw new Error('source instance has no StudyInstanceUID');
  return out;
}

/** General / Enhanced General Equipment module for objects we create. */
export function equipment(software: SoftwareInfo): NaturalDataset {
  return {
    Manufacturer: software.manufacturer,
    ManufacturerModelName: software.modelName,
    DeviceSerialNumber: software.deviceSerialNumber,
    SoftwareVersions: software.version,
  };
}

/** DICOM DA and TM strings of a Date (UTC, as the machines are set). */
export function dicomDateTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 19).replace(/:/g, '') };
}

/** A naturalized value as text: dcmjs reads PN as [{ Alphabetic }] and multi-valued strings as arrays. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(textOf).join('\\');
  if (typeof value === 'object') return String((value as { Alphabetic?: unknown }).Alphabetic ?? '');
  return String(value);
}
