import { useRef, useState, type PointerEvent, type ReactNode, type RefObject } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { orthoWorldAtPointer } from '../ablation/pointerWorld';
import { ViewerWorkspace } from './ViewerWorkspace';
import '../ablation/ablation.css';

interface Props {
  testId: string;
  /** While true a left click on a slice view is a placement, not window/level. */
  placing: boolean;
  /** Handles a placement click at a patient point on a view. */
  onPlace(e: PointerEvent, world: Vec3): void;
  /** SVG layers over the views (they need the host to position themselves). */
  overlays(host: RefObject<HTMLDivElement | null>): ReactNode;
  /** The side panel. */
  children: ReactNode;
}

/**
 * The viewer with placement clicks, overlays, a cursor read-out in patient millimetres and a
 * side panel: the frame of the Ablation and Confirm workspaces.
 */
export function ViewerWithPanel({ testId, placing, onPlace, overlays, children }: Props) {
  const view = useRef<HTMLDivElement>(null);
  /** Patient position under the pointer: where a placing click would land. */
  const [cursor, setCursor] = useState<Vec3 | null>(null);

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || !placing) return;
    const world = orthoWorldAtPointer(e);
    if (!world) return;
    e.stopPropagation();
    onPlace(e, world);
  };

  return (
    <section className="ablation-workspace" data-testid={testId}>
      <div className="ablation-main">
        <div
          ref={view}
          className={`ablation-view${placing ? ' placing' : ''}`}
          onPointerDownCapture={onPointerDown}
          onPointerMoveCapture={(e) => setCursor(orthoWorldAtPointer(e))}
        >
          <ViewerWorkspace />
          {overlays(view)}
        </div>
        <div className="ablation-side">
          <div className="cursor" data-testid="cursor-lps" data-lps={cursor ? cursor.join(',') : ''}>
            {cursor
              ? `Cursor L ${cursor[0].toFixed(1)} P ${cursor[1].toFixed(1)} S ${cursor[2].toFixed(1)} mm`
              : 'Cursor: off the images'}
          </div>
          {children}
        </div>
      </div>
    </section>
  );
}
