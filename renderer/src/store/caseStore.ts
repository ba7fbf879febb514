import { create } from 'zustand';
import type { Segment } from '../../../shared/case/model';
import { removeSegment, updateSegment } from '../../../shared/case/segmentHistory';
import { segmentFromTemplate, type SegmentTemplate } from '../../../shared/case/segmentTemplates';
import { pushUndoable } from '../segmentation/labelmapSession';

export type EditTool = 'none' | 'brush' | 'sphere-brush' | 'eraser' | 'threshold-brush' | 'scissors' | 'fill' | 'region-grow' | 'liver-seed' | 'lesion-click';

interface CaseState {
  segments: Segment[];
  activeLabel: number | null;
  tool: EditTool;
  brushRadiusMm: number;
  /** Bumped on every voxel change so statistics panels recompute. */
  voxelRevision: number;
  setSegments(segments: Segment[]): void;
  addSegment(template: SegmentTemplate): Segment;
  editSegment(label: number, patch: Partial<Omit<Segment, 'label'>>): void;
  deleteSegment(label: number): void;
  setActive(label: number | null): void;
  setTool(tool: EditTool): void;
  setBrushRadius(mm: number): void;
  bumpVoxels(): void;
}

/**
 * Segment metadata of the open case. Every list edit is undoable on the same
 * history ring as voxel edits (labelmapSession.pushUndoable), so Ctrl+Z walks
 * back through brush strokes and renames alike.
 */
export const useCaseStore = create<CaseState>((set, get) => {
  const replaceUndoably = (next: Segment[], what: string) => {
    const before = get().segments;
    set({ segments: next });
    pushUndoable(`segments-${what}-${Date.now()}`, (undo) => set({ segments: undo ? before : next }));
  };
  return {
    segments: [],
    activeLabel: null,
    tool: 'none',
    brushRadiusMm: 5,
    voxelRevision: 0,
    setSegments: (segments) => set({ segments, activeLabel: segments[0]?.label ?? null }),
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
    setBrushRadius: (brushRadiusMm) => set({ brushRadiusMm: Math.min(50, Math.max(0.5, brushRadiusMm)) }),
    bumpVoxels: () => set((s) => ({ voxelRevision: s.voxelRevision + 1 })),
  };
});
