import { applicatorFromDevice } from '../../../shared/ablation/applicatorFromDevice';
import { ZONE_LABEL } from '../../../shared/ablation/analyseAblation';
import { findPathCrossings, type PathCrossing } from '../../../shared/ablation/pathCrossings';
import type { UserDeviceEntry } from '../../../shared/ipc/channels/devices';
import { SEGMENT_TEMPLATES } from '../../../shared/case/segmentTemplates';
import type { Vec3 } from '../../../shared/volume/grid';
import { api } from '../api';
import { caseScoped } from '../case/caseSession';
import { JobCancelled } from '../case/workerJob';
import { asOneUndoStep, currentSession, pushUndoable, sessionGrid } from '../segmentation';
import { reportError, useAppStore } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { useAblationStore } from './ablationStore';
import { runAblationAnalysis } from './runAblationAnalysis';
import { writeOverlay } from './zoneOverlay';

let run = 0;
/** The last zone mask (case grid) of the open case, for converting it to a segment. */
const lastZone = caseScoped(() => ({ mask: null as Uint8Array | null }));

export async function loadCatalogue(): Promise<void> {
  try {
    useAblationStore.getState().setCatalogue(await api().invoke('devices:list', {}));
  } catch (e) {
    reportError('Loading the device tables', e);
  }
}

export async function addUserDevice(entry: UserDeviceEntry): Promise<boolean> {
  try {
    useAblationStore.getState().setCatalogue(await api().invoke('devices:add', { entry }));
    useAppStore.getState().notify('success', `Device setting "${entry.id}" added to your device list.`);
    return true;
  } catch (e) {
    reportError('Adding the device setting', e);
    return false;
  }
}

/**
 * Changes the applicator list as one step of the case's one undo history, the ring voxel edits
 * use too (Ctrl+Z in Ablation or Segment), so a placed, moved or removed applicator comes back.
 */
function changeApplicators(id: string, change: () => void): void {
  const before = useAblationStore.getState().applicators;
  change();
  const after = useAblationStore.getState().applicators;
  if (after === before) return;
  pushUndoable(id, (undo) =>
    useAblationStore.setState({ applicators: undo ? before : after, placing: null, draftTip: null }),
  );
}

export function removeApplicator(id: string): void {
  changeApplicators('ablation-remove-applicator', () => useAblationStore.getState().removeApplicator(id));
}

/** A click on a view while placing: sets a tip, then the entry of a new or the selected applicator. */
export function placeAt(world: Vec3): void {
  const s = useAblationStore.getState();
  const p = s.placing;
  if (!p) return;
  if (p.applicatorId) {
    const id = p.applicatorId;
    changeApplicators('ablation-move-applicator', () =>
      s.updateApplicator(id, p.point === 'tip' ? { tip: world } : { entry: world }),
    );
    s.setPlacing(null);
    return;
  }
  if (p.point === 'tip') {
    s.setDraftTip(world);
    s.setPlacing({ point: 'entry', applicatorId: null });
    return;
  }
  const tip = s.draftTip;
  const row = s.catalogue.find((e) => e.id === s.settingId);
  if (!tip || !row) return;
  if (Math.hypot(world[0] - tip[0], world[1] - tip[1], world[2] - tip[2]) < 1) {
    useAppStore.getState().notify('error', 'The entry point must differ from the tip; click the skin entry point.');
    return;
  }
  // First free "A<n>": restored applicators keep their ids.
  const used = new Set(s.applicators.map((a) => a.id));
  let n = 1;
  while (used.has(`A${n}`)) n++;
  changeApplicators('ablation-add-applicator', () =>
    s.addApplicator({ id: `A${n}`, entry: world, tip, deviceId: row.device, settingId: row.id }),
  );
  s.setDraftTip(null);
  s.setPlacing(null);
}

/** Path warnings of every applicator against the case labelmap (cheap: one line each). */
export function refreshCrossings(): void {
  const session = currentSession();
  const grid = sessionGrid();
  if (!session || !grid) return;
  const data = session.readVoxels();
  const segments = useCaseStore.getState().segments;
  const out: Record<string, PathCrossing[]> = {};
  for (const a of useAblationStore.getState().applicators)
    out[a.id] = findPathCrossings(a.entry, a.tip, { grid, data }, segments);
  useAblationStore.getState().setCrossings(out);
}

/** Recomputes zone, margins, heat sink and distances in the worker, then redraws the overlay. */
export async function analyseNow(): Promise<void> {
  const session = currentSession();
  const grid = sessionGrid();
  const st = useAblationStore.getState();
  if (!session || !grid || !st.catalogue.length) return;
  const mine = ++run;
  st.setAnalysis(st.analysis, true);
  try {
    const applicators = st.applicators.map((a) => applicatorFromDevice(a, st.catalogue));
    const segments = useCaseStore.getState().segments.map(({ label, name, kind }) => ({ label, name, kind }));
    const result = await runAblationAnalysis({
      labelmap: { grid, data: session.readVoxels() },
      segments,
      applicators,
      options: st.settings,
    });
    if (mine !== run) return;
    const { overlay, ...summary } = result;
    lastZone().mask = overlay;
    writeOverlay(overlay);
    useAblationStore.getState().setAnalysis(summary, false);
  } catch (e) {
    // Superseded by a newer analysis, or its case closed: nothing to show.
    if (mine !== run || e instanceof JobCancelled) return;
    useAblationStore.getState().setAnalysis(null, false, e instanceof Error ? e.message : String(e));
  }
}

/**
 * The predicted zone as an editable "Ablation zone" segment of the case labelmap (one undo
 * step). The case labelmap holds one label per voxel, so the zone takes background and liver
 * voxels only: lesions, vessels and critical structures keep their labels.
 */
export function convertZoneToSegment(): void {
  const session = currentSession();
  const zone = lastZone().mask;
  if (!session || !zone) return;
  const template = SEGMENT_TEMPLATES.find((t) => t.id === 'ablation-zone');
  if (!template) return;
  const segments = useCaseStore.getState().segments;
  const replaceable = new Set([0, ...segments.filter((s) => s.kind === 'liver').map((s) => s.label)]);
  asOneUndoStep(() => {
    const seg = useCaseStore.getState().addSegment(template);
    const data = session.readVoxels();
    let n = 0;
    for (let v = 0; v < data.length; v++) {
      const z = zone[v]!;
      // bands 2..4 (margin >= 0) lie inside the zone; band 1 is tumour surface outside it
      if ((z === ZONE_LABEL || (z >= 2 && z <= 4)) && replaceable.has(data[v]!)) {
        data[v] = seg.label;
        n++;
      }
    }
    session.replaceVoxels(data, true, 'ablation-zone');
    useAppStore
      .getState()
      .notify('success', `Predicted zone added as segment "${seg.name}" (${n} voxels); edit it on the Segment tab.`);
  });
}
