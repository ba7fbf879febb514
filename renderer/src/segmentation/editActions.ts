import { removeSegment } from '../../../shared/case/segmentHistory';
import { SEGMENT_TEMPLATES } from '../../../shared/case/segmentTemplates';
import type { Segment } from '../../../shared/case/model';
import { fillOutline } from '../../../shared/segment/fillOutline';
import type { Vec3 } from '../../../shared/volume/grid';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { currentSession, loadedPhases, referenceSeries, sessionGrid, voxelAt } from './caseSession';
import { asOneUndoStep, pushUndoable } from './labelmapSession';
import { clearLabel, maskOf, mergeMask } from './mergeMask';
import { JobCancelled, runInWorker, type WorkerRun } from './runInWorker';
import type { MaskOp, MaskResult, SegmentJob } from './segmentJobs';
import { scalarOfVolume } from './volumeGrid';
import { useStudyStore } from '../store/studyStore';

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
  store.restoreSegments(after);
  if (store.activeLabel === label) store.setActive(after[0]?.label ?? null);
  const voxelsBefore = s?.readVoxels();
  const voxelsAfter = voxelsBefore && clearLabel(voxelsBefore, label);
  if (s && voxelsAfter) s.write(voxelsAfter);
  // One memo restores list and voxels together.
  pushUndoable(`delete-${label}-${Date.now()}`, (undo) => {
    useCaseStore.getState().restoreSegments(undo ? before : after);
    if (s && voxelsBefore && voxelsAfter) s.write(undo ? voxelsBefore : voxelsAfter);
  });
}

/** Cancels the running algorithm (its worker is terminated). */
export function cancelJob(): void {
  running?.cancel();
}

async function runJob(label: string, job: SegmentJob): Promise<MaskResult | null> {
  running?.cancel();
  const { setJob, setNote } = useCaseStore.getState();
  setJob({ label, fraction: 0 });
  const run = runInWorker<MaskResult>(job, (fraction) => setJob({ label, fraction }));
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

/** Liver seeds of the current grow: a new click starts over, strokes refine it. */
const liverSeeds = { seed: -1, include: [] as number[], exclude: [] as number[] };

/**
 * Semi-automatic liver: a plain click sets the seed; include / exclude
 * strokes (lists of patient points) refine the last grow. The result is the
 * whole liver including the lesions inside it.
 */
export async function liverFromClick(world: Vec3, stroke?: { points: Vec3[]; include: boolean }): Promise<void> {
  try {
    const grid = sessionGrid();
    if (!grid) throw new Error('The reference phase is still loading.');
    if (!stroke) {
      const seed = voxelAt(grid, world);
      if (seed === null) throw new Error('That point lies outside the reference phase.');
      Object.assign(liverSeeds, { seed, include: [], exclude: [] });
    } else {
      if (liverSeeds.seed < 0) throw new Error('Click in the liver first; strokes refine that grow.');
      const voxels = stroke.points.flatMap((p) => voxelAt(grid, p) ?? []);
      (stroke.include ? liverSeeds.include : liverSeeds.exclude).push(...voxels);
    }
    const volume = scalarOfVolume(referencePhase().volume);
    const r = await runJob('Liver from seed', {
      op: 'liver',
      volume,
      ...liverSeeds,
      include: [...liverSeeds.include],
      exclude: [...liverSeeds.exclude],
    });
    if (!r) return;
    asOneUndoStep(() => {
      const seg = segmentFor('liver', 'liver');
      writeSegmentMask(seg.label, r.mask, true, 'liver');
    });
  } catch (e) {
    reportError('Liver from seed', e);
  }
}

/** Click-to-segment a lesion on the phase where it is most conspicuous; each lesion its own segment. */
export async function lesionFromClickAt(world: Vec3): Promise<void> {
  try {
    const s = needSession();
    const grid = sessionGrid()!;
    const click = voxelAt(grid, world);
    if (click === null) throw new Error('That point lies outside the reference phase.');
    const phases = loadedPhases().map((p) => ({ name: p.name, volume: scalarOfVolume(p.volume) }));
    if (!phases.length) throw new Error('No phase has finished loading yet.');
    const livers = liverLabels();
    const voxels = s.readVoxels();
    const liverMask = livers.length
      ? voxels.map((v) =>
          v && (livers.includes(v) || segments().some((x) => x.label === v && x.kind === 'lesion')) ? 1 : 0,
        )
      : undefined;
    const r = await runJob('Lesion from click', { op: 'lesion', grid, phases, click, liverMask });
    if (!r) return;
    asOneUndoStep(() => {
      const store = useCaseStore.getState();
      const active = store.segments.find((x) => x.label === store.activeLabel);
      const empty = active?.kind === 'lesion' && !maskOf(s.readVoxels(), active.label).some(Boolean);
      const seg = empty ? active : store.addSegment(SEGMENT_TEMPLATES.find((t) => t.id === 'lesion')!);
      writeSegmentMask(seg.label, r.mask, false, 'lesion');
    });
  } catch (e) {
    reportError('Lesion from click', e);
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
