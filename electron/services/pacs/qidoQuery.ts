import { parseQidoInstances, parseQidoStudies, type InstanceRef, type PacsStudy } from '../../../shared/pacs/studyList';
import { qidoQueryString, qidoStudyParams, type StudyQuery } from '../../../shared/pacs/studyQuery';
import { authHeader } from './stowRs';
import type { Target } from './target';

type DicomWebTarget = Extract<Target, { kind: 'dicomweb' }>;

/** GET on a DICOMweb path with the target's credentials; errors say what the server answered. */
export async function dicomWebGet(
  target: DicomWebTarget,
  path: string,
  accept: string,
  signal?: AbortSignal,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, { headers: { Accept: accept, ...authHeader(target) }, signal });
  } catch (e) {
    if (signal?.aborted) throw new Error('cancelled');
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${target.url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (res.status === 401 || res.status === 403)
    throw new Error(`${target.url} refused the credentials (HTTP ${res.status})`);
  if (!res.ok && res.status !== 204)
    throw new Error(
      `${target.url} answered HTTP ${res.status} to ${path.split('?')[0]}: ${(await res.text()).slice(0, 200)}`,
    );
  return res;
}

async function json(res: Response, what: string): Promise<unknown> {
  // 204 No Content: no match (PS3.18 8.3.4.4).
  if (res.status === 204) return [];
  const text = await res.text();
  if (!text.trim()) return [];
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what}: the answer is not JSON (${text.slice(0, 80)})`);
  }
}

/** QIDO-RS study search (PS3.18 10.6). */
export async function qidoStudies(
  target: DicomWebTarget,
  query: StudyQuery,
  signal?: AbortSignal,
): Promise<PacsStudy[]> {
  const res = await dicomWebGet(
    target,
    `/studies?${qidoQueryString(qidoStudyParams(query))}`,
    'application/dicom+json',
    signal,
  );
  return parseQidoStudies(await json(res, 'QIDO-RS studies'));
}

/** Every instance of a study, to retrieve one by one with progress. */
export async function qidoStudyInstances(
  target: DicomWebTarget,
  studyInstanceUid: string,
  signal?: AbortSignal,
): Promise<InstanceRef[]> {
  const params = qidoQueryString([
    ['includefield', 'SeriesInstanceUID'],
    ['includefield', 'SOPClassUID'],
  ]);
  const res = await dicomWebGet(
    target,
    `/studies/${studyInstanceUid}/instances?${params}`,
    'application/dicom+json',
    signal,
  );
  return parseQidoInstances(await json(res, 'QIDO-RS instances'));
}
