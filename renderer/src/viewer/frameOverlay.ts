import { cache, eventTarget, volumeLoader, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, segmentation } from '@cornerstonejs/tools';
import { orthoViewportsOfFrame } from './viewerEngine';

const LABELMAP = ToolEnums.SegmentationRepresentations.Labelmap;

/**
 * A display-only labelmap derived from one volume, shown on every orthographic view of that
 * volume's frame of reference (never on another frame: its coordinates mean other places).
 * Used for overlays that must not touch the case labelmap: the plan's predicted zone and
 * margin map, the achieved zone on a post-ablation series.
 */
export class FrameOverlay {
  private referenceVolumeId: string | null = null;

  constructor(
    private readonly segmentationId: string,
    private readonly volumeId: string,
    private readonly colours: () => [label: number, colour: Types.Color][],
    /** Fired on eventTarget after each write (overlays redraw their legends on it). */
    private readonly changedEvent?: string,
  ) {}

  get reference(): string | null {
    return this.referenceVolumeId;
  }

  /** Creates the labelmap for this reference volume (once) and adds it to new views of its frame. */
  ensure(refVolumeId: string): void {
    if (this.referenceVolumeId !== refVolumeId) {
      this.destroy();
      volumeLoader.createAndCacheDerivedLabelmapVolume(refVolumeId, { volumeId: this.volumeId });
      segmentation.addSegmentations([
        {
          segmentationId: this.segmentationId,
          representation: { type: LABELMAP, data: { volumeId: this.volumeId, referencedVolumeId: refVolumeId } },
        },
      ]);
      this.referenceVolumeId = refVolumeId;
    }
    const fresh = orthoViewportsOfFrame(refVolumeId)
      .filter(
        (vp) =>
          segmentation.state.getSegmentationRepresentations(vp.id, { segmentationId: this.segmentationId }).length ===
          0,
      )
      .map((vp) => vp.id);
    if (!fresh.length) return;
    segmentation.addLabelmapRepresentationToViewportMap(
      Object.fromEntries(fresh.map((id) => [id, [{ segmentationId: this.segmentationId }]])),
    );
    for (const vp of fresh) {
      for (const [label, colour] of this.colours()) {
        segmentation.config.color.setSegmentIndexColor(vp, this.segmentationId, label, colour);
      }
    }
  }

  /** Replaces every voxel (same length as the reference volume) and redraws. */
  write(data: ArrayLike<number>): void {
    const v = cache.getVolume(this.volumeId);
    if (!v) return;
    const vm = v.voxelManager as unknown as { setCompleteScalarDataArray(d: ArrayLike<number>): void };
    vm.setCompleteScalarDataArray(data);
    segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(this.segmentationId);
    if (this.changedEvent) eventTarget.dispatchEvent(new CustomEvent(this.changedEvent));
  }

  /** A copy of the voxels, or null before the overlay exists. */
  read(): Uint8Array | null {
    const v = cache.getVolume(this.volumeId);
    if (!v) return null;
    const vm = v.voxelManager as unknown as { getCompleteScalarDataArray(): ArrayLike<number> };
    return Uint8Array.from(vm.getCompleteScalarDataArray());
  }

  destroy(): void {
    if (segmentation.state.getSegmentation(this.segmentationId)) segmentation.removeSegmentation(this.segmentationId);
    if (cache.getVolume(this.volumeId)) cache.removeVolumeLoadObject(this.volumeId);
    this.referenceVolumeId = null;
  }
}
