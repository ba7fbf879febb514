import type { SeriesSummary, StudySummary } from '../../../shared/ipc/channels/dicom';
import { chooseHanging } from '../../../shared/dicom/hanging';
import { api } from '../api';
import { openCase } from '../case/openCase';
import { reportError, useAppStore } from '../store/appStore';
import { toViewerSeries, useStudyStore } from '../store/studyStore';

let jobCounter = 0;
const newJobId = (kind: string) => `${kind}-${Date.now()}-${++jobCounter}`;

/** Scans paths with a progress bar and a cancel button; merges the result into the browser. */
export async function importPaths(paths: string[], label = 'Reading DICOM headers'): Promise<StudySummary[] | null> {
  const store = useStudyStore.getState();
  const jobId = newJobId('scan');
  store.setScan({ jobId, label, done: 0, total: 0 });
  const off = api().on('scan-progress', (p, from) => {
    if (from === jobId) useStudyStore.getState().setScan({ jobId, label, done: p.done, total: p.total });
  });
  try {
    const result = await api().invoke('dicom:scan', { jobId, paths });
    const byUid = new Map(useStudyStore.getState().studies.map((s) => [s.studyInstanceUid, s]));
    for (const s of result.studies) byUid.set(s.studyInstanceUid, s);
    useStudyStore.getState().setStudies([...byUid.values()], result.unreadable, result.duplicates);
    const n = result.studies.reduce((a, s) => a + s.series.length, 0);
    const a = result.accounted;
    useAppStore
      .getState()
      .notify(
        'success',
        `Imported ${n} series from ${a.total} files in ${result.seconds.toFixed(1)} s: ${a.images} image(s), ${a.derived} derived object(s), ${a.duplicates} duplicate(s), ${a.unreadable} unreadable.`,
      );
    return result.studies;
  } catch (e) {
    if ((e as { code?: string }).code === 'cancelled' || /Cancelled/.test(String(e))) {
      useAppStore.getState().notify('info', 'Import cancelled. Nothing was changed.');
    } else reportError('Import failed', e);
    return null;
  } finally {
    off();
    useStudyStore.getState().setScan(null);
  }
}

export async function cancelScan(): Promise<void> {
  const scan = useStudyStore.getState().scan;
  if (scan) await api().invoke('job:cancel', { jobId: scan.jobId });
}

/** Asks the host for a folder (native dialog in Electron) and imports it. */
export async function openFolder(): Promise<void> {
  try {
    const folder = await api().invoke('dialog:pickFolder', { title: 'Open a DICOM folder, CD or DICOMDIR' });
    if (!folder) return;
    const studies = await importPaths([folder]);
    if (studies?.length === 1) await openStudy(studies[0]!);
  } catch (e) {
    reportError('Open folder', e);
  }
}

/**
 * Shows series in the viewer once the memory budget allows: a set that does
 * not fit is refused with the reason, one that fits only partly opens the
 * first (reference) phase alone and says so. Nothing is loaded blindly.
 */
async function showWithinMemory(study: StudySummary, chosen: SeriesSummary[]): Promise<void> {
  const plan = await api().invoke('limits:checkSeries', {
    series: chosen.map((s) => ({
      seriesInstanceUid: s.seriesInstanceUid,
      description: s.description.slice(0, 200),
      rows: s.rows,
      columns: s.columns,
      slices: Math.max(1, s.imageCount),
    })),
    withLabelmap: true,
  });
  let series = chosen;
  if (plan.decision === 'refuse') {
    useAppStore.getState().notify('error', plan.message);
    return;
  }
  if (plan.decision === 'downsample' && chosen.length > 1) {
    series = chosen.slice(0, 1);
    useAppStore
      .getState()
      .notify(
        'info',
        `Opened only ${chosen[0]!.description || 'the first phase'} to stay within memory. ${plan.message}`,
      );
  } else if (plan.decision === 'downsample') {
    useAppStore.getState().notify('error', plan.message);
    return;
  }
  // Another study is another case: the one open now is saved and closed first.
  await openCase(series.map((s) => toViewerSeries(study, s)));
  useAppStore.getState().setWorkspace('view');
}

/** Opens a study with the liver hanging protocol (arterial | portal venous | delayed). */
export async function openStudy(study: StudySummary): Promise<void> {
  const chosen = chooseHanging(
    study.series.map((s) => ({
      id: s.seriesInstanceUid,
      phase: s.phaseOverride ?? s.phase.label,
      isVolume: s.isVolume,
      modality: s.modality,
    })),
  );
  const series = chosen.map((id) => study.series.find((s) => s.seriesInstanceUid === id)!);
  if (series.length === 0) {
    useAppStore
      .getState()
      .notify(
        'error',
        'This study has no series that can be shown as a volume. Check the geometry findings in the study browser.',
      );
    return;
  }
  try {
    await showWithinMemory(study, series);
  } catch (e) {
    reportError('Opening the study', e);
  }
}

export async function openSeries(study: StudySummary, s: SeriesSummary): Promise<void> {
  try {
    await showWithinMemory(study, [s]);
  } catch (e) {
    reportError('Opening the series', e);
  }
}

/** Start > Open sample case: materialise (cached) then import like any folder. */
export async function openSample(name: string): Promise<void> {
  const jobId = newJobId('sample');
  const label = `Preparing sample case ${name} (generated once, then cached)`;
  useStudyStore.getState().setScan({ jobId, label, done: 0, total: 0 });
  const off = api().on('sample-progress', (p, from) => {
    if (from === jobId) useStudyStore.getState().setScan({ jobId, label, done: p.done, total: p.total });
  });
  try {
    const { folder } = await api().invoke('samples:open', { jobId, name });
    off();
    const studies = await importPaths([folder], `Opening sample case ${name}`);
    // A case may hold a follow-up study too (post-ablation): open the multiphase planning study.
    const main = studies?.length ? studies.reduce((a, b) => (b.series.length > a.series.length ? b : a)) : null;
    if (main) await openStudy(main);
  } catch (e) {
    off();
    useStudyStore.getState().setScan(null);
    reportError(`Opening sample case ${name}`, e);
  }
}
