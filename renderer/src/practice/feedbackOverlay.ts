import { registerCasePart } from '../case/caseParts';
import { cache, Enums, eventTarget, volumeLoader, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, segmentation } from '@cornerstonejs/tools';
import { ERROR_MAP } from '../../../shared/practice/errorMap';
import { engine, orthoViewportsOfFrame } from '../viewer/viewerEngine';

const LABELMAP = ToolEnums.SegmentationRepresentations.Labelmap;
/** Labelmap value of the reference mask when it is shown instead of the errors. */
export const REFERENCE_VALUE = 4;

/** Overlay colours (RGBA): agreement faint green, false positive red, false negative blue, reference cyan. */
export const FEEDBACK_COLOURS: Record<number, Types.Color> = {
  [ERROR_MAP.agree]: [60, 200, 90, 70],
  [ERROR_MAP.falsePositive]: [240, 50, 50, 200],
  [ERROR_MAP.falseNegative]: [40, 120, 255, 200],
  [REFERENCE_VALUE]: [0, 230, 230, 150],
};

let current: { segmentationId: string; volumeId: string; referenceVolumeId: string } | null = null;

/**
 * The practice feedback as a second labelmap over every orthographic viewport of the case's frame
 * of reference (FP/FN map or the reference), derived from the case labelmap's reference volume so
 * its voxels line up with the attempt's one for one.
 */
export function showFeedback(referenceVolumeId: string, voxels: Uint8Array): void {
  if (!current || current.referenceVolumeId !== referenceVolumeId) {
    clearFeedback();
    const tag = referenceVolumeId.replace(/[^A-Za-z0-9]/g, '').slice(-24);
    current = {
      segmentationId: `practice-feedback-${tag}`,
      volumeId: `practice-feedback-${tag}-volume`,
      referenceVolumeId,
    };
    volumeLoader.createAndCacheDerivedLabelmapVolume(referenceVolumeId, { volumeId: current.volumeId });
    segmentation.addSegmentations([
      {
        segmentationId: current.segmentationId,
        representation: { type: LABELMAP, data: { volumeId: current.volumeId, referencedVolumeId: referenceVolumeId } },
      },
    ]);
  }
  const volume = cache.getVolume(current.volumeId);
  if (!volume) return;
  const vm = volume.voxelManager as unknown as { setCompleteScalarDataArray(d: ArrayLike<number>): void };
  vm.setCompleteScalarDataArray(voxels);
  segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(current.segmentationId);
  attachFeedback();
}

/** Puts the overlay on viewports that lack it (the viewer recreates viewports on layout changes). */
export function attachFeedback(): number {
  const c = current;
  if (!c) return 0;
  const fresh = orthoViewportsOfFrame(c.referenceVolumeId)
    .filter((vp) => !(beside && ownsAttempt(vp, c)))
    .map((vp) => vp.id)
    .filter(
      (id) => segmentation.state.getSegmentationRepresentations(id, { segmentationId: c.segmentationId }).length === 0,
    );
  if (fresh.length === 0) return 0;
  segmentation.addLabelmapRepresentationToViewportMap(
    Object.fromEntries(fresh.map((id) => [id, [{ segmentationId: c.segmentationId }]])),
  );
  for (const vp of fresh)
    for (const [value, colour] of Object.entries(FEEDBACK_COLOURS))
      segmentation.config.color.setSegmentIndexColor(vp, c.segmentationId, Number(value), colour);
  eventTarget.dispatchEvent(new CustomEvent('liverplan-practice-overlay', { detail: { viewports: fresh.length } }));
  return fresh.length;
}

/** Side by side on: the feedback stays off the viewports of the attempt's own series. */
let beside = false;

const ownsAttempt = (vp: Types.IViewport, c: NonNullable<typeof current>) =>
  (vp as Types.IVolumeViewport).hasVolumeId(c.referenceVolumeId);

/**
 * Side by side: the attempt alone on the viewports that show its own series (portal venous), the
 * reference alone on every other viewport; `false` shows both layers everywhere again. The
 * feedback is removed from the attempt's viewports rather than hidden (its segments appear after
 * the voxels are written, and a hidden representation shows segments it did not know yet).
 */
export function setBeside(attemptSegmentationId: string | null, on: boolean): void {
  beside = on;
  const c = current;
  for (const vp of engine().getViewports()) {
    if (vp.type !== Enums.ViewportType.ORTHOGRAPHIC) continue;
    const own = c ? ownsAttempt(vp, c) : false;
    if (c && on && own) segmentation.removeLabelmapRepresentation(vp.id, c.segmentationId, true);
    if (
      attemptSegmentationId &&
      segmentation.state.getSegmentationRepresentations(vp.id, { segmentationId: attemptSegmentationId }).length
    ) {
      segmentation.config.visibility.setSegmentationRepresentationVisibility(
        vp.id,
        { segmentationId: attemptSegmentationId, type: LABELMAP },
        !on || own,
      );
    }
  }
  if (!on) attachFeedback();
}

export function clearFeedback(): void {
  if (!current) return;
  segmentation.removeSegmentation(current.segmentationId);
  cache.removeVolumeLoadObject(current.volumeId);
  current = null;
}

// The error map and the side-by-side mode end with the case they scored.
registerCasePart('practice-overlay', {
  reset: ({ viewerShown }) => {
    if (viewerShown) setBeside(null, false);
    clearFeedback();
  },
});
