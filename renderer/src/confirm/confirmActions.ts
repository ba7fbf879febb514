import { cache } from '@cornerstonejs/core';
import type { ConfirmationResult } from '../../../shared/ablation/confirmMargin';
import type { Confirmation } from '../../../shared/case/model';
import { base64ToBytes, bytesToBase64 } from '../../../shared/ipc/base64';
import { voxelVolumeMm3, type Vec3 } from '../../../shared/volume/grid';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { registerLandmarks } from '../../../shared/volume/registration';
import { writeOverlay } from '../ablation';
import { registerCasePart } from '../case/caseParts';
import { caseScoped } from '../case/caseSession';
import { JobCancelled } from '../case/workerJob';
import {
  currentSession,
  gridOfVolume,
  pushUndoable,
  referenceSeries,
  scalarOfVolume,
  sessionGrid,
  voxelAt,
} from '../segmentation';
import { reportError, useAppStore } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { toViewerSeries, useStudyStore, type ViewerSeries } from '../store/studyStore';
import { useViewerStore } from '../viewer/viewerStore';
import {
  currentMatrix,
  persistedConfirmation,
  useConfirmStore,
  type LandmarkPair,
  type Refinement,
} from './confirmStore';
import { postZoneOverlay } from './postZoneOverlay';
import type { ConfirmJob, ZoneResult } from './confirmJob';
import { cancelConfirmJob, runConfirmJob } from './runConfirmJob';

/** Radius of the region the automatic refinement matches around the tumour (mm). */
const REFINE_RADIUS_MM = 70;

/** Cancels whatever confirmation job runs (its worker is terminated). */
export function cancelConfirmation(): void {
  cancelConfirmJob();
  useConfirmStore.getState().set({ busy: null });
}

/**
 * The zone as gzip NIfTI on the post grid, kept for the case even while the post series is not
 * shown, and the same bytes while they wait for the post volume to load (per case).
 */
const zoneBytes = caseScoped(() => ({ file: null as Uint8Array | null, pending: null as Uint8Array | null }));

/** The phases shown before Confirm replaced them with pre | post, to go back to (per case). */
const shownBefore = caseScoped(() => ({ phases: null as ViewerSeries[] | null }));

/** Series of the same patient acquired in another frame of reference: post-ablation candidates. */
export function postCandidates(): ViewerSeries[] {
  const shown = useStudyStore.getState().viewerSeries;
  const pre = referenceSeries(shownBefore().phases ?? shown);
  if (!pre) return [];
  return useStudyStore
    .getState()
    .studies.filter((st) => st.patientId === pre.patientId)
    .flatMap((st) =>
      st.series
        .filter((s) => s.isVolume && s.frameOfReferenceUid !== pre.frameOfReferenceUid)
        .map((s) => toViewerSeries(st, s)),
    )
    .sort((a, b) => b.studyDate.localeCompare(a.studyDate));
}

function preSeries(): ViewerSeries | undefined {
  return referenceSeries(shownBefore().phases ?? useStudyStore.getState().viewerSeries);
}

/** Shows the pre-procedure reference phase beside the chosen post-ablation series. */
export function showPrePost(postUid: string): void {
  const post = postCandidates().find((s) => s.seriesInstanceUid === postUid);
  const pre = preSeries();
  if (!post || !pre) throw new Error('That series is no longer in the study list; reopen the folder.');
  const shown = useStudyStore.getState().viewerSeries;
  const before = shownBefore();
  if (!before.phases) before.phases = shown;
  const store = useConfirmStore.getState();
  if (store.postSeriesUid !== postUid) {
    postZoneOverlay.destroy();
    store.set({
      postSeriesUid: postUid,
      pairs: [],
      registration: null,
      registrationError: null,
      refinement: null,
      zoneVoxels: 0,
      zoneVolumeMl: 0,
      zonePending: false,
      result: null,
      error: null,
    });
    Object.assign(zoneBytes(), { file: null, pending: null });
  }
  useStudyStore.getState().showInViewer([pre, post]);
}

/** Back to the pre-procedure phases side by side. */
export function backToPhases(): void {
  const before = shownBefore();
  if (before.phases) useStudyStore.getState().showInViewer(before.phases);
  before.phases = null;
  // The post volume is freed with its views; its zone is drawn again from the kept file.
  postZoneOverlay.destroy();
  const bytes = zoneBytes();
  bytes.pending = bytes.file;
  useConfirmStore.getState().set({ mode: null, zonePending: bytes.pending !== null });
}

function postVolume() {
  const uid = useConfirmStore.getState().postSeriesUid;
  const id = uid && useViewerStore.getState().volumes[uid];
  const v = id ? cache.getVolume(id) : undefined;
  if (!v || useViewerStore.getState().progress[uid!]?.stage !== 'done')
    throw new Error('The post-ablation series is still loading; wait until it has finished.');
  return v;
}

function preVolume() {
  const pre = preSeries();
  const id = pre && useViewerStore.getState().volumes[pre.seriesInstanceUid];
  const v = id ? cache.getVolume(id) : undefined;
  if (!v || useViewerStore.getState().progress[pre!.seriesInstanceUid]?.stage !== 'done')
    throw new Error('The pre-procedure series is still loading; wait until it has finished.');
  return v;
}

/** Keeps the post overlay on the post views and applies a zone restored from the case, once it can. */
export function syncPostOverlay(): void {
  const uid = useConfirmStore.getState().postSeriesUid;
  const id = uid && useViewerStore.getState().volumes[uid];
  if (!id || !cache.getVolume(id)) return;
  postZoneOverlay.ensure(id);
  const bytes = zoneBytes();
  const pending = bytes.pending;
  if (pending && useViewerStore.getState().progress[uid!]?.stage === 'done') {
    bytes.pending = null;
    useConfirmStore.getState().set({ zonePending: false });
    const lm = decodeNiftiLabelmap(pending);
    const grid = gridOfVolume(cache.getVolume(id)!);
    if (lm.data.length !== grid.dims[0] * grid.dims[1] * grid.dims[2]) {
      useAppStore
        .getState()
        .notify('error', 'The saved ablation zone does not match the post-ablation series; it was not loaded.');
      return;
    }
    setZone(
      Uint8Array.from(lm.data, (v) => (v ? 1 : 0)),
      false,
    );
  }
}

/**
 * Draws the zone and keeps its file. An edit (remember) becomes one step of the case's one undo
 * history, the ring segment edits and applicators use, so Ctrl+Z takes it back in any workspace.
 */
function setZone(mask: Uint8Array, remember = true): void {
  const before = remember ? (postZoneOverlay.read() ?? new Uint8Array(mask.length)) : null;
  postZoneOverlay.write(mask);
  let voxels = 0;
  for (let n = 0; n < mask.length; n++) voxels += mask[n] ? 1 : 0;
  const v = postVolume();
  const grid = gridOfVolume(v);
  zoneBytes().file = voxels
    ? encodeNifti({ grid, data: mask }, { gzip: true, description: 'LiverPlan ablation zone' })
    : null;
  const s = useConfirmStore.getState();
  s.set({
    zoneVoxels: voxels,
    zoneVolumeMl: (voxels * voxelVolumeMm3(grid)) / 1000,
    zoneRevision: s.zoneRevision + 1,
    result: null,
  });
  if (before) {
    const after = mask.slice();
    pushUndoable('confirm-zone', (undo) => {
      try {
        setZone(undo ? before : after, false);
      } catch (e) {
        reportError('Undoing the ablation zone edit', e);
      }
    });
  }
}

async function zoneJob(
  label: string,
  job: ConfirmJob,
  combine: (mask: Uint8Array) => Uint8Array = (m) => m,
): Promise<void> {
  const s = useConfirmStore.getState();
  s.set({ busy: { label, fraction: 0 }, error: null });
  try {
    const r = await runConfirmJob<ZoneResult>(job, (fraction) =>
      useConfirmStore.getState().set({ busy: { label, fraction } }),
    );
    setZone(combine(r.mask));
    useConfirmStore.getState().set({ note: r.note });
  } catch (e) {
    if (!(e instanceof JobCancelled)) throw e;
  } finally {
    useConfirmStore.getState().set({ busy: null });
  }
}

/** Click inside the zone on the post series: region grow of the non-enhancing zone, added to what is there. */
export async function segmentZoneAt(world: Vec3): Promise<void> {
  try {
    const v = postVolume();
    const grid = gridOfVolume(v);
    const seed = voxelAt(grid, world);
    if (seed === null) throw new Error('That point lies outside the post-ablation series.');
    const existing = postZoneOverlay.read();
    await zoneJob('Ablation zone', { op: 'zone', volume: scalarOfVolume(v), seed }, (grown) => {
      // A second click adds to the zone (a zone split by a vessel, say), never replaces it.
      if (existing) for (let n = 0; n < grown.length; n++) if (existing[n]) grown[n] = 1;
      return grown;
    });
  } catch (e) {
    reportError('Segmenting the ablation zone', e);
  }
}

/** Hole fill, grow or shrink of the zone by mm. */
export async function zoneMaskOp(action: 'fill-holes' | 'grow' | 'shrink', mm: number): Promise<void> {
  try {
    const v = postVolume();
    const mask = postZoneOverlay.read();
    if (!mask?.some(Boolean)) throw new Error('No ablation zone yet: click inside it on the post-ablation series.');
    const grid = gridOfVolume(v);
    // A ball narrower than the voxels holds only its centre: say so rather than change nothing.
    const finest = Math.min(...grid.spacing);
    if (action !== 'fill-holes' && mm < finest)
      throw new Error(
        `${mm} mm is less than one voxel of the post-ablation series (${finest.toFixed(1)} mm): use at least that.`,
      );
    await zoneJob(`Zone ${action}`, { op: 'mask', action, mask, grid, mm });
  } catch (e) {
    reportError('Editing the ablation zone', e);
  }
}

export function clearZone(): void {
  try {
    const mask = postZoneOverlay.read();
    if (mask) setZone(new Uint8Array(mask.length));
  } catch (e) {
    reportError('Clearing the ablation zone', e);
  }
}

/** Recomputes the landmark registration from the complete pairs (cheap: closed form). */
function withRegistration(pairs: LandmarkPair[]) {
  const complete = pairs.filter((p): p is { pre: Vec3; post: Vec3 } => !!p.pre && !!p.post);
  if (complete.length < 3) {
    return {
      pairs,
      registration: null,
      registrationError: `${complete.length} of 3 landmark pairs: place the same point on both series.`,
      refinement: null,
      result: null,
    };
  }
  try {
    const registration = registerLandmarks(
      complete.map((p) => p.pre),
      complete.map((p) => p.post),
    );
    return { pairs, registration, registrationError: null, refinement: null, result: null };
  } catch (e) {
    return {
      pairs,
      registration: null,
      registrationError: e instanceof Error ? e.message : String(e),
      refinement: null,
      result: null,
    };
  }
}

/**
 * A landmark click: a point on a pre-procedure view fills the pre side of the first pair that
 * lacks one (a new pair when all are full), a point on the post view the post side.
 */
export function placeLandmark(world: Vec3, frameOfReferenceUid: string): void {
  const pre = preSeries();
  const side = frameOfReferenceUid === pre?.frameOfReferenceUid ? 'pre' : 'post';
  const s = useConfirmStore.getState();
  const pairs = s.pairs.map((p) => ({ ...p }));
  const open = pairs.find((p) => p[side] === null);
  if (open) open[side] = world;
  else pairs.push(side === 'pre' ? { pre: world, post: null } : { pre: null, post: world });
  s.set(withRegistration(pairs));
}

export function removePair(index: number): void {
  const s = useConfirmStore.getState();
  s.set(withRegistration(s.pairs.filter((_, n) => n !== index)));
}

/** Residual (mm) of each pair under the landmark transform, aligned with the pair list. */
export function pairResiduals(): (number | null)[] {
  const s = useConfirmStore.getState();
  let k = 0;
  return s.pairs.map((p) => (p.pre && p.post ? (s.registration?.residualsMm[k++] ?? null) : null));
}

function tumourCentre(label: number): Vec3 {
  const session = currentSession();
  const grid = sessionGrid();
  if (!session || !grid) throw new Error('The case segmentation is not loaded yet.');
  const data = session.readVoxels();
  const [nx, ny] = grid.dims;
  const sum = [0, 0, 0];
  let count = 0;
  for (let n = 0; n < data.length; n++) {
    if (data[n] !== label) continue;
    sum[0] += n % nx;
    sum[1] += Math.floor(n / nx) % ny;
    sum[2] += Math.floor(n / (nx * ny));
    count++;
  }
  if (!count) throw new Error('The chosen lesion segment is empty: segment it on the Segment tab.');
  const [i, j, k] = sum.map((x) => x / count) as Vec3;
  const d = grid.direction;
  const sp = grid.spacing;
  return [0, 1, 2].map(
    (a) => grid.origin[a]! + d[a]! * i * sp[0] + d[3 + a]! * j * sp[1] + d[6 + a]! * k * sp[2],
  ) as Vec3;
}

/** Intensity-based rigid refinement around the tumour, starting from the landmark transform. */
export async function refineRegistration(): Promise<void> {
  const s = useConfirmStore.getState();
  try {
    if (!s.registration) throw new Error('Place at least three landmark pairs first.');
    const label = chosenTumour();
    s.set({ busy: { label: 'Refining the registration', fraction: 0 }, error: null });
    const r = await runConfirmJob<Refinement>(
      {
        op: 'refine',
        fixed: scalarOfVolume(preVolume()),
        moving: scalarOfVolume(postVolume()),
        initial: s.registration.matrix,
        region: { centre: tumourCentre(label), radiusMm: REFINE_RADIUS_MM },
      },
      (fraction) => useConfirmStore.getState().set({ busy: { label: 'Refining the registration', fraction } }),
    );
    useConfirmStore.getState().set({
      refinement: r.improved ? r : null,
      result: null,
      note: r.improved
        ? `Refinement moved the tumour region by ${r.changeMm.toFixed(1)} mm (similarity ${r.metricBefore.toFixed(3)} -> ${r.metricAfter.toFixed(3)}).`
        : 'Refinement found no better alignment; the landmark transform is kept.',
    });
  } catch (e) {
    if (!(e instanceof JobCancelled)) reportError('Refining the registration', e);
  } finally {
    useConfirmStore.getState().set({ busy: null });
  }
}

/** The lesion to confirm: the chosen one, else the only lesion segment. */
function chosenTumour(): number {
  const lesions = useCaseStore.getState().segments.filter((x) => x.kind === 'lesion');
  const chosen = useConfirmStore.getState().tumourLabel;
  if (chosen !== null && lesions.some((l) => l.label === chosen)) return chosen;
  if (lesions.length === 1) return lesions[0]!.label;
  throw new Error(
    lesions.length ? 'Choose the treated lesion.' : 'No lesion segment: segment the tumour on the Segment tab.',
  );
}

/** Margin of the pre-procedure tumour against the registered achieved zone (worker). */
export async function computeConfirmation(): Promise<void> {
  const s = useConfirmStore.getState();
  try {
    const matrix = currentMatrix(s);
    if (!matrix) throw new Error('Place at least three landmark pairs first.');
    const session = currentSession();
    const grid = sessionGrid();
    if (!session || !grid) throw new Error('The case segmentation is not loaded yet.');
    const zone = postZoneOverlay.read();
    if (!zone?.some(Boolean)) throw new Error('No ablation zone yet: click inside it on the post-ablation series.');
    const tumourLabel = chosenTumour();
    s.set({ busy: { label: 'Margin', fraction: 0 }, error: null, tumourLabel });
    const r = await runConfirmJob<ConfirmationResult>(
      {
        op: 'margin',
        input: {
          labelmap: { grid, data: session.readVoxels() },
          segments: useCaseStore.getState().segments.map(({ label, name, kind }) => ({ label, name, kind })),
          tumourLabel,
          postZone: { grid: gridOfVolume(postVolume()), data: zone },
          postToPre: matrix,
        },
      },
      () => undefined,
    );
    const { overlay, ...summary } = r;
    writeOverlay(overlay);
    useConfirmStore.getState().set({ result: summary });
  } catch (e) {
    if (!(e instanceof JobCancelled)) reportError('Confirming the margin', e);
  } finally {
    useConfirmStore.getState().set({ busy: null });
  }
}

/** The zone as gzip NIfTI for the case document (null without one). */
export function zoneForCase(): Uint8Array | null {
  return zoneBytes().file;
}

/** Restores the confirmation saved with the case (the zone waits for its series to load). */
export function restoreConfirmation(c: Confirmation | undefined): void {
  const store = useConfirmStore.getState();
  store.reset();
  if (!c) return;
  // The case document keeps the zone as text (shared/case/model); decoded once, the kept file and
  // the one waiting for the post series are the same read-only bytes (as in backToPhases).
  const zone = c.zoneBase64 ? base64ToBytes(c.zoneBase64) : null;
  Object.assign(zoneBytes(), { file: zone, pending: zone });
  store.set({
    postSeriesUid: c.postSeriesUid,
    tumourLabel: c.tumourLabel,
    zonePending: zone !== null,
    ...withRegistration(c.pairs),
  });
  if (c.refinedMatrix) {
    useConfirmStore.getState().set({
      refinement: { matrix: c.refinedMatrix, changeMm: 0, metricBefore: 0, metricAfter: 0, improved: true },
      note: 'Refined registration restored from the case.',
    });
  }
}

// The landmarks, the refined transform and the achieved zone are the open case's
// (renderer/src/case/caseParts); the zone's bytes are per case already (zoneBytes).
registerCasePart('confirm', {
  save: () => {
    const zone = zoneForCase();
    return { confirmation: persistedConfirmation(useConfirmStore.getState(), zone ? bytesToBase64(zone) : null) };
  },
  restore: (doc) => restoreConfirmation(doc.confirmation),
  watch: (changed) =>
    useConfirmStore.subscribe((s, prev) => {
      const edited =
        s.postSeriesUid !== prev.postSeriesUid ||
        s.pairs !== prev.pairs ||
        s.refinement !== prev.refinement ||
        s.tumourLabel !== prev.tumourLabel ||
        s.zoneRevision !== prev.zoneRevision;
      if (edited) changed();
    }),
  reset: () => useConfirmStore.getState().reset(),
});
