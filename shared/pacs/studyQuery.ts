import { z } from 'zod';

/** A PACS study search as the user types it; every field optional, at least one needed. */
export const studyQuerySchema = z
  .object({
    patientName: z.string().trim().max(64).optional(),
    patientId: z.string().trim().max(64).optional(),
    /** YYYYMMDD or YYYY-MM-DD; either end of the range may be left open. */
    dateFrom: z.string().trim().max(10).optional(),
    dateTo: z.string().trim().max(10).optional(),
    modality: z.string().trim().max(16).optional(),
    accessionNumber: z.string().trim().max(16).optional(),
  })
  .strict();
export type StudyQuery = z.infer<typeof studyQuerySchema>;

/** Matching keys in DICOM form (PS3.4 C.2.2): what both QIDO-RS and C-FIND send. */
export interface MatchKeys {
  PatientName?: string;
  PatientID?: string;
  StudyDate?: string;
  ModalitiesInStudy?: string;
  AccessionNumber?: string;
}

function dicomDate(text: string, which: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) throw new Error(`${which} must be a date as YYYY-MM-DD or YYYYMMDD, got '${text}'`);
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    throw new Error(`${which} is not a calendar date: '${text}'`);
  return `${y}${mo}${d}`;
}

/** A value a DICOM matching key cannot carry literally: backslash separates values; no control characters. */
const forbidden = (v: string) => v.includes('\\') || [...v].some((c) => c.charCodeAt(0) < 0x20);

/**
 * Turns the search form into matching keys, or throws saying which field is wrong.
 * A patient name without wildcards matches as a prefix ("SMITH" finds "SMITH^JOHN"), as
 * PACS users expect; an explicit '*' or '?' is passed through unchanged.
 */
export function matchKeys(query: StudyQuery): MatchKeys {
  const q = studyQuerySchema.parse(query);
  const keys: MatchKeys = {};
  for (const [field, value] of Object.entries(q))
    if (value && forbidden(value)) throw new Error(`${field} contains a backslash or control character`);
  if (q.patientName) keys.PatientName = /[*?]/.test(q.patientName) ? q.patientName : `${q.patientName}*`;
  if (q.patientId) keys.PatientID = q.patientId;
  if (q.accessionNumber) keys.AccessionNumber = q.accessionNumber;
  if (q.modality) {
    if (!/^[A-Za-z]{2,16}$/.test(q.modality))
      throw new Error(`modality must be a code such as CT or MR, got '${q.modality}'`);
    keys.ModalitiesInStudy = q.modality.toUpperCase();
  }
  const from = q.dateFrom ? dicomDate(q.dateFrom, 'date from') : '';
  const to = q.dateTo ? dicomDate(q.dateTo, 'date to') : '';
  if (from && to && from > to) throw new Error(`date from (${q.dateFrom}) is after date to (${q.dateTo})`);
  if (from || to) keys.StudyDate = from === to ? from : `${from}-${to}`;
  if (Object.keys(keys).length === 0)
    throw new Error('give at least one of patient name, patient ID, date, modality or accession number');
  return keys;
}

/** Study-level attributes asked back from the PACS (return keys), by keyword and tag. */
export const STUDY_RETURN_KEYS = {
  StudyInstanceUID: '0020000D',
  StudyDate: '00080020',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  ModalitiesInStudy: '00080061',
  StudyDescription: '00081030',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
} as const;

/** QIDO-RS query parameters for /studies (PS3.18 8.3.4): matching keys plus includefield for the rest. */
export function qidoStudyParams(query: StudyQuery, limit = 200): [string, string][] {
  const keys = matchKeys(query);
  const params: [string, string][] = Object.entries(keys).map(([k, v]) => [k, String(v)]);
  // Orthanc and most servers return only the required study attributes unless asked.
  for (const name of Object.keys(STUDY_RETURN_KEYS)) if (!(name in keys)) params.push(['includefield', name]);
  params.push(['limit', String(limit)]);
  return params;
}

/** C-FIND study-level identifier: matching keys plus empty return keys (PS3.4 C.4.1). */
export function cFindStudyKeys(query: StudyQuery): Record<string, string> {
  const keys: Record<string, string> = { ...matchKeys(query) };
  for (const name of Object.keys(STUDY_RETURN_KEYS)) if (!(name in keys)) keys[name] = '';
  return keys;
}

/**
 * The query string for QIDO-RS parameters, percent-encoding only what a URL query cannot carry
 * literally. Characters DICOM matching uses ('^' between name parts, '*' and '?' wildcards, '-'
 * of a date range) go as they are: Orthanc 1.10's DICOMweb plugin matches on the undecoded
 * text, so 'DOE%5EJOHN' would find nothing.
 */
export function qidoQueryString(params: [string, string][]): string {
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/%(5E|2A|3F|2C|3A|40|2F|24|21|27|28|29)/gi, (_, h: string) =>
      String.fromCharCode(parseInt(h, 16)),
    );
  return params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}
