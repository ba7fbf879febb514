import { cache, Enums, eventTarget, volumeLoader, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, segmentation } from '@cornerstonejs/tools';
import { ZONE_LABEL } from '../../../shared/ablation/analyseAblation';
import { marginBands } from '../../../shared/ablation/marginBands';
import { engine } from '../viewer/viewerEngine';

const LABELMAP = ToolEnums.SegmentationRepresentations.Labelmap;
const SEG_ID = 'ablation-overlay';
const VOLUME_ID = 'ablation-overlay-volume';
/** Predicted zone: cyan, so it never reads as one of the margin bands. */
const ZONE_COLOR: Types.Color = [0, 188, 212, 255];

let referenceVolumeId: string | null = null;

/**
 * A second labelmap over the case labelmap's reference volume that shows the predicted zone
 * and the margin map (marginBands colours) on every orthographic view of that frame of
 * reference. Separate from the case labelmap so the plan never edits the segmentation.
 */
export function ensureOverlay(refVolumeId: string): void {
  if (referenceVolumeId !== refVolumeId) {
    destroyOverlay();
    volumeLoader.createAndCacheDerivedLabelmapVolume(refVolumeId, { volumeId: VOLUME_ID });
    segmentation.addSegmentations([
      {
        segmentationId: SEG_ID,
        representation: { type: LABELMAP, data: { volumeId: VOLUME_ID, referencedVolumeId: refVolumeId } },
      },
    ]);
    referenceVolumeId = refVolumeId;
  }
  const frame = cache.getVolume(refVolumeId)?.metadata?.FrameOfReferenceUID;
  const fresh = engine()
    .getViewports()
    .filter(
      (vp) =>
        vp.type === Enums.ViewportType.ORTHOGRAPHIC &&
        vp.getActors().length > 0 &&
        vp.getFrameOfReferenceUID() === frame &&
        segmentation.state.getSegmentationRepresentations(vp.id, { segmentationId: SEG_ID }).length === 0,
    )
    .map((vp) => vp.id);
  if (!fresh.length) return;
  segmentation.addLabelmapRepresentationToViewportMap(
    Object.fromEntries(fresh.map((id) => [id, [{ segmentationId: SEG_ID }]])),
  );
  for (const vp of fresh) {
    for (const b of marginBands()) {
      segmentation.config.color.setSegmentIndexColor(vp, SEG_ID, b.label, [...b.color, 255] as Types.Color);
    }
    segmentation.config.color.setSegmentIndexColor(vp, SEG_ID, ZONE_LABEL, ZONE_COLOR);
  }
}

/** Replaces the overlay voxels (zone + margin bands) and redraws. */
export function writeOverlay(data: Uint8Array): void {
  const v = cache.getVolume(VOLUME_ID);
  if (!v) return;
  const vm = v.voxelManager as unknown as { setCompleteScalarDataArray(d: ArrayLike<number>): void };
  vm.setCompleteScalarDataArray(data);
  segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(SEG_ID);
  eventTarget.dispatchEvent(new CustomEvent('liverplan-ablation-overlay-changed'));
}

export function destroyOverlay(): void {
  if (segmentation.state.getSegmentation(SEG_ID)) segmentation.removeSegmentation(SEG_ID);
  if (cache.getVolume(VOLUME_ID)) cache.removeVolumeLoadObject(VOLUME_ID);
  referenceVolumeId = null;
}
