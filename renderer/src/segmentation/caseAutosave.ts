import type { CaseDocument } from '../../../shared/case/model';
import { base64ToBytes, bytesToBase64 } from '../../../shared/ipc/base64';
import type { OpenedCaseMessage } from '../../../shared/ipc/channels/case';
import { sameGrid } from '../../../shared/volume/grid';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { api } from '../api';
import { reportError } from '../store/appStore';
import { useAblationStore } from '../ablation/ablationStore';
import { restoreConfirmation, zoneForCase } from '../confirm/confirmActions';
import { persistedConfirmation, useConfirmStore } from '../confirm/confirmStore';
import { usePlanStore } from '../plan/planStore';
import { useCaseStore } from '../store/caseStore';
import { useStudyStore } from '../store/studyStore';
import { currentSession, referenceSeries, sessionGrid } from './caseSession';

/** Bounded autosave interval while edits are pending (the case store journals each snapshot). */
const AUTOSAVE_MS = 4000;

let doc: CaseDocument | null = null;
let dirty = false;
let busy = false;
let timer: ReturnType<typeof setInterval> | undefined;

function labelsBase64(): string | null {
  const s = currentSession();
  const grid = sessionGrid();
  return s && grid
    ? bytesToBase64(encodeNifti({ grid, data: s.readVoxels() }, { gzip: true, description: 'LiverPlan case labels' }))
    : null;
}

/** A new case document for the study on screen. */
function newCaseInput() {
  const series = useStudyStore.getState().viewerSeries;
  const ref = referenceSeries(series);
  if (!ref) throw new Error('No study is open.');
  return {
    patient: { name: ref.patientName, id: ref.patientId },
    study: { studyInstanceUid: ref.studyInstanceUid, description: '', date: ref.studyDate },
    series: series.map((s) => ({
      seriesInstanceUid: s.seriesInstanceUid,
      phase: s.phase.label,
      description: s.description,
      files: s.fileIds,
    })),
    referenceSeriesUid: ref.seriesInstanceUid,
    segments: useCaseStore.getState().segments,
    applicators: [],
    notes: '',
  };
}

/**
 * Restores the newest state of this study's case (a newer autosave after a
 * crash included, with the store's explanation), or starts a fresh one.
 * Call once the labelmap exists.
 */
export async function openCaseForStudy(): Promise<void> {
  const ref = referenceSeries(useStudyStore.getState().viewerSeries);
  const s = currentSession();
  if (!ref || !s) return;
  doc = null;
  useCaseStore.getState().setRecovery(null);
  const a = api();
  const list = await a.invoke('case:list', {});
  for (const c of list.filter((x) => x.patientId === ref.patientId && x.studyDate === ref.studyDate)) {
    const opened = await a.invoke('case:open', { caseId: c.caseId });
    if (
      opened.document.study.studyInstanceUid !== ref.studyInstanceUid ||
      opened.document.referenceSeriesUid !== ref.seriesInstanceUid
    )
      continue;
    restore(opened);
    return;
  }
}

function restore(opened: OpenedCaseMessage): void {
  const s = currentSession();
  const grid = sessionGrid();
  if (!s || !grid) return;
  doc = opened.document;
  useCaseStore.getState().setRecovery(opened.recovery?.message ?? null);
  useCaseStore.getState().setSegments(opened.document.segments);
  if (opened.document.planInput) usePlanStore.getState().setDraft(opened.document.planInput);
  useAblationStore.getState().setApplicators(opened.document.applicators);
  restoreConfirmation(opened.document.confirmation);
  if (opened.labelsBase64) {
    const lm = decodeNiftiLabelmap(base64ToBytes(opened.labelsBase64));
    if (!sameGrid(lm.grid, grid))
      throw new Error('The saved segmentation does not match the reference series geometry; it was not loaded.');
    s.write(lm.data instanceof Uint8Array ? lm.data : Uint8Array.from(lm.data));
  }
  useCaseStore.getState().setSaveState(`Opened case (${opened.source} ${opened.savedAt})`);
}

/** After a restored autosave: keep it as the save, or go back to the last save. */
export async function resolveRecovery(action: 'keep' | 'discard'): Promise<void> {
  if (!doc) return;
  try {
    restore(await api().invoke('case:recover', { caseId: doc.caseId, action }));
  } catch (e) {
    reportError('Recovering the case', e);
  }
}

/** Marks the case as edited; the next autosave tick writes it. */
export function markDirty(): void {
  dirty = true;
  useCaseStore.getState().setSaveState('Unsaved edits');
}

/** The case document as it stands now (created on first need): segments, plan inputs, applicators. */
async function currentDocument(): Promise<CaseDocument> {
  const base = doc ?? (await api().invoke('case:create', { input: newCaseInput() })).document;
  return {
    ...base,
    segments: useCaseStore.getState().segments,
    planInput: usePlanStore.getState().draft,
    applicators: useAblationStore.getState().applicators,
    confirmation: confirmationForCase(),
    updatedAt: new Date().toISOString(),
  };
}

function confirmationForCase() {
  const zone = zoneForCase();
  return persistedConfirmation(useConfirmStore.getState(), zone ? bytesToBase64(zone) : null);
}

async function tick(): Promise<void> {
  if (!dirty || busy || !currentSession()) return;
  busy = true;
  dirty = false;
  try {
    const a = api();
    doc = await currentDocument();
    const w = await a.invoke('case:autosave', { document: doc, labelsBase64: labelsBase64() });
    useCaseStore.getState().setSaveState(`Autosaved ${new Date(w.savedAt).toLocaleTimeString()}`);
  } catch (e) {
    dirty = true;
    reportError('Autosaving the segmentation', e);
  } finally {
    busy = false;
  }
}

/** Explicit save (Ctrl+S): replaces the last save atomically. */
export async function saveCase(): Promise<void> {
  try {
    const a = api();
    doc = await currentDocument();
    const w = await a.invoke('case:save', { document: doc, labelsBase64: labelsBase64() });
    dirty = false;
    useCaseStore.getState().setSaveState(`Saved ${new Date(w.savedAt).toLocaleTimeString()}`);
  } catch (e) {
    reportError('Saving the case', e);
  }
}

export function startAutosave(): () => void {
  clearInterval(timer);
  timer = setInterval(() => void tick(), AUTOSAVE_MS);
  // Plan inputs are part of the case: an edit in the Plan form is autosaved like a brush stroke.
  const unsubscribe = usePlanStore.subscribe((s, prev) => {
    if (s.draft !== prev.draft && currentSession()) markDirty();
  });
  const unsubscribeAblation = useAblationStore.subscribe((s, prev) => {
    if (s.applicators !== prev.applicators && currentSession()) markDirty();
  });
  // Confirmation landmarks, the refined transform and the achieved zone are case work too.
  const unsubscribeConfirm = useConfirmStore.subscribe((s, prev) => {
    const changed =
      s.postSeriesUid !== prev.postSeriesUid ||
      s.pairs !== prev.pairs ||
      s.refinement !== prev.refinement ||
      s.tumourLabel !== prev.tumourLabel ||
      s.zoneVoxels !== prev.zoneVoxels;
    if (changed && currentSession()) markDirty();
  });
  return () => {
    clearInterval(timer);
    unsubscribe();
    unsubscribeAblation();
    unsubscribeConfirm();
  };
}
