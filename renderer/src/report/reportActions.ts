import type { Target } from '../../../shared/export/target';
import type { ReportExtras } from '../../../shared/report/reportExtras';
import { draftToInput, getAtPath } from '../../../shared/planning/draft';
import { evaluatePlan, loadDefaultRuleSet } from '../../../shared/planning/index';
import { notEvaluated, planResultExtras } from '../../../shared/report/planExtras';
import { reportFileName } from '../../../shared/report/formatPeople';
import { rangeToWindow } from '../../../shared/viewer/wlPresets';
import { seriesWindow } from '../viewer/seriesWindow';
import { api } from '../api';
import { usePlanStore } from '../plan';
import { saveCaseIfEdited } from '../case/caseAutosave';
import { currentSession } from '../segmentation';
import { reportError, useAppStore } from '../store/appStore';
import { captureVisiblePanes } from './captureViewports';
import { currentCaseId } from './currentCaseId';
import { useReportStore } from './reportStore';

const store = () => useReportStore.getState();
const notify = (kind: 'info' | 'success' | 'error', m: string) => useAppStore.getState().notify(kind, m);

async function busy<T>(label: string, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  store().setBusy(label);
  try {
    return await fn();
  } catch (e) {
    reportError(what, e);
    return undefined;
  } finally {
    store().setBusy(null);
  }
}

/**
 * The Plan workspace's outcomes when its inputs evaluate; otherwise one row naming every missing
 * or invalid input by its label (the same row the saved case gives), never a schema message.
 */
function planRows(): ReportExtras {
  const { draft, settings } = usePlanStore.getState();
  const input = draftToInput(draft);
  try {
    const plan = evaluatePlan(input as never, loadDefaultRuleSet(), settings);
    const modality = getAtPath(draft, 'plannedModality');
    return planResultExtras(plan, typeof modality === 'string' ? modality : undefined);
  } catch (e) {
    return { outcomes: [notEvaluated(input, e)] };
  }
}

/** The window the reference series is read at in the viewer, if it has been shown. */
function readingWindow(): ReportExtras['window'] {
  const id = currentSession()?.referenceVolumeId;
  const range = id ? seriesWindow(id) : undefined;
  if (!range || !(range.upper > range.lower)) return undefined;
  const w = rangeToWindow(range);
  return { center: w.center, width: w.width };
}

/** What the report needs beyond the saved case: the form, key images, plan outcomes. */
export function currentExtras(): ReportExtras {
  const { inputs, keyImages } = store();
  const plan = inputs.includePlan ? planRows() : {};
  return {
    ...plan,
    ...(inputs.indication.trim() ? { indication: inputs.indication.trim() } : {}),
    ...(inputs.procedure.trim() ? { procedure: inputs.procedure.trim() } : {}),
    ...(inputs.preparedBy.trim() ? { preparedBy: inputs.preparedBy.trim() } : {}),
    ...(keyImages.length ? { keyImages } : {}),
    ...(readingWindow() ? { window: readingWindow() } : {}),
  };
}

/**
 * Saves the segmentation on screen (the report and the export read the saved
 * case) and returns its case id; explains what is missing otherwise.
 */
async function caseForReport(): Promise<string> {
  if (currentSession()) await saveCaseIfEdited();
  const id = await currentCaseId();
  if (!id) throw new Error('No saved case for this study: open a study and segment it in the Segment workspace first.');
  return id;
}

export async function buildReport(): Promise<void> {
  await busy('Building the report…', 'Building the report', async () => {
    const caseId = await caseForReport();
    const r = await api().invoke('export:report', { caseId, extras: currentExtras() });
    store().setReport(caseId, r.model, r.pdf);
  });
}

/**
 * Save PDF…: a save dialog proposing `<patient>_<study date>_report_<today>.pdf` (built from the
 * report being previewed, else from a fresh one), then the PDF written where the user chose.
 */
export async function savePdf(): Promise<void> {
  await busy('Saving the PDF…', 'Saving the report PDF', async () => {
    const caseId = await caseForReport();
    const model = store().caseId === caseId ? store().model : null;
    const m = model ?? (await api().invoke('export:report', { caseId, extras: currentExtras() })).model;
    const defaultName = reportFileName({
      patientName: m.patient.name,
      studyDate: m.study.date,
      reportDate: new Date(),
    });
    const path = await api().invoke('dialog:pickSavePath', {
      title: 'Save the report PDF',
      defaultName,
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    if (!path) return;
    const r = await api().invoke('export:savePdf', { caseId, path, extras: currentExtras() });
    notify('success', `Report saved: ${r.path} (${Math.round(r.bytes / 1024)} kB)`);
  });
}

/** Goes to the viewer, captures every pane once it has drawn, and comes back. */
export async function captureFromViewer(): Promise<void> {
  const app = useAppStore.getState();
  const back = app.workspace;
  app.setWorkspace('view');
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid^="viewport-"] canvas')];
      if (canvases.length && !document.querySelector('[data-testid="pane-progress"]')) break;
      if (Date.now() > deadline) throw new Error('the viewer shows no loaded image; open a study first.');
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let Cornerstone draw the re-attached viewports before reading them.
    await new Promise((r) => setTimeout(r, 600));
    const shots = await captureVisiblePanes();
    if (!shots.length) throw new Error('no viewport could be captured.');
    store().addKeyImages(shots);
    notify('success', `${shots.length} key image${shots.length > 1 ? 's' : ''} captured.`);
  } catch (e) {
    reportError('Capturing key images', e);
  } finally {
    useAppStore.getState().setWorkspace(back);
  }
}

export async function loadTargets(): Promise<void> {
  try {
    store().setTargets(await api().invoke('targets:list', {}));
  } catch (e) {
    reportError('Reading the export targets', e);
  }
}

/** Whether the OS keyring can seal PACS passwords here; null when the host could not say. */
export async function secretStorageAvailable(): Promise<boolean | null> {
  try {
    return (await api().invoke('targets:secretStorage', {})).available;
  } catch {
    return null;
  }
}

export async function saveTarget(input: {
  id?: string;
  name: string;
  target: Target;
  keepSecretPlain?: boolean;
}): Promise<boolean> {
  try {
    const saved = await api().invoke('targets:save', input);
    await loadTargets();
    store().setTargetId(saved.id);
    notify('success', `Target "${saved.name}" saved.`);
    return true;
  } catch (e) {
    reportError('Saving the export target', e);
    return false;
  }
}

export async function removeTarget(id: string): Promise<void> {
  try {
    await api().invoke('targets:remove', { id });
    await loadTargets();
  } catch (e) {
    reportError('Removing the export target', e);
  }
}

export async function testConnection(targetId: string): Promise<void> {
  store().setEcho(targetId, 'Testing…');
  try {
    const r = await api().invoke('targets:echo', { targetId });
    store().setEcho(targetId, `C-ECHO OK (${Math.round(r.milliseconds)} ms)`);
  } catch (e) {
    store().setEcho(targetId, e instanceof Error ? e.message : String(e));
  }
}

let jobs = 0;

/** SEG + SR + Encapsulated PDF of the case to the chosen target, through the persistent queue. */
export async function sendToTarget(): Promise<void> {
  const { targetId, deidentify, rtstruct } = store();
  if (!targetId) return notify('error', 'Choose or add an export target first.');
  await busy('Sending…', 'Exporting the case', async () => {
    const caseId = await caseForReport();
    const job = await api().invoke('targets:send', {
      jobId: `report-send-${Date.now()}-${jobs++}`,
      caseId,
      targetId,
      extras: currentExtras(),
      ...(rtstruct ? { rtstruct } : {}),
      ...(deidentify.on
        ? { deidentify: { patientName: deidentify.patientName, patientId: deidentify.patientId } }
        : {}),
    });
    store().upsertJob(job);
    if (job.state === 'done') notify('success', `Sent: ${job.label} to ${job.target}.`);
    else notify('error', `Not sent, kept in the queue: ${job.lastError ?? job.state}. Retry when the target is back.`);
  });
}

export async function refreshQueue(): Promise<void> {
  try {
    store().setQueue(await api().invoke('export:queue', {}));
  } catch (e) {
    reportError('Reading the send queue', e);
  }
}

export async function retryJob(queueJobId: string): Promise<void> {
  try {
    const job = await api().invoke('export:retry', { jobId: `report-retry-${Date.now()}-${jobs++}`, queueJobId });
    store().upsertJob(job);
    if (job.state !== 'done') notify('error', `Still not sent: ${job.lastError ?? job.state}`);
  } catch (e) {
    reportError('Retrying the send', e);
  }
  await refreshQueue();
}

export async function removeJob(queueJobId: string): Promise<void> {
  try {
    await api().invoke('export:remove', { queueJobId });
  } catch (e) {
    reportError('Removing the queued job', e);
  }
  await refreshQueue();
}

/** Keeps the queue list live from the host's 'export-queue' events. */
export function followQueue(): () => void {
  return api().on('export-queue', (job) => store().upsertJob(job));
}
