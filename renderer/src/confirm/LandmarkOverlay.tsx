import { useEffect, useRef, useState } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { engine } from '../viewer/viewerEngine';
import { useConfirmStore } from './confirmStore';

interface Marker {
  n: number;
  x: number;
  y: number;
  /** Within a slice of the displayed plane (else drawn faint: it lies on another slice). */
  onSlice: boolean;
}

interface View {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
  markers: Marker[];
}

const REFRESH_MS = 150;
/** A landmark closer than this to the viewed plane is drawn as on it (mm). */
const ON_SLICE_MM = 2;

/**
 * Numbers each landmark on the views of its own series (pre points on the pre-procedure views,
 * post points on the post-ablation view), projected with each viewport's worldToCanvas, so the
 * user sees which pair is which while scrolling. Host must be position: relative.
 */
export function LandmarkOverlay({ host, preFrame }: { host: React.RefObject<HTMLElement | null>; preFrame: string }) {
  const pairs = useConfirmStore((s) => s.pairs);
  const [views, setViews] = useState<View[]>([]);
  const last = useRef('');

  useEffect(() => {
    const project = () => {
      const h = host.current;
      if (!h) return;
      const hr = h.getBoundingClientRect();
      const out: View[] = [];
      for (const vp of engine().getViewports()) {
        if (!vp.getActors().length || !('getFrameOfReferenceUID' in vp)) continue;
        const side = vp.getFrameOfReferenceUID() === preFrame ? 'pre' : 'post';
        const cam = vp.getCamera();
        const f = cam.focalPoint!;
        const nrm = cam.viewPlaneNormal!;
        const r = vp.element.getBoundingClientRect();
        const markers = pairs.flatMap((p, n) => {
          const w: Vec3 | null = p[side];
          if (!w) return [];
          const [x, y] = vp.worldToCanvas(w);
          const d = (w[0] - f[0]) * nrm[0] + (w[1] - f[1]) * nrm[1] + (w[2] - f[2]) * nrm[2];
          return [{ n: n + 1, x, y, onSlice: Math.abs(d) <= ON_SLICE_MM }];
        });
        out.push({
          id: vp.id,
          left: r.left - hr.left,
          top: r.top - hr.top,
          width: r.width,
          height: r.height,
          markers,
        });
      }
      const key = JSON.stringify(out);
      if (key !== last.current) {
        last.current = key;
        setViews(out);
      }
    };
    project();
    const t = setInterval(project, REFRESH_MS);
    return () => clearInterval(t);
  }, [host, pairs, preFrame]);

  return (
    <>
      {views.map((v) => (
        <svg
          key={v.id}
          className="landmark-overlay"
          data-testid={`landmarks-${v.id}`}
          data-count={v.markers.length}
          style={{ left: v.left, top: v.top, width: v.width, height: v.height }}
          viewBox={`0 0 ${v.width} ${v.height}`}
        >
          {v.markers.map((m) => (
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
