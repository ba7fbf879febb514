import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { isSafeUid, type PacsStudy } from '../../../shared/pacs/studyList';
import type { StudyQuery } from '../../../shared/pacs/studyQuery';
import { cFindStudies } from './dimseQuery';
import { cGetStudy, type RetrieveProgress } from './dimseRetrieve';
import { qidoStudies } from './qidoQuery';
import type { Target } from './target';
import { wadoStudy } from './wadoRetrieve';

type PacsTarget = Exclude<Target, { kind: 'folder' }>;

/** Where retrieved studies land, one folder per study: <userData>/import/<StudyUID>/<SeriesUID>/<SOP>.dcm. */
export function importDir(userDataDir: string): string {
  return join(userDataDir, 'import');
}

/** Only network targets can be searched; a folder target is for export alone. */
export function asPacsTarget(target: Target): PacsTarget {
  if (target.kind === 'folder')
    throw new Error(`${target.path} is a folder target; search and retrieve need a DICOMweb or DIMSE target`);
  return target;
}

/** Study search by QIDO-RS (DICOMweb targets) or C-FIND (DIMSE targets). */
export async function queryStudies(target: Target, query: StudyQuery, signal?: AbortSignal): Promise<PacsStudy[]> {
  const t = asPacsTarget(target);
  return t.kind === 'dicomweb' ? qidoStudies(t, query, signal) : cFindStudies(t, query, signal);
}

export interface RetrievedStudy {
  /** The study's folder under the import area, ready for the folder import. */
  folder: string;
  files: number;
  via: 'WADO-RS' | 'C-GET';
  seconds: number;
}

/**
 * Retrieves a study by WADO-RS or C-GET into a staging folder beside the import area and moves
 * it into <importRoot>/<StudyUID> only once complete, so a cancel or a failure leaves neither a
 * half study nor a damaged earlier copy behind.
 */
export async function retrieveStudy(
  target: Target,
  studyInstanceUid: string,
  importRoot: string,
  onProgress: (p: RetrieveProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<RetrievedStudy> {
  const t = asPacsTarget(target);
  if (!isSafeUid(studyInstanceUid)) throw new Error(`'${studyInstanceUid}' is not a Study Instance UID`);
  const started = Date.now();
  await mkdir(importRoot, { recursive: true });
  const staging = await mkdtemp(join(importRoot, '.incoming-'));
  try {
    const files =
      t.kind === 'dicomweb'
        ? await wadoStudy(t, studyInstanceUid, staging, onProgress, signal)
        : await cGetStudy(t, studyInstanceUid, staging, onProgress, signal);
    if (signal?.aborted) throw new Error('cancelled');
    if (files.length === 0) throw new Error(`the PACS sent no instance of study ${studyInstanceUid}`);
    const folder = join(importRoot, studyInstanceUid);
    for (const file of files) {
      const dest = join(folder, relative(staging, file));
      await mkdir(dirname(dest), { recursive: true });
      await rename(file, dest);
    }
    return {
      folder,
      files: files.length,
      via: t.kind === 'dicomweb' ? 'WADO-RS' : 'C-GET',
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
