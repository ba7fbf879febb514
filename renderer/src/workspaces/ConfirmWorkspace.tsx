import { useRef, useState, type PointerEvent } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { orthoWorldAtPointer } from '../ablation/pointerWorld';
import { ConfirmPanel } from '../confirm/ConfirmPanel';
import { placeLandmark, segmentZoneAt } from '../confirm/confirmActions';
import { useConfirmStore } from '../confirm/confirmStore';
import { LandmarkOverlay } from '../confirm/LandmarkOverlay';
import { useConfirmSession } from '../confirm/useConfirmSession';
import { referenceSeries } from '../segmentation/caseSession';
import { useSegmentSession } from '../segmentation/useSegmentSession';
import { useStudyStore } from '../store/studyStore';
import { viewportOf } from '../viewer/viewerEngine';
import { ViewerWorkspace } from './ViewerWorkspace';
import '../ablation/ablation.css';
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
  const mode = useConfirmStore((s) => s.mode);
  const series = useStudyStore((s) => s.viewerSeries);
  const preFrame = referenceSeries(series)?.frameOfReferenceUid ?? '';
  const view = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<Vec3 | null>(null);

  const onPointerDown = (e: PointerEvent) => {
    const m = useConfirmStore.getState().mode;
    if (e.button !== 0 || !m) return;
    const world = orthoWorldAtPointer(e);
    const frame = frameAt(e);
    if (!world || !frame) return;
    e.stopPropagation();
    if (m === 'landmark') placeLandmark(world, frame);
    else if (frame === preFrame) useConfirmStore.getState().set({ note: 'Click the zone on the post-ablation view.' });
    else void segmentZoneAt(world);
  };

  return (
    <section className="ablation-workspace" data-testid="confirm-workspace">
      <div className="ablation-main">
        <div
          ref={view}
          className={`ablation-view${mode ? ' placing' : ''}`}
          onPointerDownCapture={onPointerDown}
          onPointerMoveCapture={(e) => setCursor(orthoWorldAtPointer(e))}
        >
          <ViewerWorkspace />
          <LandmarkOverlay host={view} preFrame={preFrame} />
        </div>
        <div className="ablation-side">
          <div className="cursor" data-testid="cursor-lps" data-lps={cursor ? cursor.join(',') : ''}>
            {cursor
              ? `Cursor L ${cursor[0].toFixed(1)} P ${cursor[1].toFixed(1)} S ${cursor[2].toFixed(1)} mm`
              : 'Cursor: off the images'}
          </div>
          <ConfirmPanel />
        </div>
      </div>
    </section>
  );
}
