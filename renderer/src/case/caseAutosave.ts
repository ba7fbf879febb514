import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import { labelsForWrite, sliceHashes, type LabelsWriteBase } from '../../../shared/case/labelsDelta';
import type { CaseDocument } from '../../../shared/case/model';
import type { LabelsPayload, OpenedCaseMessage } from '../../../shared/ipc/channels/case';
import type { Vec3 } from '../../../shared/volume/grid';
import { sameGrid } from '../../../shared/volume/grid';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { api } from '../api';
import { restoreCaseParts, savedCaseParts, watchCaseParts, type CasePartFields } from './caseParts';
import { referenceSeries } from '../segmentation/caseSession';
import type { LabelmapSession } from '../segmentation/labelmapSession';
import { gridOfVolume } from '../segmentation/volumeGrid';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { currentCase, type CaseSession } from './caseSession';
import { SaveScheduler } from './saveScheduler';

/**
 * When autosave writes (the case store journals each snapshot): one second after the last edit, so
 * a crash loses at most the last second of work once the user pauses. While edits never pause (a
 * run of strokes) it writes at least every three seconds: a snapshot of a 512x512x300 labelmap
 * (copy, slice hashes, compressed delta) takes a few hundred ms on the page's thread, which a save
 * every second would take from the brush. A failed write is retried after four seconds.
 */
const AUTOSAVE_QUIET_MS = 1000;
const AUTOSAVE_MAX_WAIT_MS = 3000;
const AUTOSAVE_RETRY_MS = 4000;
const AUTOSAVE = Symbol('autosave');

/** What one write sends: taken in one synchronous step, so it can only hold this case's work. */
interface Snapshot {
  fields: Pick<CaseDocument, 'segments' | 'lesionOrigins' | 'updatedAt'> & CasePartFields;
  /** The voxels of this write and their slice hashes (the next delta's base once acknowledged). */
  voxels: Uint8Array;
  dims: Vec3;
  labels: LabelsPayload;
  hashes: Uint32Array;
}

/**
 * Saving of one case: restores the newest state of the study when the labelmap appears, marks
 * every edit (voxels, segment list, plan inputs, applicators, confirmation) and writes it a second
 * after the edits pause. Bound to its session: once the case is no longer the open one it writes
 * nothing, and closing flushes what is pending first, so one patient's work never lands in another's
 * case.
 */
export class CaseAutosave {
  private doc: CaseDocument | null = null;
  private dirty = false;
  /** Edited since the last explicit save (autosaves journal; only a save rewrites the case files). */
  private unsaved = true;
  private restoring = false;
  private writing: Promise<void> | null = null;
  /** Starts the autosaves: a second after the last edit, at most three after the first unsaved one. */
  private readonly schedule = new SaveScheduler({
    quietMs: AUTOSAVE_QUIET_MS,
    maxWaitMs: AUTOSAVE_MAX_WAIT_MS,
    retryMs: AUTOSAVE_RETRY_MS,
    save: () => this.tick(),
  });
  /** The last write the host acknowledged (or the state opened): autosaves send slices changed since. */
  private base: LabelsWriteBase | null = null;

  private constructor(
    private readonly session: CaseSession,
    private readonly labelmap: LabelmapSession,
  ) {}

  /** Starts saving the case's work; stops when the case closes. */
  static start(session: CaseSession, labelmap: LabelmapSession): CaseAutosave {
    const a = session.scoped(AUTOSAVE, () => new CaseAutosave(session, labelmap));
    session.onClose(a.watch());
    return a;
  }

  private get live(): boolean {
    return !this.session.closed && currentCase() === this.session;
  }

  private watch(): () => void {
    const onVoxels = (e: Event) => {
      const id = (e as CustomEvent<{ segmentationId?: string }>).detail?.segmentationId;
      if (id === this.labelmap.segmentationId) this.markDirty();
    };
    eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
    const offs = [
      useCaseStore.subscribe(
        (s, prev) => (s.segments !== prev.segments || s.lesionOrigins !== prev.lesionOrigins) && this.markDirty(),
      ),
      // Every feature's saved work (plan inputs, applicators, territories, the confirmation) is
      // case work too: an edit in any of them is saved like a brush stroke.
      watchCaseParts(() => this.markDirty()),
    ];
    return () => {
      this.schedule.dispose();
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
      for (const off of offs) off();
    };
  }

  /** Marks the case as edited; an autosave follows once the edits pause (see AUTOSAVE_QUIET_MS). */
  markDirty(): void {
    if (this.restoring || !this.live) return;
    this.dirty = true;
    this.unsaved = true;
    this.schedule.edited();
    useCaseStore.getState().setSaveState('Unsaved edits');
  }

  /**
   * Restores the newest state of this study's case (a newer autosave after a crash included,
   * with the store's explanation), or leaves the fresh case as it is.
   */
  async open(): Promise<void> {
    const ref = referenceSeries(this.session.series);
    if (!ref) return;
    const a = api();
    const list = await a.invoke('case:list', {});
    for (const c of list.filter((x) => x.patientId === ref.patientId && x.studyDate === ref.studyDate)) {
      const opened = await a.invoke('case:open', { caseId: c.caseId });
      if (!this.live) return;
      if (
        opened.document.study.studyInstanceUid !== ref.studyInstanceUid ||
        opened.document.referenceSeriesUid !== ref.seriesInstanceUid
      )
        continue;
      this.restore(opened);
      return;
    }
  }

  private restore(opened: OpenedCaseMessage): void {
    if (!this.live) return;
    this.restoring = true;
    try {
      this.doc = opened.document;
      const store = useCaseStore.getState();
      store.setRecovery(opened.recovery?.message ?? null);
      store.setSegments(opened.document.segments);
      for (const [label, origin] of Object.entries(opened.document.lesionOrigins ?? {}))
        store.setLesionOrigin(Number(label), origin);
      restoreCaseParts(opened.document);
      this.base = null;
      if (opened.labels) {
        const lm = decodeNiftiLabelmap(opened.labels);
        if (!sameGrid(lm.grid, gridOfVolume(this.labelmap.volume)))
          throw new Error('The saved segmentation does not match the reference series geometry; it was not loaded.');
        const voxels = lm.data instanceof Uint8Array ? lm.data : Uint8Array.from(lm.data);
        this.labelmap.write(voxels);
        // Deltas only against what the host holds: a 16-bit file narrowed here is sent whole once.
        if (lm.data instanceof Uint8Array) this.base = { seq: opened.seq, hashes: sliceHashes(voxels, lm.grid.dims) };
      }
      store.setSaveState(`Opened case (${opened.source} ${opened.savedAt})`);
    } finally {
      this.restoring = false;
    }
  }

  /** After a restored autosave: keep it as the save, or go back to the last save. */
  async resolveRecovery(action: 'keep' | 'discard'): Promise<void> {
    if (!this.doc) return;
    try {
      this.restore(await api().invoke('case:recover', { caseId: this.doc.caseId, action }));
    } catch (e) {
      reportError('Recovering the case', e);
    }
  }

  private snapshot(): Snapshot {
    const grid = gridOfVolume(this.labelmap.volume);
    const voxels = this.labelmap.readVoxels();
    const base = this.doc ? this.base : null;
    const { payload, hashes } = labelsForWrite(voxels, grid.dims, base, () => this.wholeFile(voxels, grid.dims));
    return {
      fields: {
        segments: useCaseStore.getState().segments,
        ...savedCaseParts(),
        lesionOrigins: useCaseStore.getState().lesionOrigins,
        updatedAt: new Date().toISOString(),
      },
      voxels,
      dims: grid.dims,
      labels: payload,
      hashes,
    };
  }

  /** labels.nii.gz of these voxels, for a first write or when the host holds no base. */
  private wholeFile(voxels: Uint8Array, dims: Vec3): Uint8Array {
    const grid = gridOfVolume(this.labelmap.volume);
    if (grid.dims.some((d, n) => d !== dims[n])) throw new Error('The case labelmap changed size while saving.');
    return encodeNifti({ grid, data: voxels }, { gzip: true, description: 'LiverPlan case labels' });
  }

  /** The case document for a snapshot (the case is created in the store on its first write). */
  private async document(snap: Snapshot): Promise<CaseDocument> {
    if (!this.doc) {
      const series = this.session.series;
      const ref = referenceSeries(series);
      if (!ref) throw new Error('No study is open.');
      const input = {
        patient: { name: ref.patientName, id: ref.patientId },
        study: { studyInstanceUid: ref.studyInstanceUid, description: '', date: ref.studyDate },
        series: series.map((s) => ({
          seriesInstanceUid: s.seriesInstanceUid,
          phase: s.phase.label,
          description: s.description,
          files: s.fileIds,
        })),
        referenceSeriesUid: ref.seriesInstanceUid,
        segments: snap.fields.segments,
        applicators: [],
        notes: '',
      };
      this.doc = (await api().invoke('case:create', { input })).document;
    }
    this.doc = { ...this.doc, ...snap.fields };
    return this.doc;
  }

  /** One write at a time; `channel` autosave journals, save replaces the last save. */
  private write(channel: 'case:autosave' | 'case:save'): Promise<void> {
    const run = async () => {
      const snap = this.snapshot();
      this.dirty = false;
      try {
        const doc = await this.document(snap);
        let answer = await api().invoke(channel, { document: doc, labels: snap.labels });
        // The host holds no copy of the delta's base (restarted, another case opened since): send it whole.
        if ('resend' in answer) {
          const labels = { kind: 'full' as const, bytes: this.wholeFile(snap.voxels, snap.dims) };
          answer = await api().invoke(channel, { document: doc, labels });
        }
        if ('resend' in answer) throw new Error(`The case could not be written: ${answer.reason}.`);
        const w = answer;
        this.base = snap.labels ? { seq: w.seq, hashes: snap.hashes } : null;
        if (channel === 'case:save') this.unsaved = this.dirty; // edits made while it was written
        const time = new Date(w.savedAt).toLocaleTimeString();
        if (this.live)
          useCaseStore.getState().setSaveState(channel === 'case:save' ? `Saved ${time}` : `Autosaved ${time}`);
      } catch (e) {
        this.dirty = true;
        throw e;
      }
    };
    const next = (this.writing ?? Promise.resolve()).then(run, run);
    this.writing = next;
    const clear = () => {
      if (this.writing === next) this.writing = null;
    };
    next.then(clear, clear);
    return next;
  }

  /**
   * One autosave, after any write in flight (an explicit save may already have taken the edits).
   * Resolves false when the write failed, so the schedule retries; true when saved or nothing was left.
   */
  private async tick(): Promise<boolean> {
    await this.writing?.catch(() => undefined);
    if (!this.dirty || !this.live) return true;
    try {
      await this.write('case:autosave');
      return true;
    } catch (e) {
      reportError('Autosaving the segmentation', e);
      return false;
    }
  }

  /** Explicit save (Ctrl+S): replaces the last save atomically. */
  async save(): Promise<void> {
    if (!this.live) return;
    try {
      await this.write('case:save');
    } catch (e) {
      reportError('Saving the case', e);
    }
  }

  /**
   * Saves unless nothing changed since the last explicit save: the report and its PDF read the saved
   * case, and an unchanged case keeps its files (and the report already built from them).
   */
  async saveIfEdited(): Promise<void> {
    await this.writing?.catch(() => undefined);
    if (this.unsaved) await this.save();
  }

  /** Closing the case: waits for a write in flight, then writes what is still pending. */
  async flush(): Promise<void> {
    await this.writing?.catch(() => undefined);
    if (this.dirty) await this.write('case:autosave');
  }
}

/** The autosave of the open case, or null before its labelmap exists. */
function openAutosave(): CaseAutosave | null {
  return autosaveOf(currentCase());
}

export function autosaveOf(session: CaseSession): CaseAutosave | null {
  return session.labelmap ? session.scoped<CaseAutosave | null>(AUTOSAVE, () => null) : null;
}

/** Explicit save of the open case (Ctrl+S, Save, before a report). */
export async function saveCase(): Promise<void> {
  await openAutosave()?.save();
}

/** Save of the open case when it changed since its last save (before a report or a PDF). */
export async function saveCaseIfEdited(): Promise<void> {
  await openAutosave()?.saveIfEdited();
}

export async function resolveRecovery(action: 'keep' | 'discard'): Promise<void> {
  await openAutosave()?.resolveRecovery(action);
}
