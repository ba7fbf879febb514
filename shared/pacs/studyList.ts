import { z } from 'zod';
import { STUDY_RETURN_KEYS } from './studyQuery';

/** One study a PACS answered with, whichever protocol asked. */
export const pacsStudySchema = z.object({
  studyInstanceUid: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  patientBirthDate: z.string(),
  studyDate: z.string(),
  studyTime: z.string(),
  accessionNumber: z.string(),
  description: z.string(),
  modalities: z.array(z.string()),
  /** null when the PACS did not say. */
  seriesCount: z.number().nullable(),
  instanceCount: z.number().nullable(),
});
export type PacsStudy = z.infer<typeof pacsStudySchema>;

/** One instance of a study (QIDO-RS instance level or C-FIND IMAGE level). */
export interface InstanceRef {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
}

/** A UID fit to be a file or folder name: digits and dots only, as PS3.5 9.1 allows. */
export function isSafeUid(uid: string): boolean {
  return /^[0-9]+(\.[0-9]+)*$/.test(uid) && uid.length <= 64;
}

/**
 * One attribute value as text, from either a DICOM JSON value list (PN as {Alphabetic}) or a
 * dcmjs naturalized value (string, number, array, or [{Alphabetic}]); multiple values joined by '\'.
 */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(text).join('\\');
  if (typeof value === 'object') return text((value as { Alphabetic?: unknown }).Alphabetic);
  return String(value).replace(/\0/g, '').trim();
}

function count(value: string): number | null {
  const n = Number(value);
  return value !== '' && Number.isInteger(n) && n >= 0 ? n : null;
}

/** Study rows from attribute getters; rows without a usable Study Instance UID are dropped. */
function toStudies(rows: ((keyword: keyof typeof STUDY_RETURN_KEYS) => string)[]): PacsStudy[] {
  const studies: PacsStudy[] = [];
  const seen = new Set<string>();
  for (const get of rows) {
    const uid = get('StudyInstanceUID');
    if (!isSafeUid(uid) || seen.has(uid)) continue;
    seen.add(uid);
    studies.push({
      studyInstanceUid: uid,
      patientName: get('PatientName'),
      patientId: get('PatientID'),
      patientBirthDate: get('PatientBirthDate'),
      studyDate: get('StudyDate'),
      studyTime: get('StudyTime'),
      accessionNumber: get('AccessionNumber'),
      description: get('StudyDescription'),
      modalities: get('ModalitiesInStudy').split('\\').filter(Boolean),
      seriesCount: count(get('NumberOfStudyRelatedSeries')),
      instanceCount: count(get('NumberOfStudyRelatedInstances')),
    });
  }
  // Newest first, as a worklist reads.
  return studies.sort((a, b) => (b.studyDate + b.studyTime).localeCompare(a.studyDate + a.studyTime));
}

type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

function jsonArray(json: unknown, what: string): DicomJson[] {
  if (!Array.isArray(json)) throw new Error(`${what}: expected a JSON array of DICOM datasets`);
  return json.filter((d): d is DicomJson => typeof d === 'object' && d !== null);
}

/** A QIDO-RS /studies answer (application/dicom+json, PS3.18 F.2) as a study list. */
export function parseQidoStudies(json: unknown): PacsStudy[] {
  return toStudies(jsonArray(json, 'QIDO-RS studies').map((d) => (k) => text(d[STUDY_RETURN_KEYS[k]]?.Value)));
}

/** C-FIND study-level answers (dcmjs naturalized datasets) as a study list. */
export function parseCFindStudies(datasets: Record<string, unknown>[]): PacsStudy[] {
  return toStudies(datasets.map((d) => (k) => text(d[k])));
}

function toInstances(rows: ((tag: '0020000E' | '00080018' | '00080016') => string)[]): InstanceRef[] {
  const out: InstanceRef[] = [];
  const seen = new Set<string>();
  for (const get of rows) {
    const ref = { seriesInstanceUid: get('0020000E'), sopInstanceUid: get('00080018'), sopClassUid: get('00080016') };
    if (!isSafeUid(ref.seriesInstanceUid) || !isSafeUid(ref.sopInstanceUid) || seen.has(ref.sopInstanceUid)) continue;
    seen.add(ref.sopInstanceUid);
    out.push(ref);
  }
  return out;
}

/** A QIDO-RS /studies/{uid}/instances answer as instance references. */
export function parseQidoInstances(json: unknown): InstanceRef[] {
  return toInstances(jsonArray(json, 'QIDO-RS instances').map((d) => (tag) => text(d[tag]?.Value)));
}
