import { Enums, type Types } from '@cornerstonejs/core';
import { useEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import { engine } from './viewerEngine';
import { onViewerEvent } from './viewerEvents';

/** A viewport's box relative to the overlay host, and what was projected onto it. */
export interface ProjectedView<T> {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
  data: T;
}

/**
 * Projects something onto every viewport showing an image, for SVG overlays drawn over the views
 * (paths, landmarks, planes), again after each render of a view (a camera moved by scroll, zoom,
 * pan or crosshairs, or new slices), when a view is set up, and when the host is resized: at
 * most once per frame, no polling. `project` returns null to skip a viewport. State changes only
 * when the projection does, so React stays idle.
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
    let frame = 0;
    const schedule = () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          run();
        });
    };
    // Every view's renders; the list of views changes with the layout, which sets each one up again.
    let elements: HTMLElement[] = [];
    const attach = () => {
      for (const el of elements) el.removeEventListener(Enums.Events.IMAGE_RENDERED, schedule);
      elements = engine()
        .getViewports()
        .map((vp) => vp.element);
      for (const el of elements) el.addEventListener(Enums.Events.IMAGE_RENDERED, schedule);
      schedule();
    };
    attach();
    const offs = [onViewerEvent('viewport-ready', attach), onViewerEvent('volume-ready', attach)];
    const resize = new ResizeObserver(schedule);
    if (host.current) resize.observe(host.current);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      for (const off of offs) off();
      for (const el of elements) el.removeEventListener(Enums.Events.IMAGE_RENDERED, schedule);
    };
  }, [host, ...deps]);
  return views;
}
