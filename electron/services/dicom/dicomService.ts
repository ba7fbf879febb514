import { PHASE_LABELS } from '../../../shared/dicom/phaseLabels';
import type { ScanResult, StudySummary } from '../../../shared/ipc/channels/dicom';
import { scanPaths } from './scanPaths';
import {
  findMissingFiles,
  mergeIntoIndex,
  readStudyIndex,
  studyIndexFile,
  writeStudyIndex,
  type IndexedStudy,
  type StudyIndex,
} from './studyIndex';

export interface ServiceCallContext {
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface DicomServiceOptions {
  userDataDir: string;
  /** Gives a file an opaque id the renderer can fetch (/files/<id>). */
  registerFile: (path: string) => string;
  /** Header worker threads (default: cores - 1). */
  workers?: number;
}

/**
 * The DICOM import services behind the dicom:* channels: scan (persists into
 * the study index), index (reopen without a rescan, flag missing files),
 * setPhase (the user's phase label, kept across restarts and rescans).
 */
export function createDicomService(opts: DicomServiceOptions) {
  const file = studyIndexFile(opts.userDataDir);
  let chain: Promise<unknown> = Promise.resolve();
  // Index updates are serialised so two quick scans cannot lose each other's studies.
  const update = <T>(fn: (i: StudyIndex) => Promise<[StudyIndex, T]> | [StudyIndex, T]): Promise<T> => {
    const run = chain.then(async () => {
      const [next, out] = await fn(await readStudyIndex(file));
      await writeStudyIndex(file, next);
      return out;
    });
    chain = run.catch(() => undefined);
    return run;
  };

  const present = (st: IndexedStudy, overrides: Record<string, string>, missing?: Set<string>): StudySummary => ({
    ...st,
    series: st.series.map(({ files, ...s }) => {
      const gone = missing ? files.filter((f) => missing.has(f)).length : 0;
      const override = overrides[s.seriesInstanceUid];
      return {
        ...s,
        ...(override ? { phaseOverride: override } : {}),
        findings: gone
          ? [
              ...s.findings,
              {
                code: 'files-missing',
                severity: 'error' as const,
                message: `${gone} of ${files.length} file(s) are no longer on disk; rescan or restore them.`,
              },
            ]
          : s.findings,
        fileIds: files.map(opts.registerFile),
      };
    }),
  });

  return {
    async scan(req: { paths: string[] }, ctx: ServiceCallContext = {}): Promise<ScanResult> {
      const r = await scanPaths(req.paths, { onProgress: ctx.onProgress, signal: ctx.signal, workers: opts.workers });
      ctx.signal?.throwIfAborted();
      const uids = new Set(r.studies.map((s) => s.studyInstanceUid));
      const { studies, overrides } = await update((index) => {
        const next = mergeIntoIndex(index, r.studies);
        return [
          next,
          { studies: next.studies.filter((s) => uids.has(s.studyInstanceUid)), overrides: next.phaseOverrides },
        ];
      });
      return {
        studies: studies.map((s) => present(s, overrides)),
        unreadable: r.unreadable,
        duplicates: r.duplicates,
        accounted: r.accounted,
        filesScanned: r.filesScanned,
        seconds: r.seconds,
      };
    },

    async index(): Promise<{ studies: StudySummary[]; missingFiles: number }> {
      const index = await readStudyIndex(file);
      const missing = await findMissingFiles(index);
      return {
        studies: index.studies.map((s) => present(s, index.phaseOverrides, missing)),
        missingFiles: missing.size,
      };
    },

    async setPhase(req: { seriesInstanceUid: string; label: string }): Promise<{ saved: boolean }> {
      if (!(PHASE_LABELS as readonly string[]).includes(req.label))
        throw new Error(`unknown phase label '${req.label}'`);
      return update<{ saved: boolean }>((index) => {
        const known = index.studies.some((st) => st.series.some((s) => s.seriesInstanceUid === req.seriesInstanceUid));
        if (!known) return [index, { saved: false }];
        return [
          { ...index, phaseOverrides: { ...index.phaseOverrides, [req.seriesInstanceUid]: req.label } },
          { saved: true },
        ];
      });
    },
  };
}
