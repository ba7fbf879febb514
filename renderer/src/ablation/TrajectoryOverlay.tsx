import { useEffect, useRef, useState } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { engine } from '../viewer/viewerEngine';
import { useAblationStore } from './ablationStore';

interface Projected {
  viewportId: string;
  left: number;
  top: number;
  width: number;
  height: number;
  paths: { id: string; entry: [number, number]; tip: [number, number]; selected: boolean }[];
  draft: [number, number] | null;
}

/** Redraw period: cameras move by scroll, zoom, pan and crosshairs; projecting is cheap. */
const REFRESH_MS = 150;

/**
 * Draws every applicator path on every view (orthographic and 3D) as an SVG layer: entry and
 * tip are projected with each viewport's own worldToCanvas, so the line is right on oblique
 * views and in the 3D view alike. The host element must be position: relative.
 */
export function TrajectoryOverlay({ host }: { host: React.RefObject<HTMLElement | null> }) {
  const applicators = useAblationStore((s) => s.applicators);
  const selectedId = useAblationStore((s) => s.selectedId);
  const draftTip = useAblationStore((s) => s.draftTip);
  const [views, setViews] = useState<Projected[]>([]);
  const last = useRef('');

  useEffect(() => {
    const project = () => {
      const h = host.current;
      if (!h) return;
      const hr = h.getBoundingClientRect();
      const out: Projected[] = [];
      for (const vp of engine().getViewports()) {
        if (!vp.getActors().length) continue;
        const r = vp.element.getBoundingClientRect();
        const p = (w: Vec3) => [...vp.worldToCanvas(w)] as [number, number];
        out.push({
          viewportId: vp.id,
          left: r.left - hr.left,
          top: r.top - hr.top,
          width: r.width,
          height: r.height,
          paths: applicators.map((a) => ({
            id: a.id,
            entry: p(a.entry),
            tip: p(a.tip),
            selected: a.id === selectedId,
          })),
          draft: draftTip ? p(draftTip) : null,
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
  }, [host, applicators, selectedId, draftTip]);

  return (
    <>
      {views.map((v) => (
        <svg
          key={v.viewportId}
          className="trajectory-overlay"
          data-testid={`trajectory-${v.viewportId}`}
          data-paths={v.paths.length}
          style={{ left: v.left, top: v.top, width: v.width, height: v.height }}
          viewBox={`0 0 ${v.width} ${v.height}`}
        >
          {v.paths.map((p) => (
            <g key={p.id} className={p.selected ? 'selected' : ''}>
              <line x1={p.entry[0]} y1={p.entry[1]} x2={p.tip[0]} y2={p.tip[1]} />
              <circle className="entry" cx={p.entry[0]} cy={p.entry[1]} r={5} />
              <circle className="tip" cx={p.tip[0]} cy={p.tip[1]} r={4} />
            </g>
          ))}
          {v.draft && <circle className="draft" cx={v.draft[0]} cy={v.draft[1]} r={6} />}
        </svg>
      ))}
    </>
  );
}
