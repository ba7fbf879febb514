import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { boundaryOf, parseMultipartRelated } from '../../../shared/pacs/multipartRelated';
import type { InstanceRef } from '../../../shared/pacs/studyList';
import { dicomWebGet, qidoStudyInstances } from './qidoQuery';
import type { RetrieveProgress } from './dimseRetrieve';
import type { Target } from './target';

type DicomWebTarget = Extract<Target, { kind: 'dicomweb' }>;

/** As stored: no transcoding on the server (PS3.18 8.7.3.5.2, transfer-syntax=*). */
const ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';
/** Requests in flight at once: enough to hide latency, few enough not to swamp a PACS. */
const PARALLEL = 4;

async function fetchInstance(target: DicomWebTarget, studyUid: string, ref: InstanceRef, signal?: AbortSignal) {
  const path = `/studies/${studyUid}/series/${ref.seriesInstanceUid}/instances/${ref.sopInstanceUid}`;
  const res = await dicomWebGet(target, path, ACCEPT, signal);
  const parts = parseMultipartRelated(
    new Uint8Array(await res.arrayBuffer()),
    boundaryOf(res.headers.get('content-type') ?? ''),
  );
  const dicom = parts.find((p) => /^application\/dicom\b/i.test(p.contentType) || p.contentType === '');
  if (!dicom) throw new Error(`WADO-RS answered no application/dicom part for instance ${ref.sopInstanceUid}`);
  return dicom.body;
}

/**
 * WADO-RS retrieve of a study, instance by instance (listed by QIDO-RS first) so progress is
 * counted in instances and a cancel stops between requests: every instance is written as
 * <outDir>/<SeriesUID>/<SOPInstanceUID>.dcm.
 */
export async function wadoStudy(
  target: DicomWebTarget,
  studyInstanceUid: string,
  outDir: string,
  onProgress: (p: RetrieveProgress) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const refs = await qidoStudyInstances(target, studyInstanceUid, signal);
  if (refs.length === 0) throw new Error(`${target.url} lists no instances for study ${studyInstanceUid}`);
  const written: string[] = [];
  onProgress({ done: 0, total: refs.length });
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      if (signal?.aborted) throw new Error('cancelled');
      const ref = refs[next++]!;
      const bytes = await fetchInstance(target, studyInstanceUid, ref, signal);
      await mkdir(join(outDir, ref.seriesInstanceUid), { recursive: true });
      const file = join(outDir, ref.seriesInstanceUid, `${ref.sopInstanceUid}.dcm`);
      await writeFile(file, bytes);
      written.push(file);
      onProgress({ done: written.length, total: refs.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, refs.length) }, worker));
  return written;
}
