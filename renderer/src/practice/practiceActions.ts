import { unzlibSync, zlibSync } from 'fflate';
import { isoDate, personName } from '../../../shared/report/formatPeople';
import { api } from '../api';
import { currentCase } from '../case/caseSession';
import { openCase } from '../case/openCase';
import { openSample } from '../import';
import { currentSession, sessionGrid } from '../segmentation';
import { reportError, useAppStore } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { REFERENCE_VALUE, clearFeedback, setBeside, showFeedback } from './feedbackOverlay';
import { usePracticeStore, type OverlayMode } from './practiceStore';
import type { ViewerSeries } from '../store/studyStore';

let jobs = 0;
const jobId = (kind: string) => `practice-${kind}-${Date.now()}-${++jobs}`;
const store = () => usePracticeStore.getState();

/** Loads the tasks of a sample (the host materialises it first if needed). */
export async function loadTasks(sample: string): Promise<void> {
  store().set({ sample, tasks: [], taskId: '', result: null, busy: 'Preparing the sample case…' });
  clearFeedback();
  try {
    const { tasks } = await api().invoke('practice:tasks', { jobId: jobId('tasks'), sample });
    if (store().sample === sample) store().set({ tasks, taskId: tasks[0]?.id ?? '' });
  } catch (e) {
    reportError('Loading practice tasks', e);
  } finally {
    store().set({ busy: null });
  }
}

/** "DOE, JANE (2022-12-08)" for the patient's case the practice session put aside. */
function caseName(series: readonly ViewerSeries[]): string {
  const s = series[0]!;
  const who = s.patientName.trim() ? personName(s.patientName) : s.patientId.trim() || 'unnamed patient';
  const date = isoDate(s.studyDate);
  return date ? `${who} (${date})` : who;
}

/**
 * Opens the sample's images for the trainee as a case of its own; the reference stays with the
 * host. The patient's case open before is closed the usual way (its edits saved first) and
 * remembered, so returnToCase reopens it exactly as it was saved.
 */
export async function openPracticeCase(): Promise<void> {
  const { sample, openedSample, asideCase } = store();
  if (!sample) return;
  store().set({ busy: 'Opening the case…', result: null });
  clearFeedback();
  const before = currentCase();
  // A practice case open now is not the patient's: the case put aside stays the one to go back to.
  const aside = openedSample
    ? asideCase
    : before.series.length
      ? { series: before.series, name: caseName(before.series) }
      : null;
  try {
    await openSample(sample);
    const opened = currentCase();
    // Opening can stop early (reported there): then the case before is still the open one.
    if (opened !== before && opened.series.length) {
      store().set({ openedSample: sample, asideCase: aside });
      useAppStore.getState().setWorkspace('practice');
    }
  } finally {
    store().set({ busy: null });
  }
}

/** Ends the practice session: the patient's case put aside opens again, restored from its save. */
export async function returnToCase(): Promise<void> {
  const { asideCase } = store();
  if (!asideCase) return;
  store().set({ busy: `Reopening ${asideCase.name}…` });
  clearFeedback();
  try {
    await openCase(asideCase.series);
    store().set({ asideCase: null });
    useAppStore.getState().setWorkspace('view');
  } catch (e) {
    reportError('Reopening the case', e);
  } finally {
    store().set({ busy: null });
  }
}

/** Sends the attempt (case labelmap, and the activity for Y-90 tasks) for scoring. */
export async function submitAttempt(): Promise<void> {
  const s = store();
  const task = s.tasks.find((t) => t.id === s.taskId);
  if (!task) return;
  const session = currentSession();
  const grid = sessionGrid();
  const needsLabels = task.kind !== 'y90-activity';
  if (needsLabels && (!session || !grid || s.openedSample !== s.sample)) {
    useAppStore.getState().notify('error', 'Open the practice case and segment it (Segment tab) before submitting.');
    return;
  }
  const activity = Number(s.activityGBq);
  if (task.kind === 'y90-activity' && !(s.activityGBq.trim() && Number.isFinite(activity) && activity >= 0)) {
    useAppStore.getState().notify('error', 'Enter the activity you computed, in GBq.');
    return;
  }
  s.set({ busy: 'Scoring your attempt…' });
  try {
    const attempt =
      session && grid && s.openedSample === s.sample
        ? {
            grid,
            bytesPerVoxel: 1 as const,
            labelsZlib: zlibSync(session.readVoxels(), { level: 6 }),
            segments: useCaseStore.getState().segments.map((g) => ({ label: g.label, kind: g.kind })),
          }
        : undefined;
    const result = await api().invoke('practice:submit', {
      jobId: jobId('submit'),
      sample: s.sample,
      taskId: task.id,
      ...(attempt ? { attempt } : {}),
      ...(task.kind === 'y90-activity' ? { activityGBq: activity } : {}),
    });
    store().set({ result, overlay: 'errors' });
    applyOverlay('errors');
    await loadHistory();
  } catch (e) {
    reportError('Scoring the attempt', e);
  } finally {
    store().set({ busy: null });
  }
}

/** Shows the FP/FN map, the reference, the reference beside the attempt, or nothing. */
export function applyOverlay(mode: OverlayMode): void {
  store().set({ overlay: mode });
  const { result } = store();
  const session = currentSession();
  if (!result || !session) return;
  setBeside(session.segmentationId, false);
  if (mode === 'off' || !result.errorMapZlib) {
    clearFeedback();
    return;
  }
  if (mode === 'errors') {
    showFeedback(session.referenceVolumeId, unzlibSync(result.errorMapZlib));
    return;
  }
  if (!result.referenceZlib) {
    clearFeedback();
    return;
  }
  const ref = unzlibSync(result.referenceZlib);
  for (let v = 0; v < ref.length; v++) if (ref[v]) ref[v] = REFERENCE_VALUE;
  showFeedback(session.referenceVolumeId, ref);
  if (mode === 'beside') setBeside(session.segmentationId, true);
}

/** Leaving Practice: every view shows the attempt again. */
export function leavePractice(): void {
  const session = currentSession();
  if (session) setBeside(session.segmentationId, false);
}

/** Another task or case chosen: the previous attempt's feedback no longer applies. */
export function chooseTask(taskId: string): void {
  store().set({ taskId, result: null });
  clearFeedback();
}

export async function loadHistory(): Promise<void> {
  try {
    const { attempts, series } = await api().invoke('practice:history', {});
    store().set({ history: attempts, series });
  } catch (e) {
    reportError('Reading the practice history', e);
  }
}
