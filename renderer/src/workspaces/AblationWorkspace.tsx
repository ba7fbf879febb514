import { useRef, useState, type PointerEvent } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { AblationPanel } from '../ablation/AblationPanel';
import { placeAt } from '../ablation/ablationActions';
import { useAblationStore } from '../ablation/ablationStore';
import { orthoWorldAtPointer } from '../ablation/pointerWorld';
import { TrajectoryOverlay } from '../ablation/TrajectoryOverlay';
import { useAblationSession } from '../ablation/useAblationSession';
import { useSegmentSession } from '../segmentation/useSegmentSession';
import { ViewerWorkspace } from './ViewerWorkspace';
import '../ablation/ablation.css';

/**
 * Ablation: the viewer with the case labelmap, the predicted zones and margin map as an
 * overlay, applicator paths on every view, and the planning panel. While placing, a left click
 * on a slice view sets the point instead of changing window/level.
 */
export function AblationWorkspace() {
  useSegmentSession();
  useAblationSession();
  const placing = useAblationStore((s) => s.placing);
  const view = useRef<HTMLDivElement>(null);
  /** Patient position under the pointer: where a placing click would land. */
  const [cursor, setCursor] = useState<Vec3 | null>(null);

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !useAblationStore.getState().placing) return;
    const world = orthoWorldAtPointer(e);
    if (!world) return;
    e.stopPropagation();
    placeAt(world);
  };

  return (
    <section className="ablation-workspace" data-testid="ablation-workspace">
      <div className="ablation-main">
        <div
          ref={view}
          className={`ablation-view${placing ? ' placing' : ''}`}
          onPointerDownCapture={onPointerDown}
          onPointerMoveCapture={(e) => setCursor(orthoWorldAtPointer(e))}
        >
          <ViewerWorkspace />
          <TrajectoryOverlay host={view} />
        </div>
        <div className="ablation-side">
          <div className="cursor" data-testid="cursor-lps" data-lps={cursor ? cursor.join(',') : ''}>
            {cursor
              ? `Cursor L ${cursor[0].toFixed(1)} P ${cursor[1].toFixed(1)} S ${cursor[2].toFixed(1)} mm`
              : 'Cursor: off the images'}
          </div>
          <AblationPanel />
        </div>
      </div>
    </section>
  );
}
