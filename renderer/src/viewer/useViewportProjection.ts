import type { Types } from '@cornerstonejs/core';
import { useEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import { engine } from './viewerEngine';

/** A viewport's box relative to the overlay host, and what was projected onto it. */
export interface ProjectedView<T> {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
  data: T;
}

/** Redraw period: cameras move by scroll, zoom, pan and crosshairs; projecting is cheap. */
const REFRESH_MS = 150;

/**
 * Projects something onto every viewport showing an image, again whenever a camera may have
 * moved, for SVG overlays drawn over the views (paths, landmarks). `project` returns null to
 * skip a viewport. State changes only when the projection does, so React stays idle.
 */
export function useViewportProjection<T>(
  host: RefObject<HTMLElement | null>,
  project: (vp: Types.IViewport) => T | null,
  deps: DependencyList,
): ProjectedView<T>[] {
  const [views, setViews] = useState<ProjectedView<T>[]>([]);
  const last = useRef('');
  useEffect(() => {
    const run = () => {
      const h = host.current;
      if (!h) return;
      const hr = h.getBoundingClientRect();
      const out: ProjectedView<T>[] = [];
      for (const vp of engine().getViewports()) {
        if (!vp.getActors().length) continue;
        const data = project(vp);
        if (data === null) continue;
        const r = vp.element.getBoundingClientRect();
        out.push({ id: vp.id, left: r.left - hr.left, top: r.top - hr.top, width: r.width, height: r.height, data });
      }
      const key = JSON.stringify(out);
      if (key !== last.current) {
        last.current = key;
        setViews(out);
      }
    };
    run();
    const t = setInterval(run, REFRESH_MS);
    return () => clearInterval(t);
  }, [host, ...deps]);
  return views;
}
