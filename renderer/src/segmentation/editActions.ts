import { removeSegment } from '../../../shared/case/segmentHistory';
import { SEGMENT_TEMPLATES } from '../../../shared/case/segmentTemplates';
import type { Segment } from '../../../shared/case/model';
import { fillOutline } from '../../../shared/segment/fillOutline';
import { sliceRuns, type PlausibilityFinding } from '../../../shared/segment/liverPlausibility';
import { phaseTitle } from '../../../shared/viewer/planViewports';
import { indexToPatient, type Grid, type Vec3 } from '../../../shared/volume/grid';
import { orthoViewportsOfFrame } from '../viewer/viewerEngine';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { currentSession, loadedPhases, referenceSeries, sessionGrid, voxelAt } from './caseSession';
import { asOneUndoStep, pushUndoable, undoEdit } from './labelmapSession';
import { clearLabel, maskOf, mergeMask } from './mergeMask';
import { JobCancelled, runInWorker, type WorkerRun } from './runInWorker';
import type { MaskOp, MaskResult, SegmentJob } from './segmentJobs';
import { scalarOfVolume } from './volumeGrid';
import { useStudyStore } from '../store/studyStore';
import { caseScoped } from '../case/caseSession';

let running: WorkerRun<MaskResult> | null = null;

const segments = () => useCaseStore.getState().segments;
const liverLabels = () =>
  segments()
    .filter((s) => s.kind === 'liver')
    .map((s) => s.label);

function needSession() {
  const s = currentSession();
  if (!s) throw new Error('The reference phase is still loading; wait until it is on screen.');
  return s;
}

/** Writes an algorithm's mask into a segment as one undoable edit. */
export function writeSegmentMask(label: number, mask: Uint8Array, replace: boolean, what: string): void {
  const s = needSession();
  const list = segments();
  const target = list.find((x) => x.label === label);
  if (target?.locked) throw new Error(`${target.name} is locked; unlock it to edit.`);
  const locked = new Set(list.filter((x) => x.locked).map((x) => x.label));
  const overwritable = new Set(target?.kind === 'liver' ? [] : liverLabels());
  s.replaceVoxels(mergeMask(s.readVoxels(), mask, label, { replace, locked, overwritable }), true, what);
}

/** Deletes a segment and its voxels as one undo step. */
export function deleteSegmentWithVoxels(label: number): void {
  const s = currentSession();
  const store = useCaseStore.getState();
  const before = store.segments;
  const after = removeSegment(before, label);
  const origin = store.lesionOrigins[label];
  store.restoreSegments(after);
  store.setLesionOrigin(label, null);
  if (store.check?.label === label) store.setCheck(null);
  if (store.activeLabel === label) store.setActive(after[0]?.label ?? null);
  const voxelsBefore = s?.readVoxels();
  const voxelsAfter = voxelsBefore && clearLabel(voxelsBefore, label);
  if (s && voxelsAfter) s.write(voxelsAfter);
  // One memo restores list and voxels together.
  pushUndoable(`delete-${label}-${Date.now()}`, (undo) => {
    useCaseStore.getState().restoreSegments(undo ? before : after);
    useCaseStore.getState().setLesionOrigin(label, undo ? (origin ?? null) : null);
    if (s && voxelsBefore && voxelsAfter) s.write(undo ? voxelsBefore : voxelsAfter);
  });
}

/** Cancels the running algorithm (its worker is terminated). */
export function cancelJob(): void {
  running?.cancel();
}

async function runJob(label: string, job: SegmentJob, persistent = false): Promise<MaskResult | null> {
  running?.cancel();
  const { setJob, setNote } = useCaseStore.getState();
  setJob({ label, fraction: 0 });
  const run = runInWorker<MaskResult>(job, (fraction) => setJob({ label, fraction }), persistent);
  running = run;
  try {
    const r = await run.promise;
    setNote(r.note);
    return r;
  } catch (e) {
    if (e instanceof JobCancelled) setNote(`${label}: cancelled`);
    else reportError(label, e);
    return null;
  } finally {
    if (running === run) {
      running = null;
      setJob(null);
    }
  }
}

function referencePhase() {
  const phases = loadedPhases();
  const ref = referenceSeries(useStudyStore.getState().viewerSeries);
  const p = phases.find((x) => x.series.seriesInstanceUid === ref?.seriesInstanceUid);
  if (!p) throw new Error('The reference phase is still loading; wait until it has finished.');
  return p;
}

/** Finds or adds the segment a tool writes into. */
function segmentFor(kind: Segment['kind'], templateId: string): Segment {
  const store = useCaseStore.getState();
  const active = store.segments.find((s) => s.label === store.activeLabel);
  if (active?.kind === kind) return active;
  const existing = kind === 'liver' ? store.segments.find((s) => s.kind === 'liver') : undefined;
  if (existing) return existing;
  return store.addSegment(SEGMENT_TEMPLATES.find((t) => t.id === templateId)!);
}

/**
 * Per case: the seeds of the current liver grow (a new click starts over, strokes refine it),
 * and the voxel count of the last liver result (the jump check's reference).
 */
const liverState = caseScoped(() => ({
  seeds: { seed: -1, include: [] as number[], exclude: [] as number[] },
  last: null as { voxels: number; referenceVolumeId: string } | null,
}));

/**
 * Shows the plausibility findings of a result beside it (an empty list clears the last ones) as
 * part of the result's undo step: Ctrl+Z takes the findings back with the voxels, Ctrl+Y brings
 * them again. Call inside the result's asOneUndoStep.
 */
function showCheck(kind: 'liver' | 'lesion', label: number, grid: Grid, findings: PlausibilityFinding[]): void {
  const before = useCaseStore.getState().check;
  const after = {
    kind,
    label,
    findings,
    where: findings.map((f) => (f.slices?.length ? sliceRuns(grid, f.slices).join(', ') : '')),
    focus: findings.map((f) => {
      const k = f.slices?.[Math.floor(f.slices.length / 2)];
      return k === undefined ? null : indexToPatient(grid, (grid.dims[0] - 1) / 2, (grid.dims[1] - 1) / 2, k);
    }),
  };
  pushUndoable(`check-${kind}-${label}-${Date.now()}`, (undo) =>
    useCaseStore.getState().setCheck(undo ? before : after),
  );
  useCaseStore.getState().setCheck(after);
}

/** Scrolls the slice views of the case to the plane through a patient point (a finding's slices). */
export function showFindingAt(point: Vec3): void {
  const s = currentSession();
  if (!s) return;
  for (const vp of orthoViewportsOfFrame(s.referenceVolumeId)) {
    const cam = vp.getCamera();
    const n = cam.viewPlaneNormal;
    const fp = cam.focalPoint;
    const pos = cam.position;
    if (!n || !fp || !pos) continue;
    const d = (point[0] - fp[0]) * n[0] + (point[1] - fp[1]) * n[1] + (point[2] - fp[2]) * n[2];
    vp.setCamera({
      focalPoint: [fp[0] + d * n[0], fp[1] + d * n[1], fp[2] + d * n[2]],
      position: [pos[0] + d * n[0], pos[1] + d * n[1], pos[2] + d * n[2]],
    });
    vp.render();
  }
}

/** Undo from the findings panel: takes the flagged result back and the findings with it. */
export function undoFlaggedResult(): void {
  undoEdit();
  const { check, setCheck, setNote } = useCaseStore.getState();
  if (check) setNote(`Undone: the ${check.kind} result that was flagged`);
  setCheck(null);
  liverState().last = null;
}

/** "Not liver" from the findings panel: the Liver tool, waiting for an Alt-drag over the leak. */
export function startExcludeStroke(): void {
  const c = useCaseStore.getState();
  c.setTool('liver-seed');
  c.setNote('Hold Alt and drag over the leak on any slice: the liver re-grows without it.');
}

/**
 * Semi-automatic liver: a plain click sets the seed; include / exclude
 * strokes (lists of patient points) refine the last grow. The result is the
 * whole liver including the lesions inside it.
 */
export async function liverFromClick(world: Vec3, stroke?: { points: Vec3[]; include: boolean }): Promise<void> {
  try {
    const grid = sessionGrid();
    if (!grid) throw new Error('The reference phase is still loading.');
    const referenceVolumeId = needSession().referenceVolumeId;
    const { seeds: liverSeeds, last: lastLiver } = liverState();
    // A new seed is compared with the previous seed's result; a stroke changes it on purpose.
    let previousVoxelCount: number | undefined;
    if (!stroke) {
      const seed = voxelAt(grid, world);
      if (seed === null) throw new Error('That point lies outside the reference phase.');
      Object.assign(liverSeeds, { seed, include: [], exclude: [] });
      if (lastLiver?.referenceVolumeId === referenceVolumeId) previousVoxelCount = lastLiver.voxels;
    } else {
      if (liverSeeds.seed < 0) throw new Error('Click in the liver first; strokes refine that grow.');
      const voxels = stroke.points.flatMap((p) => voxelAt(grid, p) ?? []);
      (stroke.include ? liverSeeds.include : liverSeeds.exclude).push(...voxels);
    }
    const phase = referencePhase();
    const volume = scalarOfVolume(phase.volume);
    const r = await runJob(
      'Liver from seed',
      {
        op: 'liver',
        volume,
        volumeKey: `${phase.series.seriesInstanceUid}:${volume.grid.dims.join('x')}`,
        ...liverSeeds,
        include: [...liverSeeds.include],
        exclude: [...liverSeeds.exclude],
        previousVoxelCount,
      },
      true,
    );
    if (!r) return;
    asOneUndoStep(() => {
      const seg = segmentFor('liver', 'liver');
      writeSegmentMask(seg.label, r.mask, true, 'liver');
      showCheck('liver', seg.label, grid, r.findings ?? []);
    });
    let voxels = 0;
    for (let n = 0; n < r.mask.length; n++) voxels += r.mask[n]!;
    liverState().last = { voxels, referenceVolumeId };
  } catch (e) {
    reportError('Liver from seed', e);
  }
}

/**
 * Click-to-segment a lesion on the phase where it is most conspicuous; each lesion its own
 * segment. With `to`, the click was a drag across the lesion's long axis: its length is the size
 * prior. A lesion outside the liver segment is segmented all the same and the panel offers to add
 * it to the liver.
 */
export async function lesionFromClickAt(world: Vec3, to?: Vec3): Promise<void> {
  try {
    const s = needSession();
    const grid = sessionGrid()!;
    const click = voxelAt(grid, world);
    if (click === null) throw new Error('That point lies outside the reference phase.');
    let line: [number, number] | undefined;
    let dragLengthMm: number | undefined;
    if (to) {
      const end = voxelAt(grid, to);
      if (end === null) throw new Error('The drag ends outside the reference phase.');
      line = [click, end];
      dragLengthMm = Math.hypot(to[0] - world[0], to[1] - world[1], to[2] - world[2]);
    }
    // Named as the viewer titles them, so the panel says which phase in the reader's words.
    const loaded = loadedPhases();
    const phases = loaded.map((p) => ({
      name: phaseTitle({ phase: p.name, description: p.series.description, seriesNumber: p.series.seriesNumber }),
      volume: scalarOfVolume(p.volume),
    }));
    if (!phases.length) throw new Error('No phase has finished loading yet.');
    const livers = liverLabels();
    const voxels = s.readVoxels();
    const liverMask = livers.length
      ? voxels.map((v) =>
          v && (livers.includes(v) || segments().some((x) => x.label === v && x.kind === 'lesion')) ? 1 : 0,
        )
      : undefined;
    const r = await runJob(to ? 'Lesion from drag' : 'Lesion from click', {
      op: 'lesion',
      grid,
      phases,
      click,
      line,
      dragLengthMm,
      liverMask,
    });
    if (!r) return;
    asOneUndoStep(() => {
      const store = useCaseStore.getState();
      const active = store.segments.find((x) => x.label === store.activeLabel);
      const empty = active?.kind === 'lesion' && !maskOf(s.readVoxels(), active.label).some(Boolean);
      const seg = empty ? active : store.addSegment(SEGMENT_TEMPLATES.find((t) => t.id === 'lesion')!);
      writeSegmentMask(seg.label, r.mask, false, 'lesion');
      // The phase it was segmented on and whether it lay outside the liver go and come back with it.
      const before = store.lesionOrigins[seg.label] ?? null;
      // The origin keeps the phase's label (the panel words it, by series when it is not recognised).
      const chosen = loaded[phases.findIndex((p) => p.name === r.phase)];
      const after = { phase: chosen?.name ?? 'reference', outsideLiver: Boolean(r.outsideLiver) };
      pushUndoable(`origin-${seg.label}-${Date.now()}`, (undo) =>
        useCaseStore.getState().setLesionOrigin(seg.label, undo ? before : after),
      );
      useCaseStore.getState().setLesionOrigin(seg.label, after);
      showCheck('lesion', seg.label, grid, r.findings ?? []);
    });
  } catch (e) {
    reportError(to ? 'Lesion from drag' : 'Lesion from click', e);
  }
}

/**
 * "Add to liver" for a lesion outside the liver segment: the liver outline grows over the gap to
 * the lesion (the lesion keeps its segment; whole liver = liver + lesions), as one undo step.
 */
export async function addLesionToLiver(label: number): Promise<void> {
  try {
    const s = needSession();
    const liverSeg = segments().find((x) => x.kind === 'liver');
    if (!liverSeg) throw new Error('There is no liver segment to add the lesion to.');
    const voxels = s.readVoxels();
    const liver = voxels.map((v) => (v === liverSeg.label ? 1 : 0));
    const lesion = maskOf(voxels, label);
    if (!lesion.some(Boolean)) throw new Error('That lesion has no voxels.');
    const r = await runJob('Add to liver', { op: 'join-liver', grid: sessionGrid()!, liver, lesion });
    if (!r) return;
    const store = useCaseStore.getState();
    const before = store.lesionOrigins[label];
    asOneUndoStep(() => {
      writeSegmentMask(liverSeg.label, r.mask, false, 'add-to-liver');
      if (before) {
        store.setLesionOrigin(label, { ...before, addedToLiver: true });
        pushUndoable(`add-to-liver-${label}-${Date.now()}`, (undo) =>
          useCaseStore.getState().setLesionOrigin(label, undo ? before : { ...before, addedToLiver: true }),
        );
      }
      // Its "outside the liver" finding is answered: cleared, and back with Ctrl+Z.
      const check = useCaseStore.getState().check;
      if (check?.label === label) {
        pushUndoable(`add-to-liver-check-${label}-${Date.now()}`, (undo) =>
          useCaseStore.getState().setCheck(undo ? check : null),
        );
        store.setCheck(null);
      }
    });
  } catch (e) {
    reportError('Add to liver', e);
  }
}

/** Region grow from a click into the active segment. */
export async function regionGrowAt(world: Vec3): Promise<void> {
  try {
    const label = activeLabelOrThrow();
    const grid = sessionGrid()!;
    const seed = voxelAt(grid, world);
    if (seed === null) throw new Error('That point lies outside the reference phase.');
    const r = await runJob('Region grow', {
      op: 'grow',
      volume: scalarOfVolume(referencePhase().volume),
      seeds: [seed],
    });
    if (r) writeSegmentMask(label, r.mask, false, 'grow');
  } catch (e) {
    reportError('Region grow', e);
  }
}

const OP_LABEL: Record<MaskOp, string> = {
  'fill-holes': 'Fill holes',
  'remove-islands': 'Remove islands',
  smooth: 'Smooth',
  grow: 'Grow',
  shrink: 'Shrink',
  interpolate: 'Interpolate slices',
};

/** Hole fill, island removal, smoothing, grow/shrink by mm, slice interpolation on the active segment. */
export async function maskOperation(action: MaskOp): Promise<void> {
  try {
    const label = activeLabelOrThrow();
    const s = needSession();
    const mask = maskOf(s.readVoxels(), label);
    if (!mask.some(Boolean)) throw new Error('The active segment is empty.');
    const r = await runJob(OP_LABEL[action], {
      op: 'mask',
      action,
      mask,
      grid: sessionGrid()!,
      mm: useCaseStore.getState().morphMm,
    });
    if (r) writeSegmentMask(label, r.mask, true, action);
  } catch (e) {
    reportError(OP_LABEL[action], e);
  }
}

/** Freehand fill: the inside of an outline drawn on a view goes into the active segment (one undo step). */
export function fillOutlineIntoActive(outline: Vec3[], normal: Vec3): void {
  try {
    const label = activeLabelOrThrow();
    const grid = sessionGrid();
    if (!grid) throw new Error('The reference phase is still loading.');
    const { mask, count } = fillOutline(grid, outline, normal);
    if (!count) throw new Error('The outline encloses no voxel of the reference phase; draw a larger one.');
    writeSegmentMask(label, mask, false, 'freehand');
  } catch (e) {
    reportError('Freehand fill', e);
  }
}

function activeLabelOrThrow(): number {
  const { activeLabel, segments: list } = useCaseStore.getState();
  const seg = list.find((x) => x.label === activeLabel);
  if (!seg) throw new Error('Add or choose a segment first.');
  if (seg.locked) throw new Error(`${seg.name} is locked; unlock it to edit.`);
  return seg.label;
}
