import { AblationPanel } from '../ablation/AblationPanel';
import { placeAt } from '../ablation/ablationActions';
import { useAblationStore } from '../ablation/ablationStore';
import { TrajectoryOverlay } from '../ablation/TrajectoryOverlay';
import { useAblationSession } from '../ablation/useAblationSession';
import { useUndoKeys } from '../segmentation';
import { useSegmentSession } from '../segmentation/useSegmentSession';
import { ViewerWithPanel } from './ViewerWithPanel';

/**
 * Ablation: the viewer with the case labelmap, the predicted zones and margin map as an
 * overlay, applicator paths on every view, and the planning panel. While placing, a left click
 * on a slice view sets the point instead of changing window/level.
 */
export function AblationWorkspace() {
  useSegmentSession();
  useAblationSession();
  useUndoKeys();
  const placing = useAblationStore((s) => s.placing);
  return (
    <ViewerWithPanel
      testId="ablation-workspace"
      placing={Boolean(placing)}
      onPlace={(_e, world) => placeAt(world)}
      overlays={(host) => <TrajectoryOverlay host={host} />}
    >
      <AblationPanel />
    </ViewerWithPanel>
  );
}
