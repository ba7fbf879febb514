import { Enums } from '@cornerstonejs/core';
import { applicatorFromDevice } from '../../../shared/ablation/applicatorFromDevice';
import { zoneSurfacePoints } from '../../../shared/ablation/zoneSurfacePoints';
import { convexHull2d } from '../../../shared/volume/hull2d';
import type { Vec3 } from '../../../shared/volume/grid';
import { useViewportProjection } from '../viewer/useViewportProjection';
import type { ApplicatorPlacement } from '../../../shared/ablation/applicatorFromDevice';
import { useAblationStore, type Catalogue } from './ablationStore';

interface Projected {
  paths: { id: string; entry: [number, number]; tip: [number, number]; selected: boolean }[];
  draft: [number, number] | null;
  /** 3D views only: each zone's projected outline (SVG points attribute). */
  outlines: string[];
}

/** The projected outline of each applicator's zone whose device setting is known. */
function outlines(list: ApplicatorPlacement[], catalogue: Catalogue, project: (w: Vec3) => [number, number]): string[] {
  return list.flatMap((a) => {
    if (!catalogue.some((e) => e.id === a.settingId)) return [];
    const xy = zoneSurfacePoints(applicatorFromDevice(a, catalogue)).flatMap(project);
    return [
      convexHull2d(xy)
        .map((i) => `${xy[2 * i]!.toFixed(1)},${xy[2 * i + 1]!.toFixed(1)}`)
        .join(' '),
    ];
  });
}

/**
 * Draws every applicator path on every view (orthographic and 3D) as an SVG layer: entry and
 * tip are projected with each viewport's own worldToCanvas, so the line is right on oblique
 * views and in the 3D view alike. The host element must be position: relative.
 */
export function TrajectoryOverlay({ host }: { host: React.RefObject<HTMLElement | null> }) {
  const applicators = useAblationStore((s) => s.applicators);
  const selectedId = useAblationStore((s) => s.selectedId);
  const draftTip = useAblationStore((s) => s.draftTip);
  const catalogue = useAblationStore((s) => s.catalogue);
  const views = useViewportProjection<Projected>(
    host,
    (vp) => {
      const p = (w: Vec3) => [...vp.worldToCanvas(w)] as [number, number];
      return {
        paths: applicators.map((a) => ({ id: a.id, entry: p(a.entry), tip: p(a.tip), selected: a.id === selectedId })),
        draft: draftTip ? p(draftTip) : null,
        // Slice views show the zone as the overlay labelmap; the 3D view gets its silhouette.
        outlines: vp.type === Enums.ViewportType.VOLUME_3D ? outlines(applicators, catalogue, p) : [],
      };
    },
    [applicators, selectedId, draftTip, catalogue],
  );

  return (
    <>
      {views.map((v) => (
        <svg
          key={v.id}
          className="trajectory-overlay"
          data-testid={`trajectory-${v.id}`}
          data-paths={v.data.paths.length}
          style={{ left: v.left, top: v.top, width: v.width, height: v.height }}
          viewBox={`0 0 ${v.width} ${v.height}`}
        >
          {v.data.outlines.map((o, n) => (
            <polygon key={n} className="zone-outline" points={o} />
          ))}
          {v.data.paths.map((p) => (
            <g key={p.id} className={p.selected ? 'selected' : ''}>
              <line x1={p.entry[0]} y1={p.entry[1]} x2={p.tip[0]} y2={p.tip[1]} />
              <circle className="entry" cx={p.entry[0]} cy={p.entry[1]} r={5} />
              <circle className="tip" cx={p.tip[0]} cy={p.tip[1]} r={4} />
            </g>
          ))}
          {v.data.draft && <circle className="draft" cx={v.data.draft[0]} cy={v.data.draft[1]} r={6} />}
        </svg>
      ))}
    </>
  );
}
