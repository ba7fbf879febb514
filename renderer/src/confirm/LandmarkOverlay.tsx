import type { Vec3 } from '../../../shared/volume/grid';
import { useViewportProjection } from '../viewer/useViewportProjection';
import { useConfirmStore } from './confirmStore';

interface Marker {
  n: number;
  x: number;
  y: number;
  /** Within a slice of the displayed plane (else drawn faint: it lies on another slice). */
  onSlice: boolean;
}

/** A landmark closer than this to the viewed plane is drawn as on it (mm). */
const ON_SLICE_MM = 2;

/**
 * Numbers each landmark on the views of its own series (pre points on the pre-procedure views,
 * post points on the post-ablation view), projected with each viewport's worldToCanvas, so the
 * user sees which pair is which while scrolling. Host must be position: relative.
 */
export function LandmarkOverlay({ host, preFrame }: { host: React.RefObject<HTMLElement | null>; preFrame: string }) {
  const pairs = useConfirmStore((s) => s.pairs);
  const views = useViewportProjection<Marker[]>(
    host,
    (vp) => {
      if (!('getFrameOfReferenceUID' in vp)) return null;
      const side = vp.getFrameOfReferenceUID() === preFrame ? 'pre' : 'post';
      const { focalPoint: f, viewPlaneNormal: nrm } = vp.getCamera();
      return pairs.flatMap((p, n) => {
        const w: Vec3 | null = p[side];
        if (!w || !f || !nrm) return [];
        const [x, y] = vp.worldToCanvas(w);
        const d = (w[0] - f[0]) * nrm[0] + (w[1] - f[1]) * nrm[1] + (w[2] - f[2]) * nrm[2];
        return [{ n: n + 1, x, y, onSlice: Math.abs(d) <= ON_SLICE_MM }];
      });
    },
    [pairs, preFrame],
  );

  return (
    <>
      {views.map((v) => (
        <svg
          key={v.id}
          className="landmark-overlay"
          data-testid={`landmarks-${v.id}`}
          data-count={v.data.length}
          style={{ left: v.left, top: v.top, width: v.width, height: v.height }}
          viewBox={`0 0 ${v.width} ${v.height}`}
        >
          {v.data.map((m) => (
            <g key={m.n} className={m.onSlice ? 'on' : 'off'}>
              <circle cx={m.x} cy={m.y} r={6} />
              <text x={m.x + 8} y={m.y - 8}>
                {m.n}
              </text>
            </g>
          ))}
        </svg>
      ))}
    </>
  );
}
