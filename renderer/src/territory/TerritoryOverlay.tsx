import { Enums } from '@cornerstonejs/core';
import type { Vec3 } from '../../../shared/volume/grid';
import { useViewportProjection } from '../viewer/useViewportProjection';
import { viewportOf } from '../viewer/viewerEngine';
import { clipToKeptSide } from './clipToKeptSide';
import { css, KEPT_RGB } from './territoryColours';
import { draftCuts, useTerritoryStore } from './territoryStore';

interface Projected {
  /** The kept side of the draft's planes on this slice (SVG points), or '' before all are placed. */
  kept: string;
  points: [number, number][];
}

/**
 * The territory being drawn, over every slice view: its placed points and, once every plane has
 * three, the kept side shaded, so the split is seen before it is applied.
 */
export function TerritoryOverlay({ host }: { host: React.RefObject<HTMLElement | null> }) {
  const draft = useTerritoryStore((s) => s.draft);
  const views = useViewportProjection<Projected>(
    host,
    (vp) => {
      if (vp.type !== Enums.ViewportType.ORTHOGRAPHIC) return null;
      const cuts = draftCuts(draft);
      const { width, height } = vp.element.getBoundingClientRect();
      const toWorld = (xy: [number, number]) => [...vp.canvasToWorld(xy)] as Vec3;
      const kept = typeof cuts === 'string' ? [] : clipToKeptSide(width, height, toWorld, cuts);
      return {
        kept: kept.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '),
        points: draft.planes.flatMap((p) =>
          p.points.flatMap((q) => (q ? [[...vp.worldToCanvas(q)] as [number, number]] : [])),
        ),
      };
    },
    [draft],
  );
  return (
    <>
      {views.map((v) => (
        <svg
          key={v.id}
          className="territory-overlay"
          data-testid={`territory-overlay-${v.id}`}
          data-kept={v.data.kept ? '1' : '0'}
          style={{ left: v.left, top: v.top, width: v.width, height: v.height }}
          viewBox={`0 0 ${v.width} ${v.height}`}
        >
          {v.data.kept && <polygon points={v.data.kept} fill={css(KEPT_RGB, 0.18)} stroke={css(KEPT_RGB)} />}
          {v.data.points.map(([x, y], n) => (
            <circle key={n} cx={x} cy={y} r={4} fill={css(KEPT_RGB)} />
          ))}
        </svg>
      ))}
    </>
  );
}

/**
 * A click on a slice view while placing: the territory takes it (true), otherwise the tools do.
 * The 3D view is left out: a click there has no depth.
 */
export function placeTerritoryPoint(e: { target: EventTarget | null; clientX: number; clientY: number }): boolean {
  const s = useTerritoryStore.getState();
  if (!s.placing) return false;
  const pane = (e.target as HTMLElement | null)?.closest?.('[data-testid^="viewport-"]');
  const vp = viewportOf(pane?.getAttribute('data-testid')?.slice('viewport-'.length) ?? '');
  if (!vp || vp.type !== Enums.ViewportType.ORTHOGRAPHIC || !vp.getActors().length) return false;
  const r = vp.element.getBoundingClientRect();
  s.place([...vp.canvasToWorld([e.clientX - r.left, e.clientY - r.top])] as Vec3);
  return true;
}
