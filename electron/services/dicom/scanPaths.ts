import { buildStudyTree, type StudyTree } from '../../../shared/dicom/buildStudyTree';
import type { UnreadableFile } from '../../../shared/dicom/unreadable';
import { listFiles } from './listFiles';
import { scanHeaders, type ScanOptions } from './scanHeaders';

export interface ScanOutput extends StudyTree {
  unreadable: UnreadableFile[];
  filesScanned: number;
  seconds: number;
}

/** Folders, files and DICOMDIRs -> study tree (+ unreadable files with reasons). */
export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<ScanOutput> {
  const t0 = performance.now();
  const listed = await listFiles(paths, opts.signal);
  const { headers, unreadable } = await scanHeaders(listed.files, opts);
  const tree = buildStudyTree(headers);
  return {
    ...tree,
    unreadable: [...listed.unreadable, ...unreadable],
    filesScanned: listed.files.length,
    seconds: (performance.now() - t0) / 1000,
  };
}
