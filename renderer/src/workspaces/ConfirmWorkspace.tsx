import type { PointerEvent } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { ConfirmPanel } from '../confirm/ConfirmPanel';
import { placeLandmark, segmentZoneAt } from '../confirm/confirmActions';
import { useConfirmStore } from '../confirm/confirmStore';
import { LandmarkOverlay } from '../confirm/LandmarkOverlay';
import { useConfirmSession } from '../confirm/useConfirmSession';
import { useUndoKeys } from '../segmentation';
import { referenceSeries } from '../segmentation/caseSession';
import { useSegmentSession } from '../segmentation/useSegmentSession';
import { useStudyStore } from '../store/studyStore';
import { viewportOf } from '../viewer/viewerEngine';
import { ViewerWithPanel } from './ViewerWithPanel';
import '../confirm/confirm.css';

/** The frame of reference of the viewport under a pointer event. */
function frameAt(e: PointerEvent): string | null {
  const pane = (e.target as HTMLElement | null)?.closest?.('[data-testid^="viewport-"]');
  const id = pane?.getAttribute('data-testid')?.slice('viewport-'.length);
  return (id && viewportOf(id)?.getFrameOfReferenceUID()) || null;
}

/**
 * Confirm: the pre-procedure reference phase beside the post-ablation series. While a click
 * mode is on, a left click segments the zone (post view) or places a landmark (either view)
 * instead of changing window/level.
 */
export function ConfirmWorkspace() {
  useSegmentSession();
  useConfirmSession();
  useUndoKeys();
  const mode = useConfirmStore((s) => s.mode);
  const series = useStudyStore((s) => s.viewerSeries);
  const preFrame = referenceSeries(series)?.frameOfReferenceUid ?? '';

  const onPlace = (e: PointerEvent, world: Vec3) => {
    const frame = frameAt(e);
    if (!frame) return;
    if (mode === 'landmark') placeLandmark(world, frame);
    else if (frame === preFrame) useConfirmStore.getState().set({ note: 'Click the zone on the post-ablation view.' });
    else void segmentZoneAt(world);
  };

  return (
    <ViewerWithPanel
      testId="confirm-workspace"
      placing={mode !== null}
      onPlace={onPlace}
      overlays={(host) => <LandmarkOverlay host={host} preFrame={preFrame} />}
    >
      <ConfirmPanel />
    </ViewerWithPanel>
  );
}
