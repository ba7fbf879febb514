import { registerCasePart } from '../case/caseParts';
import type { Types } from '@cornerstonejs/core';
import { FrameOverlay } from '../viewer/frameOverlay';

/** Achieved zone on the post-ablation series: magenta, distinct from the plan's cyan zone. */
const ZONE_COLOUR: Types.Color = [216, 27, 196, 255];

/** The ablation zone as segmented on the post-ablation series, shown on that series' views only. */
export const postZoneOverlay = new FrameOverlay('confirm-post-zone', 'confirm-post-zone-volume', () => [
  [1, ZONE_COLOUR],
]);

// The achieved zone is drawn for the open case only.
registerCasePart('confirm-overlay', { reset: () => postZoneOverlay.destroy() });
