import { registerCasePart } from '../case/caseParts';
import type { Types } from '@cornerstonejs/core';
import { ZONE_LABEL } from '../../../shared/ablation/analyseAblation';
import { marginBands } from '../../../shared/ablation/marginBands';
import { FrameOverlay } from '../viewer/frameOverlay';

/** Predicted zone: cyan, so it never reads as one of the margin bands. */
const ZONE_COLOR: Types.Color = [0, 188, 212, 255];

/**
 * A second labelmap over the case labelmap's reference volume that shows the predicted (or, on
 * the Confirm tab, the achieved) zone and the margin map (marginBands colours) on every
 * orthographic view of that frame of reference. Separate from the case labelmap so the plan
 * never edits the segmentation.
 */
const overlay = new FrameOverlay(
  'ablation-overlay',
  'ablation-overlay-volume',
  () => [...marginBands().map((b): [number, Types.Color] => [b.label, [...b.color, 255]]), [ZONE_LABEL, ZONE_COLOR]],
  'liverplan-ablation-overlay-changed',
);

export function ensureOverlay(refVolumeId: string): void {
  overlay.ensure(refVolumeId);
}

/** Replaces the overlay voxels (zone + margin bands) and redraws. */
export function writeOverlay(data: Uint8Array): void {
  overlay.write(data);
}

export function destroyOverlay(): void {
  overlay.destroy();
}

// The predicted zone and margin map are drawn for the open case only.
registerCasePart('ablation-overlay', { reset: () => destroyOverlay() });
