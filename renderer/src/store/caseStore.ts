import { defineSlice } from './rootStore';
import type { Segment } from '../../../shared/case/model';
import { removeSegment, updateSegment } from '../../../shared/case/segmentHistory';
import { segmentFromTemplate, type SegmentTemplate } from '../../../shared/case/segmentTemplates';
import type { ThresholdPreset } from '../../../shared/segment/thresholdPresets';
import type { PlausibilityFinding } from '../../../shared/segment/liverPlausibility';
import { pushUndoable } from '../segmentation/labelmapSession';
import type { CaseStatistics } from '../segmentation/segmentJobs';

export type { EditTool } from '../../../shared/segment/segmentKeys';
import type { EditTool } from '../../../shared/segment/segmentKeys';

/** A slow operation on screen: what it is and how far (0..1). */
export interface JobState {
  label: string;
  fraction: number;
}

/** The plausibility check of the last semi-automatic result: what it was, and what looks wrong. */
export interface ResultCheck {
  kind: 'liver' | 'lesion';
  /** The segment the result went into. */
  label: number;
  findings: PlausibilityFinding[];
  /** Where the flagged slices lie, as the viewer's overlay prints positions ('S 12.5 mm – S 40.5 mm'). */
  where: string[];
  /** Per finding, a patient point (LPS mm) on its middle flagged slice to scroll to, or null. */
  focus: ([number, number, number] | null)[];
}

/** What the Segment panel shows beside a lesion made by the lesion tool (not saved with the case). */
export interface LesionOrigin {
  /** The phase it was segmented on (best lesion-to-liver contrast). */
  phase: string;
  /** The click lay outside the liver segment: offer to add the lesion to the whole liver. */
  outsideLiver: boolean;
  /** Already added to the liver (the offer is spent). */
  addedToLiver?: boolean;
}

interface CaseState {
  segments: Segment[];
  activeLabel: number | null;
  tool: EditTool;
  brushRadiusMm: number;
  thresholdPreset: ThresholdPreset['id'];
  /** Millimetres for grow/shrink and the smoothing sigma. */
  morphMm: number;
  /** Bumped on every voxel change so statistics panels recompute. */
  voxelRevision: number;
  job: JobState | null;
  stats: CaseStatistics | null;
  statsBusy: boolean;
  /** Result of the last algorithm, in words. */
  lastNote: string;
  /** Plausibility findings of the last liver or lesion result (never hidden; replaced by the next result). */
  check: ResultCheck | null;
  /** Per lesion label: the phase it was segmented on and whether it lies outside the liver. */
  lesionOrigins: Record<number, LesionOrigin>;
  /** Autosave state shown in the panel. */
  saveState: string;
  /** Why what opened is not simply the last save (crash recovery), until the user decides. */
  recovery: string | null;
  setSegments(segments: Segment[]): void;
  /** Replaces the list without an undo memo (the caller records one). */
  restoreSegments(segments: Segment[]): void;
  addSegment(template: SegmentTemplate): Segment;
  editSegment(label: number, patch: Partial<Omit<Segment, 'label'>>): void;
  deleteSegment(label: number): void;
  setActive(label: number | null): void;
  setTool(tool: EditTool): void;
  setBrushRadius(mm: number): void;
  setThresholdPreset(id: ThresholdPreset['id']): void;
  setMorphMm(mm: number): void;
  bumpVoxels(): void;
  setJob(job: JobState | null): void;
  setStats(stats: CaseStatistics | null, busy: boolean): void;
  setNote(note: string): void;
  setCheck(check: ResultCheck | null): void;
  setLesionOrigin(label: number, origin: LesionOrigin | null): void;
  setSaveState(s: string): void;
  setRecovery(message: string | null): void;
}

/**
 * The fields that describe the open patient, as a fresh case shows them (the edit tool, brush
 * and thresholds are preferences and stay across cases).
 */
export function freshCaseFields(): Pick<
  CaseState,
  | 'segments'
  | 'activeLabel'
  | 'job'
  | 'stats'
  | 'statsBusy'
  | 'lastNote'
  | 'check'
  | 'lesionOrigins'
  | 'saveState'
  | 'recovery'
> {
  return {
    segments: [],
    activeLabel: null,
    job: null,
    stats: null,
    statsBusy: false,
    lastNote: '',
    check: null,
    lesionOrigins: {},
    saveState: '',
    recovery: null,
  };
}
declare module './rootStore' {
  interface RootState {
    case: CaseState;
  }
}

/**
 * Segment metadata of the open case (never voxels). Every list edit is
 * undoable on the same history ring as voxel edits (labelmapSession.pushUndoable),
 * so Ctrl+Z walks back through brush strokes and renames alike.
 */
export const useCaseStore = defineSlice('case', (set, get) => {
  const replaceUndoably = (next: Segment[], what: string) => {
    const before = get().segments;
    set({ segments: next });
    pushUndoable(`segments-${what}-${Date.now()}`, (undo) => set({ segments: undo ? before : next }));
  };
  return {
    ...freshCaseFields(),
    tool: 'none',
    brushRadiusMm: 5,
    thresholdPreset: 'liver-pv',
    morphMm: 2,
    voxelRevision: 0,
    setSegments: (segments) =>
      set({ segments, activeLabel: segments[0]?.label ?? null, check: null, lesionOrigins: {} }),
    restoreSegments: (segments) => set({ segments }),
    addSegment: (template) => {
      const seg = segmentFromTemplate(template, get().segments);
      replaceUndoably([...get().segments, seg], 'add');
      set({ activeLabel: seg.label });
      return seg;
    },
    editSegment: (label, patch) => replaceUndoably(updateSegment(get().segments, label, patch), 'edit'),
    deleteSegment: (label) => {
      replaceUndoably(removeSegment(get().segments, label), 'delete');
      if (get().activeLabel === label) set({ activeLabel: get().segments[0]?.label ?? null });
    },
    setActive: (activeLabel) => set({ activeLabel }),
    setTool: (tool) => set({ tool }),
    setBrushRadius: (mm) => set({ brushRadiusMm: Math.min(50, Math.max(0.5, mm)) }),
    setThresholdPreset: (thresholdPreset) => set({ thresholdPreset }),
    setMorphMm: (mm) => set({ morphMm: Math.min(30, Math.max(0.5, mm)) }),
    bumpVoxels: () => set((s) => ({ voxelRevision: s.voxelRevision + 1 })),
    setJob: (job) => set({ job }),
    setStats: (stats, statsBusy) => set({ stats, statsBusy }),
    setNote: (lastNote) => set({ lastNote }),
    setCheck: (check) => set({ check }),
    setLesionOrigin: (label, origin) =>
      set((s) => {
        const next = { ...s.lesionOrigins };
        if (origin) next[label] = origin;
        else delete next[label];
        return { lesionOrigins: next };
      }),
    setSaveState: (saveState) => set({ saveState }),
    setRecovery: (recovery) => set({ recovery }),
  };
});
