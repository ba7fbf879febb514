import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SeriesSummary, StudySummary } from '../../../shared/ipc/channels/dicom';
import type { StudyNode } from '../../../shared/dicom/buildStudyTree';
import { studySummary } from '../../../shared/dicom/seriesSummary';
import { writeJsonAtomic } from './writeJsonAtomic';

/** A series as persisted: the summary without ids, plus the file of every plane (sorted). */
export type IndexedSeries = Omit<SeriesSummary, 'fileIds' | 'phaseOverride'> & { files: string[] };
export type IndexedStudy = Omit<StudySummary, 'series'> & { series: IndexedSeries[] };

export interface StudyIndex {
  version: 1;
  studies: IndexedStudy[];
  /** The user's phase labels by series UID; kept across rescans. */
  phaseOverrides: Record<string, string>;
}

const EMPTY: StudyIndex = { version: 1, studies: [], phaseOverrides: {} };

/** Where a host keeps its study index. */
export const studyIndexFile = (userDataDir: string) => join(userDataDir, 'study-index.json');

/** Whether the index lists `path` as a derived object (SEG, SR, ...) of a scanned study. */
export async function isIndexedDerived(file: string, path: string): Promise<boolean> {
  const wanted = resolve(path);
  const index = await readStudyIndex(file);
  return index.studies.some((st) => (st.derived ?? []).some((d) => resolve(d.path) === wanted));
}

export async function readStudyIndex(file: string): Promise<StudyIndex> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return structuredClone(EMPTY);
  }
  const v = JSON.parse(text) as StudyIndex;
  if (v?.version !== 1 || !Array.isArray(v.studies)) throw new Error(`study index ${file} has an unknown format`);
  return { ...v, phaseOverrides: v.phaseOverrides ?? {} };
}

export const writeStudyIndex = (file: string, index: StudyIndex) => writeJsonAtomic(file, index);

/** Adds or replaces scanned studies (by StudyInstanceUID; series by SeriesInstanceUID). */
export function mergeIntoIndex(index: StudyIndex, studies: StudyNode[]): StudyIndex {
  const byUid = new Map(index.studies.map((s) => [s.studyInstanceUid, s]));
  for (const st of studies) {
    const summary = studySummary(st);
    const series: IndexedSeries[] = st.series.map((s, n) => ({
      ...summary.series[n]!,
      openInfo: s.openInfo,
      files: s.planes.map((p) => p.path),
    }));
    const old = byUid.get(st.studyInstanceUid);
    const merged = new Map((old?.series ?? []).map((s) => [s.seriesInstanceUid, s]));
    for (const s of series) merged.set(s.seriesInstanceUid, s);
    const derived = new Map((old?.derived ?? []).map((d) => [d.sopInstanceUid, d]));
    for (const d of summary.derived) derived.set(d.sopInstanceUid, d);
    byUid.set(st.studyInstanceUid, {
      ...summary,
      series: [...merged.values()].sort((a, b) => a.seriesNumber - b.seriesNumber),
      derived: [...derived.values()],
    });
  }
  return { ...index, studies: [...byUid.values()] };
}

/** Files of the index that are no longer on disk (checked concurrently). */
export async function findMissingFiles(index: StudyIndex): Promise<Set<string>> {
  const all = [...new Set(index.studies.flatMap((st) => st.series.flatMap((s) => s.files)))];
  const missing = new Set<string>();
  const BATCH = 64;
  for (let i = 0; i < all.length; i += BATCH) {
    await Promise.all(
      all.slice(i, i + BATCH).map((f) =>
        access(f).catch(() => {
          missing.add(f);
        }),
      ),
    );
  }
  return missing;
}
