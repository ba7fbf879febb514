import { buildStudyTree, type StudyTree } from '../../../shared/dicom/buildStudyTree';
import type { UnreadableFile } from '../../../shared/dicom/unreadable';
import { readFile } from 'node:fs/promises';
import { enhancementFeatures, phasesFromEnhancement } from '../../../shared/dicom/enhancementPhase';
import { decodeInstance } from './decodeInstance';
import { dedupeInstances, type DuplicateFile } from './dedupeInstances';
import { listFiles } from './listFiles';
import { scanHeaders, type ScanOptions } from './scanHeaders';

/** Every file given, counted once: images + duplicates + derived + unreadable = total. */
export interface Accounted {
  images: number;
  duplicates: number;
  derived: number;
  unreadable: number;
  total: number;
}

export interface ScanOutput extends StudyTree {
  unreadable: UnreadableFile[];
  duplicates: DuplicateFile[];
  accounted: Accounted;
  filesScanned: number;
  seconds: number;
}

/**
 * Folders, files and DICOMDIRs -> study tree with derived objects, plus every
 * other file accounted for: duplicates (which copy was kept, whether they
 * differ) and unreadable files with reasons.
 */
export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<ScanOutput> {
  const t0 = performance.now();
  const listed = await listFiles(paths, opts.signal);
  const read = await scanHeaders(listed.files, opts);
  // One dedupe over images and derived objects: a UID is one instance whatever it holds.
  const { kept, duplicates } = await dedupeInstances<{ path: string; sopInstanceUid: string }>(
    [...read.headers, ...read.derived],
    opts.signal,
  );
  const keptPaths = new Set(kept.map((k) => k.path));
  const headers = read.headers.filter((h) => keptPaths.has(h.path));
  const derived = read.derived.filter((d) => keptPaths.has(d.path));
  const tree = buildStudyTree(headers, derived);
  await labelByEnhancement(tree, opts.signal);
  const unreadable = [...listed.unreadable, ...listed.notInstances, ...read.unreadable];
  return {
    ...tree,
    unreadable,
    duplicates,
    accounted: {
      images: headers.length,
      duplicates: duplicates.length,
      derived: derived.length,
      unreadable: unreadable.length,
      total: listed.files.length + listed.unreadable.length + listed.notInstances.length,
    },
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
