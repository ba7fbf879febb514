import { cache, eventTarget, utilities as csUtils, volumeLoader, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, segmentation } from '@cornerstonejs/tools';
import type { Segment } from '../../../shared/case/model';

const { DefaultHistoryMemo } = csUtils.HistoryMemo;
const LABELMAP = ToolEnums.SegmentationRepresentations.Labelmap;

/**
 * The one labelmap of a case, as a Cornerstone labelmap volume derived from
 * the reference series' volume, shown on every viewport of the frame of
 * reference. Voxel truth lives here (never in zustand); segment metadata
 * (names, colours, visibility, locks) is pushed in from the case store.
 */
export class LabelmapSession {
  readonly segmentationId: string;
  readonly labelmapVolumeId: string;
  private viewportIds = new Set<string>();

  private constructor(readonly referenceVolumeId: string) {
    this.segmentationId = `case-labels-${referenceVolumeId.replace(/[^A-Za-z0-9]/g, '').slice(-24)}`;
    this.labelmapVolumeId = `${this.segmentationId}-volume`;
  }

  static create(referenceVolumeId: string, initial?: Uint8Array): LabelmapSession {
    const s = new LabelmapSession(referenceVolumeId);
    if (!cache.getVolume(s.labelmapVolumeId)) {
      volumeLoader.createAndCacheDerivedLabelmapVolume(referenceVolumeId, { volumeId: s.labelmapVolumeId });
    }
    if (!segmentation.state.getSegmentation(s.segmentationId)) {
      segmentation.addSegmentations([
        {
          segmentationId: s.segmentationId,
          representation: {
            type: LABELMAP,
            data: { volumeId: s.labelmapVolumeId, referencedVolumeId: referenceVolumeId },
          },
        },
      ]);
    }
    if (initial) s.replaceVoxels(initial, false);
    return s;
  }

  get volume(): Types.IImageVolume {
    const v = cache.getVolume(this.labelmapVolumeId);
    if (!v) throw new Error('The case labelmap is no longer in memory; reopen the case.');
    return v;
  }

  get dimensions(): Types.Point3 {
    return this.volume.dimensions;
  }

  /**
   * Shows the labelmap on these viewports (idempotent). Asks Cornerstone's own
   * state rather than remembering: a layout change recreates viewports with
   * the same ids but without their representations.
   */
  attach(viewportIds: string[]): string[] {
    const fresh = viewportIds.filter(
      (id) =>
        segmentation.state.getSegmentationRepresentations(id, { segmentationId: this.segmentationId }).length === 0,
    );
    viewportIds.forEach((id) => this.viewportIds.add(id));
    if (fresh.length === 0) return fresh;
    segmentation.addLabelmapRepresentationToViewportMap(
      Object.fromEntries(fresh.map((id) => [id, [{ segmentationId: this.segmentationId }]])),
    );
    return fresh;
  }

  /** Applies colours, visibility and locks of the case's segment list to every viewport. */
  applySegments(segments: Segment[]): void {
    // Only viewports that still carry the representation (a layout change drops it).
    const shown = [...this.viewportIds].filter(
      (id) => segmentation.state.getSegmentationRepresentations(id, { segmentationId: this.segmentationId }).length > 0,
    );
    // Cornerstone's own segment records (names, locks) must exist before a lock is set on them.
    const current = segmentation.state.getSegmentation(this.segmentationId)?.segments ?? {};
    const active = segmentation.segmentIndex.getActiveSegmentIndex(this.segmentationId);
    segmentation.updateSegmentations(
      [
        {
          segmentationId: this.segmentationId,
          payload: {
            segments: Object.fromEntries(
              segments.map((s) => [
                s.label,
                {
                  segmentIndex: s.label,
                  label: s.name,
                  locked: s.locked,
                  active: s.label === active,
                  cachedStats: current[s.label]?.cachedStats ?? {},
                },
              ]),
            ),
          },
        },
      ],
      true,
    );
    for (const s of segments) {
      for (const vp of shown) {
        segmentation.config.color.setSegmentIndexColor(vp, this.segmentationId, s.label, [
          ...s.color,
          255,
        ] as Types.Color);
        segmentation.config.visibility.setSegmentIndexVisibility(
          vp,
          { segmentationId: this.segmentationId, type: LABELMAP },
          s.label,
          s.visible,
        );
      }
    }
  }

  setActiveSegment(label: number): void {
    segmentation.segmentIndex.setActiveSegmentIndex(this.segmentationId, label);
  }

  /** A copy of all voxels (Uint8Array, i fastest then j then k). */
  readVoxels(): Uint8Array {
    const vm = this.volume.voxelManager as unknown as { getCompleteScalarDataArray(): ArrayLike<number> };
    const data = vm.getCompleteScalarDataArray();
    return data instanceof Uint8Array ? data.slice() : Uint8Array.from(data);
  }

  /**
   * Replaces all voxels (algorithm results, imports, undo). With `memo` the
   * change joins Cornerstone's history ring, so Ctrl+Z undoes it just like a
   * brush stroke.
   */
  replaceVoxels(next: Uint8Array, memo = true, label = 'edit'): void {
    const before = memo ? this.readVoxels() : null;
    this.write(next);
    if (before) {
      const after = next.slice();
      DefaultHistoryMemo.push({
        id: `${this.segmentationId}-${label}-${Date.now()}`,
        operationType: 'labelmap',
        restoreMemo: (undo?: boolean) => this.write(undo ? before : after),
      });
    }
  }

  /** Replaces all voxels without an undo memo (the caller records its own compound memo). */
  write(data: Uint8Array): void {
    const vm = this.volume.voxelManager as unknown as { setCompleteScalarDataArray(d: ArrayLike<number>): void };
    vm.setCompleteScalarDataArray(data);
    segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(this.segmentationId);
    eventTarget.dispatchEvent(
      new CustomEvent('liverplan-labelmap-changed', { detail: { segmentationId: this.segmentationId } }),
    );
  }

  destroy(): void {
    segmentation.removeSegmentation(this.segmentationId);
    cache.removeVolumeLoadObject(this.labelmapVolumeId);
    this.viewportIds.clear();
  }
}

export function undoEdit(): void {
  DefaultHistoryMemo.undo();
}
export function redoEdit(): void {
  DefaultHistoryMemo.redo();
}
export function canUndo(): boolean {
  return DefaultHistoryMemo.canUndo;
}
export function canRedo(): boolean {
  return DefaultHistoryMemo.canRedo;
}
/**
 * Forgets every undo step (a case closed): the memos hold the closed case's voxels and would
 * write them into whatever labelmap Ctrl+Z reaches next. Setting the ring size resets it.
 */
export function clearUndoHistory(): void {
  const size = DefaultHistoryMemo.size;
  DefaultHistoryMemo.size = size;
}
/** Pushes an arbitrary undoable action (segment add/rename/colour) onto the same ring as voxel edits. */
export function pushUndoable(id: string, restore: (undo: boolean) => void): void {
  DefaultHistoryMemo.push({ id, operationType: 'segments', restoreMemo: (undo?: boolean) => restore(Boolean(undo)) });
}
/** Runs fn so that every memo it pushes becomes one undo step. */
export function asOneUndoStep(fn: () => void): void {
  DefaultHistoryMemo.startGroupRecording();
  try {
    fn();
  } finally {
    DefaultHistoryMemo.endGroupRecording();
  }
}
