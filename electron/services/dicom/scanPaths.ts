import { buildStudyTree, type StudyTree } from '../../../shared/dicom/buildStudyTree';
import type { UnreadableFile } from '../../../shared/dicom/unreadable';
import { readFile } from 'node:fs/promises';
import { enhancementFeatures, phasesFromEnhancement } from '../../../shared/dicom/enhancementPhase';
import { decodeInstance } from './decodeInstance';
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
  await labelByEnhancement(tree, opts.signal);
  return {
    ...tree,
    unreadable: [...listed.unreadable, ...unreadable],
    filesScanned: listed.files.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Where neither text nor tags named a CT phase, measure it: decode the middle
 * slice of each unlabelled volume of a study and compare their enhancement.
 */
async function labelByEnhancement(tree: StudyTree, signal?: AbortSignal): Promise<void> {
  for (const study of tree.studies) {
    const unknown = study.series.filter((s) => s.modality === 'CT' && s.isVolume && s.phase.label === 'unknown');
    if (unknown.length < 2) continue;
    const measured: { id: string; features: ReturnType<typeof enhancementFeatures> }[] = [];
    for (const s of unknown) {
      signal?.throwIfAborted();
      const plane = s.planes[Math.floor(s.planes.length / 2)];
      if (!plane) continue;
      try {
        const decoded = await decodeInstance(new Uint8Array(await readFile(plane.path)));
        const stored = decoded.frames[plane.frame] ?? decoded.frames[0]!;
        const hu = Float32Array.from(stored, (v) => v * decoded.rescaleSlope + decoded.rescaleIntercept);
        measured.push({ id: s.seriesInstanceUid, features: enhancementFeatures(hu) });
      } catch {
        // An undecodable slice leaves the phase unknown; the series itself reports why elsewhere.
      }
    }
    const phases = phasesFromEnhancement(measured);
    for (const s of unknown) s.phase = phases.get(s.seriesInstanceUid) ?? s.phase;
  }
}
